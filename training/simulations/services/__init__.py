"""Simulation services: scenarios, items, runs, reviews (take the acting user and ``now``)."""
