"""Content-addressed storage of uploaded files under ``UPLOAD_DIR`` (default ``instance/uploads``).

Files are named by their sha256, so storing the same bytes twice costs nothing and a stored
file cannot be replaced behind the database's back. With several app servers ``UPLOAD_DIR``
must be a shared directory.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from flask import current_app


def upload_root():
    """Return the directory uploads live in (created if missing)."""
    root = Path(current_app.config.get("UPLOAD_DIR") or os.path.join(current_app.instance_path, "uploads"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def path_for(sha256):
    """Return the path of the stored file with this sha256 (hex, validated)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a sha256")
    return upload_root() / sha256[:2] / sha256


def store_bytes(data):
    """Store ``data`` atomically and return its sha256."""
    digest = hashlib.sha256(data).hexdigest()
    target = path_for(digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, target)
    return digest


def read_bytes(sha256):
    """Return the stored bytes, or ``None`` if the file is missing."""
    target = path_for(sha256)
    return target.read_bytes() if target.exists() else None
