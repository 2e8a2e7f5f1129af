"""Course use cases. Callers (routes, CLI, other features) commit; services flush at most."""
