"""Demo history for reports (filled in below)."""


def seed_report_history(now):
    """Give the demo city a past over the last four quarters."""
