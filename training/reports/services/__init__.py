"""Services of the reports feature: they take the acting user and ``now``, never the request."""
