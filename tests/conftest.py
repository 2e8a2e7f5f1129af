"""Fixtures: an app per test on its own database, a client, a logged-in helper, factories.

SQLite (default): the schema is built once into a template file and copied for each test,
so every test starts clean and real commits, threads and several connections behave as in
production. PostgreSQL (``TEST_DATABASE_URL`` set): the schema is built once and every
table is truncated before each test.
"""

import os
import shutil

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import stamp
from sqlalchemy import text
from werkzeug.security import generate_password_hash

from tests.access import ROLES  # noqa: F401  (the roles the world fixture provides)
from training import create_app
from training.core.time import utcnow
from training.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "Mật khẩu thử 2026!"
# A cheap hash keeps hundreds of logins fast; production hashes use scrypt (tests/accounts cover it).
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")



class IsolatedClient(FlaskClient):
    """A test client whose every request runs in its own application context, as in production.

    The ``app`` fixture keeps an application context pushed so tests can use the database;
    without this, Flask would reuse that context (and its ``g``) for every request, so the
    logged-in user or the chosen language would leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


def base_config(uri, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-with-enough-length",
        "SQLALCHEMY_DATABASE_URI": uri,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory):
    """Build the schema once: a template SQLite file, or the tables of the PostgreSQL test database."""
    if TEST_DATABASE_URL:
        app = create_app(base_config(TEST_DATABASE_URL))
        with app.app_context():
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.create_all()
            stamp()
            db.engine.dispose()
        return None
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    app = create_app(base_config(f"sqlite:///{path}"))
    with app.app_context():
        db.create_all()
        stamp()  # the models are the migrations' head (tests/test_migrations.py proves it)
        db.engine.dispose()
    return path


def _fresh_database_uri(schema_template, tmp_path):
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    target = tmp_path / "test.sqlite"
    shutil.copyfile(schema_template, target)
    return f"sqlite:///{target}"


def _truncate_all(app):
    with app.app_context():
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def make_app(schema_template, tmp_path):
    """Return a function building an app on this test's clean database (extra config allowed)."""
    uri = _fresh_database_uri(schema_template, tmp_path)
    apps = []

    def build(**overrides):
        overrides.setdefault("UPLOAD_DIR", str(tmp_path / "uploads"))
        app = create_app(base_config(uri, **overrides))
        app.test_client_class = IsolatedClient
        if TEST_DATABASE_URL and not apps:
            _truncate_all(app)
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The application on a clean database, with an application context pushed."""
    application = make_app()
    with application.app_context():
        yield application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_unit(app):
    """Return a factory creating units through the service (paths are real)."""
    from training.orgunits.services import create_unit, get_unit_by_code

    def make(code, parent=None, name=None, kind="department"):
        existing = get_unit_by_code(code)
        if existing is not None:
            return existing
        unit = create_unit(None, code, name or f"Đơn vị {code}", kind, parent, utcnow())
        db.session.commit()
        return unit

    return make


@pytest.fixture
def make_user(app, make_unit):
    """Return a factory creating people with the shared test password."""
    from training.accounts.models import User

    counter = {"n": 0}

    def make(role="learner", unit=None, scope=None, email=None, name=None, spokesperson=False, **fields):
        counter["n"] += 1
        unit = unit or make_unit("DV")
        now = utcnow()
        user = User(
            email=email or f"{role}{counter['n']}@test.vn", full_name=name or f"Người Thử {counter['n']}",
            position=fields.pop("position", "Chuyên viên"), unit_id=unit.id, role=role,
            scope_unit_id=scope.id if scope else None, is_spokesperson=spokesperson, spokesperson_decision="",
            locale=fields.pop("locale", "vi"), is_active=fields.pop("is_active", True), password_hash=PASSWORD_HASH,
            must_change_password=False, created_at=now, updated_at=now, **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def world(make_unit, make_user):
    """A small city: units and one person per role (the scoped admin administers ward P1)."""
    tu = make_unit("TU", kind="party_committee", name="Thành ủy Thử")
    ubnd = make_unit("UBND", kind="peoples_committee", name="UBND Thành phố Thử")
    units = {
        "TU": tu, "UBND": ubnd,
        "BTG": make_unit("BTG", tu, name="Ban Tuyên giáo", kind="party_board"),
        "PVHTT": make_unit("PVHTT", ubnd, name="Phòng Văn hóa và Thông tin"),
        "P1": make_unit("P1", ubnd, name="Phường 1", kind="ward"),
        "P2": make_unit("P2", ubnd, name="Phường 2", kind="ward"),
    }
    people = {
        "learner": make_user("learner", units["PVHTT"], email="learner@test.vn", name="Lê Học Viên", spokesperson=True),
        "trainer": make_user("trainer", units["BTG"], email="trainer@test.vn", name="Phạm Giảng Viên"),
        "admin": make_user("admin", units["BTG"], email="admin@test.vn", name="Trần Quản Trị"),
        "scoped_admin": make_user("admin", units["P1"], scope=units["P1"], email="admin.p1@test.vn",
                                  name="Nguyễn Quản Trị Phường"),
        "board": make_user("board", units["BTG"], email="board@test.vn", name="Đỗ Ban Tuyên Giáo"),
        "p1_learner": make_user("learner", units["P1"], email="p1@test.vn", name="Huỳnh Phường Một"),
        "p2_learner": make_user("learner", units["P2"], email="p2@test.vn", name="Đặng Phường Hai"),
    }
    return {"units": units, "people": people}


class AuthActions:
    """Log a test client in as someone, the way the login page does it."""

    def __init__(self, client):
        self.client = client

    def login(self, user, password=PASSWORD):
        return self.client.post("/login", data={"email": user.email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def login_as(app, client, world):
    """Return ``login(role)``: a client logged in as the world's person with that role."""

    def login(role):
        if role == "anonymous":
            return client
        response = client.post("/login", data={"email": world["people"][role].email, "password": PASSWORD})
        assert response.status_code == 302, response.data[:500]
        return client

    return login


class QueryCounter:
    """Count the SQL statements the app sends (for no-N+1 budgets; never timing)."""

    def __init__(self, engine):
        self.engine = engine
        self.statements = []

    def _count(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)

    @property
    def count(self):
        return len([s for s in self.statements if not s.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE"))])


@pytest.fixture
def count_queries(app):
    """Return a context manager counting the statements sent while it is open."""
    return lambda: QueryCounter(db.engine)
