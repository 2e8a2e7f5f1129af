"""Whether the database schema is at the newest migration (for /readyz)."""

import os

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from training.extensions import db


def migrations_at_head():
    """Return whether the database's alembic revision equals the newest migration file."""
    directory = os.path.join(os.path.dirname(current_app.root_path), "migrations")
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", directory)
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads
