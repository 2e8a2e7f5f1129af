"""The application factory and its configuration."""

import pytest

from training import create_app


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["DEFAULT_LOCALE"] == "vi"


@pytest.mark.parametrize("secret", [None, "", "dev", "short"])
def test_refuses_to_start_without_a_real_secret(secret, tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": secret, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})


def test_environment_overrides_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("TRAINING_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("TRAINING_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite")
    monkeypatch.setenv("TRAINING_HTTPS", "true")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_instance_config_is_generated_once(tmp_path):
    from training.config import generate_instance_config

    path = tmp_path / "instance" / "config.py"
    assert generate_instance_config(str(path)) is True
    first = path.read_text()
    assert "SECRET_KEY" in first
    assert generate_instance_config(str(path)) is False
    assert path.read_text() == first
    assert oct(path.stat().st_mode)[-3:] == "600"


def test_sqlite_runs_in_wal_mode_with_busy_timeout(app):
    from sqlalchemy import text

    from training.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
