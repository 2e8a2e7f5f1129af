"""Client address lookup that honours the configured number of trusted proxies."""

from flask import current_app, request


def client_address():
    """Return the client's IP address as seen through ``TRUSTED_PROXIES`` reverse proxies."""
    hops = int(current_app.config.get("TRUSTED_PROXIES", 0) or 0)
    if hops > 0:
        forwarded = [p.strip() for p in request.headers.get("X-Forwarded-For", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.remote_addr or "unknown"
