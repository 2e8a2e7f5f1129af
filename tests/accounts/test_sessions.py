"""Logging in and out: server-side sessions that die for good, throttling, no enumeration."""

from datetime import timedelta

import pytest

from tests.conftest import PASSWORD
from training.accounts.models import UserSession
from training.accounts.services import set_user_active
from training.extensions import db


def _cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_login_with_correct_password_opens_the_home_page(client, world):
    response = client.post("/login", data={"email": "LEARNER@test.vn ", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Lê Học Viên" in client.get("/").get_data(as_text=True)


def test_wrong_password_and_unknown_email_get_the_same_answer(client, world):
    wrong = client.post("/login", data={"email": "learner@test.vn", "password": "sai mật khẩu"})
    unknown = client.post("/login", data={"email": "nobody@test.vn", "password": "sai mật khẩu"})
    assert wrong.status_code == unknown.status_code == 200
    message = "Thư điện tử hoặc mật khẩu không đúng."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_deactivated_people_cannot_log_in(client, world):
    set_user_active(None, world["people"]["learner"], False, _now())
    db.session.commit()
    response = client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    assert response.status_code == 200 and "không đúng" in response.get_data(as_text=True)


def test_session_cookie_changes_at_login(client, world):
    client.get("/login")
    client.post("/language", data={"locale": "vi"})
    before = _cookie(client)
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    assert _cookie(client) != before


def test_old_cookie_is_dead_after_logout(app, client, world):
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    stolen = _cookie(client)
    assert client.get("/account").status_code == 200
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_old_cookie_is_dead_after_password_change(app, client, world):
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    stolen = _cookie(client)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "Một câu mật khẩu mới 2026", "confirm": "Một câu mật khẩu mới 2026"})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200  # the person who changed it stays logged in
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/account").status_code == 302


def test_old_cookie_is_dead_after_deactivation(app, client, world):
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    set_user_active(world["people"]["admin"], world["people"]["learner"], False, _now())
    db.session.commit()
    assert client.get("/account").status_code == 302


def test_idle_session_expires(app, client, world):
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    row = db.session.query(UserSession).one()
    row.last_seen_at = row.last_seen_at - timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    db.session.commit()
    assert client.get("/account").status_code == 302


def test_next_parameter_cannot_leave_the_site(client, world):
    response = client.post("/login?next=//evil.example/x", data={"email": "learner@test.vn", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    response = client.post("/logout")
    response = client.post("/login?next=/account", data={"email": "learner@test.vn", "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_temporary_password_must_be_changed_first(client, world):
    from training.accounts.services import set_temporary_password

    set_temporary_password(world["people"]["admin"], world["people"]["learner"], "Mật khẩu tạm thời 123", _now())
    db.session.commit()
    response = client.post("/login", data={"email": "learner@test.vn", "password": "Mật khẩu tạm thời 123"})
    assert response.headers["Location"] == "/account/password"


def test_account_is_throttled_after_repeated_failures(client, world):
    for _ in range(5):
        assert client.post("/login", data={"email": "learner@test.vn", "password": "sai"}).status_code == 200
    response = client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.get_data(as_text=True)
    # Another account from the same address is not locked by this one's failures.
    assert client.post("/login", data={"email": "trainer@test.vn", "password": PASSWORD}).status_code == 302


def test_address_is_throttled_when_spraying_accounts(make_app, world):
    app = make_app(LOGIN_LIMIT_PER_IP="3 per minute")
    client = app.test_client()
    for i in range(3):
        client.post("/login", data={"email": f"x{i}@test.vn", "password": "sai"})
    assert client.post("/login", data={"email": "y@test.vn", "password": "sai"}).status_code == 429


@pytest.mark.parametrize(("password", "accepted"), [
    ("1234567", False), ("123456789", False), ("matkhau123", False), ("password", False),
    ("Trời hôm nay thật đẹp", True), ("a" * 64 + "Zz9", True),
])
def test_password_policy_on_change(client, world, password, accepted):
    client.post("/login", data={"email": "learner@test.vn", "password": PASSWORD})
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": password, "confirm": password})
    assert (response.status_code == 302) is accepted


def test_production_cookie_flags(make_app):
    app = make_app(HTTPS=True, SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-session")
    response = app.test_client().get("/login")
    response = app.test_client().post("/language", data={"locale": "vi"})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and cookie.startswith("__Host-")


def _now():
    from training.core.time import utcnow

    return utcnow()
