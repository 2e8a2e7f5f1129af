"""Scale-out checks (two servers behind nginx, shared PostgreSQL and Redis), run alongside the load.

Filled in below.
"""
