"""Reports to the Propaganda Board: training coverage per unit and period."""
