"""Quiz services: they take the acting user and ``now``, flush at most and never read the request."""
