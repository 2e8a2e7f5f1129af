"""The public verification page and its JSON form, for every answer, rate-limited."""

import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.certificates.conftest import complete
from training.certificates.models import Certificate
from training.certificates.services import lifecycle
from training.core.time import utcnow
from training.extensions import db


@pytest.fixture
def issued(world, certified):
    complete(certified["course"], world["people"]["learner"])
    return db.session.scalar(select(Certificate))


def _page(client, certificate, code=None):
    code = certificate.verification_code if code is None else code
    return client.get(f"/verify/{certificate.serial}", query_string={"code": code} if code else {})


def _result(response):
    text = response.get_data(as_text=True)
    return text.split('data-result="')[1].split('"')[0]


def test_valid_shows_name_course_and_dates_and_nothing_else_personal(client, issued):
    response = _page(client, issued)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and _result(response) == "valid"
    assert "Hợp lệ" in text and "Lê Học Viên" in text and "Khung pháp lý về phát ngôn" in text
    assert issued.issued_on.strftime("%d/%m/%Y") in text
    assert "learner@test.vn" not in text and "Phòng Văn hóa" not in text  # no e-mail, no unit
    assert response.headers["X-Robots-Tag"].startswith("noindex")


def test_the_code_may_be_typed_in_lower_case_with_spaces(client, issued):
    typed = issued.verification_code.lower().replace("-", " ")
    assert _result(_page(client, issued, typed)) == "valid"


def test_without_the_code_the_page_asks_for_it(client, issued):
    response = client.get(f"/verify/{issued.serial}")
    assert _result(response) == "need_code" and 'name="code"' in response.get_data(as_text=True)
    assert "Lê Học Viên" not in response.get_data(as_text=True)


def test_a_wrong_code_says_so_and_shows_nothing(client, issued):
    response = _page(client, issued, "AAAA-BBBB-CC")
    assert response.status_code == 200 and _result(response) == "wrong_code"
    assert "Lê Học Viên" not in response.get_data(as_text=True)


def test_an_unknown_serial_is_a_clear_404(client, issued):
    response = client.get("/verify/GCN-1999-000001", query_string={"code": "AAAA"})
    assert response.status_code == 404 and _result(response) == "unknown"
    assert "Không có giấy chứng nhận nào mang số hiệu này" in response.get_data(as_text=True)


def test_revoked_shows_the_date_and_the_reason(client, world, issued):
    lifecycle.revoke(world["people"]["admin"], issued, "Cấp nhầm đối tượng <script>", utcnow())
    db.session.commit()
    text = _page(client, issued).get_data(as_text=True)
    assert 'data-result="revoked"' in text and "Đã thu hồi" in text
    assert "Cấp nhầm đối tượng &lt;script&gt;" in text and utcnow().strftime("%d/%m/%Y") in text


def test_expired_by_date(client, issued):
    issued.expires_on = utcnow().date() - timedelta(days=3)
    db.session.commit()
    assert _result(_page(client, issued)) == "expired"


def test_refresher_required_reads_can_boi_duong_cap_nhat(client, world, certified, issued, make_unit, config):
    from training.courses.services import authoring

    trainer = world["people"]["trainer"]
    refresher = authoring.create_course(trainer, {"title": "Cập nhật Luật Báo chí 2025", "slug": "cap-nhat"}, utcnow())
    module = authoring.add_module(trainer, refresher, "Điểm mới", utcnow())
    authoring.add_item(trainer, module, "lesson", "Luật Báo chí 2025", utcnow())
    authoring.set_status(trainer, refresher, "published", utcnow())
    authoring.new_version(trainer, certified["course"], "Luật Báo chí 2025", utcnow())
    lifecycle.require_refresher(world["people"]["admin"], certified["course"], refresher,
                                "Luật Báo chí 2025 thay thế Luật Báo chí 2016", utcnow(), config)
    db.session.commit()
    text = _page(client, issued).get_data(as_text=True)
    assert 'data-result="refresher"' in text and "cần bồi dưỡng cập nhật" in text
    assert "Luật Báo chí 2025 thay thế Luật Báo chí 2016" in text


def test_a_name_typed_in_nfd_is_shown_composed(client, world, certified, make_user):
    person = make_user("learner", world["units"]["P1"], name=unicodedata.normalize("NFD", "Nguyễn Thị Thanh Hương"))
    complete(certified["course"], person)
    certificate = db.session.scalar(select(Certificate))
    assert certificate.params["learner_name"] == "Nguyễn Thị Thanh Hương"
    assert "Nguyễn Thị Thanh Hương" in _page(client, certificate).get_data(as_text=True)


def test_the_json_form_gives_the_same_answer(client, world, issued):
    data = client.get(f"/api/v1/verify/{issued.serial}", query_string={"code": issued.verification_code}).get_json()
    assert data["result"] == "valid" and data["holder"] == "Lê Học Viên"
    assert data["issued_on"] == issued.issued_on.isoformat() and "email" not in data
    lifecycle.revoke(world["people"]["admin"], issued, "Thu hồi theo quyết định số 12", utcnow())
    db.session.commit()
    data = client.get(f"/api/v1/verify/{issued.serial}", query_string={"code": issued.verification_code}).get_json()
    assert data["result"] == "revoked" and data["revoked_reason"] == "Thu hồi theo quyết định số 12"
    unknown = client.get("/api/v1/verify/GCN-1999-000001")
    assert unknown.status_code == 404 and unknown.get_json()["result"] == "unknown"


def test_the_lookup_form_goes_to_the_certificate(client, issued):
    response = client.get("/verify", query_string={"serial": issued.serial.lower(), "code": "x"})
    assert response.status_code == 302 and f"/verify/{issued.serial}" in response.headers["Location"]


def test_guessing_codes_is_stopped_with_a_vietnamese_429(make_app, world, certified, issued):
    app = make_app(VERIFY_LIMIT_PER_CERTIFICATE="3 per hour", VERIFY_LIMIT_PER_IP="100 per minute")
    client = app.test_client()
    statuses = [client.get(f"/verify/{issued.serial}", query_string={"code": f"WRONG{n}"}).status_code
                for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    blocked = client.get(f"/verify/{issued.serial}", query_string={"code": issued.verification_code})
    assert blocked.status_code == 429 and "Bạn đã thử quá nhiều lần" in blocked.get_data(as_text=True)
    json = client.get(f"/api/v1/verify/{issued.serial}", query_string={"code": "X"})
    assert json.status_code == 429 and json.is_json


def test_each_address_is_limited_too(make_app, world, certified, issued):
    app = make_app(VERIFY_LIMIT_PER_IP="2 per minute")
    client = app.test_client()
    statuses = [client.get(f"/verify/{issued.serial}").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
