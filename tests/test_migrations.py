"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import base_config
from training import create_app
from training.extensions import db


@pytest.fixture
def empty_database_uri(tmp_path):
    """An empty database: a new SQLite file, or a new PostgreSQL database dropped afterwards."""
    test_url = os.environ.get("TEST_DATABASE_URL")
    if not test_url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    url = make_url(test_url)
    name = f"{url.database}_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_to_head_matches_the_models(empty_database_uri):
    app = create_app(base_config(empty_database_uri))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_to_base_and_up_again(empty_database_uri):
    app = create_app(base_config(empty_database_uri))
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            assert "users" in inspect(connection).get_table_names()
        db.engine.dispose()
