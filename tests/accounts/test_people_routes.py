"""People pages as an administrator uses them: list, filters, create, edit, deactivate, import."""

import io

from sqlalchemy import select

from tests.paths import fixture
from training.accounts.models import User
from training.core.audit import AuditEvent
from training.extensions import db


def _person(email):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_search_ignores_diacritics_and_case(login_as, world):
    page = login_as("admin").get("/admin/users/?q=HUYNH phuong").get_data(as_text=True)
    assert "Huỳnh Phường Một" in page and "Đặng Phường Hai" not in page


def test_filters_by_unit_subtree_role_and_spokesperson(login_as, world):
    client = login_as("admin")
    page = client.get("/admin/users/?unit=UBND").get_data(as_text=True)
    assert "Huỳnh Phường Một" in page and "Lê Học Viên" in page and "Đỗ Ban Tuyên Giáo" not in page
    page = client.get("/admin/users/?spokesperson=yes").get_data(as_text=True)
    assert "Lê Học Viên" in page and "Huỳnh Phường Một" not in page
    page = client.get("/admin/users/?role=board").get_data(as_text=True)
    assert "Đỗ Ban Tuyên Giáo" in page and "Lê Học Viên" not in page


def test_pagination_and_hostile_query_strings(login_as, world, make_user):
    for i in range(30):
        make_user("learner", world["units"]["P2"], email=f"hv{i}@test.vn")
    client = login_as("admin")
    assert "Trang 1/2" in client.get("/admin/users/").get_data(as_text=True)
    assert "Trang 2/2" in client.get("/admin/users/?page=99").get_data(as_text=True)
    for query in ("?page=abc", "?q=%27%20OR%201%3D1--", "?unit=KHONGCO", "?role=god", "?q=%25%25"):
        assert client.get("/admin/users/" + query).status_code == 200


def test_scoped_admin_lists_only_their_ward(login_as, world):
    page = login_as("scoped_admin").get("/admin/users/").get_data(as_text=True)
    assert "Huỳnh Phường Một" in page and "Đặng Phường Hai" not in page and "Lê Học Viên" not in page


def test_create_person_and_audit(login_as, world):
    response = login_as("admin").post("/admin/users/new", data={
        "email": "Moi.Nguoi@Test.vn", "full_name": "Người  Mới", "position": "Chuyên viên",
        "unit_id": world["units"]["P2"].id, "role": "learner", "scope_unit_id": 0, "is_spokesperson": "y",
        "spokesperson_decision": "300/QĐ-UBND", "designated_on": "01/09/2026", "locale": "vi"})
    assert response.status_code == 302
    person = _person("moi.nguoi@test.vn")
    assert person.full_name == "Người Mới" and person.is_spokesperson and person.designated_on.day == 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.create"))
    assert event.actor_label == "admin@test.vn" and event.summary["email"] == "moi.nguoi@test.vn"


def test_duplicate_email_and_bad_date_are_explained(login_as, world):
    client = login_as("admin")
    response = client.post("/admin/users/new", data={
        "email": "LEARNER@test.vn", "full_name": "Trùng", "unit_id": world["units"]["P2"].id, "role": "learner",
        "scope_unit_id": 0, "locale": "vi"})
    assert response.status_code == 400 and "đã được người khác sử dụng" in response.get_data(as_text=True)
    response = client.post("/admin/users/new", data={
        "email": "ngay.sai@test.vn", "full_name": "Ngày Sai", "unit_id": world["units"]["P2"].id, "role": "learner",
        "scope_unit_id": 0, "designated_on": "31/02/2024", "locale": "vi"})
    assert response.status_code == 400 and "dd/mm/yyyy" in response.get_data(as_text=True)
    assert _person("ngay.sai@test.vn") is None


def test_scoped_admin_cannot_create_outside_scope_or_promote(login_as, world):
    client = login_as("scoped_admin")
    response = client.post("/admin/users/new", data={
        "email": "ngoai@test.vn", "full_name": "Ngoài Phạm Vi", "unit_id": world["units"]["P2"].id, "role": "learner",
        "scope_unit_id": world["units"]["P1"].id, "locale": "vi"})
    assert response.status_code == 400 and _person("ngoai@test.vn") is None
    response = client.post("/admin/users/new", data={
        "email": "sep@test.vn", "full_name": "Tự Phong", "unit_id": world["units"]["P1"].id, "role": "admin",
        "scope_unit_id": world["units"]["P1"].id, "locale": "vi"})
    assert response.status_code == 400 and _person("sep@test.vn") is None


def test_extra_fields_are_ignored(login_as, world):
    learner = world["people"]["p1_learner"]
    login_as("scoped_admin").post(f"/admin/users/{learner.id}/edit", data={
        "email": learner.email, "full_name": "Huỳnh Phường Một", "unit_id": world["units"]["P1"].id, "role": "learner",
        "scope_unit_id": world["units"]["P1"].id, "locale": "vi", "password_hash": "x", "is_active": "0", "id": 1})
    person = _person(learner.email)
    assert person.is_active and person.password_hash != "x" and person.id == learner.id


def test_role_change_is_audited_and_takes_effect_at_once(app, world, login_as):
    learner = world["people"]["learner"]
    learner_client = app.test_client()
    from tests.conftest import PASSWORD

    learner_client.post("/login", data={"email": learner.email, "password": PASSWORD})
    assert learner_client.get("/admin/users/").status_code == 403
    login_as("admin").post(f"/admin/users/{learner.id}/edit", data={
        "email": learner.email, "full_name": learner.full_name, "unit_id": learner.unit_id, "role": "admin",
        "scope_unit_id": world["units"]["UBND"].id, "locale": "vi"})
    assert learner_client.get("/admin/users/").status_code == 200
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.role_change"))
    assert event.summary["changes"]["role"] == ["learner", "admin"]


def test_deactivate_keeps_the_record(login_as, world):
    learner = world["people"]["p1_learner"]
    client = login_as("admin")
    client.post(f"/admin/users/{learner.id}/active", data={"active": "0"})
    assert _person(learner.email).is_active is False
    page = client.get("/admin/users/?active=no").get_data(as_text=True)
    assert "Huỳnh Phường Một" in page


def test_admin_cannot_deactivate_themselves(login_as, world):
    admin = world["people"]["admin"]
    login_as("admin").post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert _person(admin.email).is_active


def test_temporary_password_lets_the_person_log_in(app, login_as, world):
    learner = world["people"]["p2_learner"]
    login_as("admin").post(f"/admin/users/{learner.id}/password", data={"password": "Mật khẩu tạm 2026 ok"})
    other = app.test_client()
    response = other.post("/login", data={"email": learner.email, "password": "Mật khẩu tạm 2026 ok"})
    assert response.headers["Location"] == "/account/password"


def _upload(client, name, data=None):
    data = data if data is not None else fixture("roster", name).read_bytes()
    response = client.post("/admin/users/import", data={"file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    return response.headers["Location"]


def _sample_units(client):
    url = client.post("/admin/units/import", data={"file": (io.BytesIO(fixture("roster", "units-sample.csv").read_bytes()),
                                                           "units-sample.csv")}, content_type="multipart/form-data")
    client.post(url.headers["Location"], data={"action": "import"})


def test_roster_import_all_or_nothing_then_valid_only(login_as, world):
    client = login_as("admin")
    _sample_units(client)
    url = _upload(client, "roster-with-errors.csv")
    page = client.get(url).get_data(as_text=True)
    for text in ("Dòng 3", "not-an-email", "KHONGCO", "superuser", "31/02/2024", "Chưa có địa chỉ thư điện tử",
                 "đã có ở dòng 2"):
        assert text in page
    response = client.post(url, data={"action": "import"})
    assert response.status_code == 400 and _person("ok.person@vungtau.gov.vn") is None
    response = client.post(url, data={"action": "valid_only"})
    assert response.status_code == 302 and _person("ok.person@vungtau.gov.vn") is not None


def test_roster_import_creates_17_and_reimport_changes_nothing(login_as, world):
    client = login_as("admin")
    _sample_units(client)
    url = _upload(client, "roster-sample.csv")
    client.post(url, data={"action": "import"})
    result = client.get(url).get_data(as_text=True)
    assert "tạo mới 17" in result and "Trần Thị Thu Hà" in result
    person = _person("tran.thi.thu.ha@vungtau.gov.vn")
    assert person.unit.code == "BTG" and person.spokesperson_decision == "08-QĐ/TU" and person.password_hash is None
    url = _upload(client, "roster-sample.csv")
    client.post(url, data={"action": "import"})
    assert "không đổi 17" in client.get(url).get_data(as_text=True)


def test_import_can_be_cancelled(login_as, world):
    client = login_as("admin")
    url = _upload(client, "roster-sample.csv")
    client.post(url, data={"action": "cancel"})
    assert "đã bị hủy" in client.get(url).get_data(as_text=True)


def test_another_admins_import_is_not_visible(app, login_as, world):
    url = _upload(login_as("admin"), "roster-sample.csv")
    other = app.test_client()
    from tests.conftest import PASSWORD

    other.post("/login", data={"email": "admin.p1@test.vn", "password": PASSWORD})
    assert other.get(url).status_code == 404


def test_unreadable_upload_is_explained(login_as, world):
    client = login_as("admin")
    url = _upload(client, "roster.csv", "email,full_name\nx@y.vn,Ng\xe0".encode("latin-1"))
    response = client.get(url)
    assert response.status_code == 400 and "UTF-8" in response.get_data(as_text=True)
