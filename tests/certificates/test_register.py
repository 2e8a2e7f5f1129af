"""The register for administrators: filters, scope, XLSX export, revocation, class downloads."""

import io
import zipfile
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from tests.certificates import poppler
from tests.certificates.conftest import complete
from training.certificates.models import Certificate
from training.core.time import utcnow
from training.courses.services import enrolment
from training.extensions import db


@pytest.fixture
def three(world, certified, make_user):
    """Certificates for the learner (PVHTT), a P1 person in a class, and a P2 person with a formula name."""
    admin = world["people"]["admin"]
    p1_class = enrolment.save_class(admin, None, certified["course"], {"name": "Lớp P1",
                                                                       "unit_id": world["units"]["P1"].id}, utcnow())
    db.session.commit()
    complete(certified["course"], world["people"]["learner"], when=utcnow() - timedelta(days=800))
    enrolment.enrol_people(admin, certified["course"], [world["people"]["p1_learner"]], utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=p1_class)
    complete(certified["course"], world["people"]["p1_learner"])
    formula = make_user("learner", world["units"]["P2"], name="=HYPERLINK(\"http://x\")")
    complete(certified["course"], formula)
    return {"class": p1_class, "certificates": db.session.scalars(select(Certificate).order_by(Certificate.id)).all()}


def test_the_register_lists_and_filters(login_as, three):
    client = login_as("admin")
    text = client.get("/admin/certificates/").get_data(as_text=True)
    assert all(c.serial in text for c in three["certificates"])
    expired = client.get("/admin/certificates/", query_string={"status": "expired"}).get_data(as_text=True)
    assert three["certificates"][0].serial in expired and three["certificates"][1].serial not in expired
    by_unit = client.get("/admin/certificates/", query_string={"unit": "P1"}).get_data(as_text=True)
    assert three["certificates"][1].serial in by_unit and three["certificates"][2].serial not in by_unit
    by_name = client.get("/admin/certificates/", query_string={"q": "hoc vien"}).get_data(as_text=True)
    assert "Lê Học Viên" in by_name and three["certificates"][1].serial not in by_name
    bad = client.get("/admin/certificates/", query_string={"from": "31/02/2026", "expiring": "abc"})
    assert bad.status_code == 200 and "không phải là ngày hợp lệ" in bad.get_data(as_text=True)


def test_expiring_within_n_days(login_as, three):
    soon = three["certificates"][1]
    soon.expires_on = utcnow().date() + timedelta(days=30)
    db.session.commit()
    text = login_as("admin").get("/admin/certificates/", query_string={"expiring": 90}).get_data(as_text=True)
    assert soon.serial in text and three["certificates"][2].serial not in text


def test_a_scoped_admin_sees_only_their_wards_holders(login_as, three):
    client = login_as("scoped_admin")
    text = client.get("/admin/certificates/").get_data(as_text=True)
    assert three["certificates"][1].serial in text and three["certificates"][0].serial not in text
    assert client.get("/admin/certificates/", query_string={"unit": "P2"}).status_code == 403


def test_the_xlsx_export_is_formula_safe(login_as, three):
    response = login_as("admin").get("/admin/certificates/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert sheet.cell(1, 1).value == "Số hiệu" and sheet.max_row == 4


def test_revoking_needs_a_reason_and_is_shown_publicly(login_as, world, three, client):
    target = three["certificates"][1]
    admin = login_as("admin")
    refused = admin.post(f"/admin/certificates/{target.id}/revoke", data={"reason": "x"})
    assert refused.status_code == 400
    db.session.expire_all()
    assert db.session.get(Certificate, target.id).revoked_at is None
    done = admin.post(f"/admin/certificates/{target.id}/revoke", data={"reason": "Cấp nhầm đối tượng"})
    assert done.status_code == 302
    again = admin.post(f"/admin/certificates/{target.id}/revoke", data={"reason": "Lần thứ hai"})
    assert again.status_code == 400 and "đã bị thu hồi" in again.get_data(as_text=True)
    public = client.get(f"/verify/{target.serial}", query_string={"code": target.verification_code})
    assert "Cấp nhầm đối tượng" in public.get_data(as_text=True)
    from training.core.audit import AuditEvent

    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "certificate.revoke")) is not None


def test_a_revoked_certificate_downloads_marked_as_revoked(login_as, world, three):
    from training.certificates.services.lifecycle import revoke

    target = three["certificates"][0]
    revoke(world["people"]["admin"], target, "Cấp nhầm đối tượng", utcnow())
    db.session.commit()
    response = login_as("learner").get(f"/certificates/{target.id}/pdf")
    assert response.status_code == 200 and "ĐÃ THU HỒI" in poppler.text(response.data, "-raw")  # rotated text


def test_the_class_zip_streams_its_pdfs(login_as, three):
    response = login_as("admin").get(f"/admin/certificates/classes/{three['class'].id}/certificates.zip")
    assert response.status_code == 200 and response.is_streamed
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert names == [f"{three['certificates'][1].serial}_huynh-phuong-mot.pdf"]
    assert archive.read(names[0]).startswith(b"%PDF")


def test_the_class_merged_pdf_has_every_page_and_embedded_fonts(login_as, world, certified, three, make_user):
    more = make_user("learner", world["units"]["P1"], name="Trương Thị Ánh Tuyết")
    enrolment.enrol_people(None, certified["course"], [more], utcnow(), "Asia/Ho_Chi_Minh", training_class=three["class"])
    complete(certified["course"], more)
    response = login_as("admin").get(f"/admin/certificates/classes/{three['class'].id}/certificates.pdf")
    assert response.is_streamed
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 2 and reader.metadata.title == "Lớp P1"
    text = poppler.text(response.data)
    assert "Trương Thị Ánh Tuyết" in text and "Huỳnh Phường Một" in text
    assert all(row[-5] == "yes" for row in poppler.fonts(response.data))


def test_a_tampered_record_is_not_printed(login_as, three):
    target = three["certificates"][1]
    target.params = {**target.params, "learner_name": "Người Khác"}
    db.session.commit()
    admin = login_as("admin")
    assert admin.get(f"/certificates/{target.id}/pdf").status_code == 409
    assert "Kiểm tra toàn vẹn không đạt" in admin.get(f"/admin/certificates/{target.id}").get_data(as_text=True)
    archive = zipfile.ZipFile(io.BytesIO(admin.get(f"/admin/certificates/classes/{three['class'].id}/certificates.zip").data))
    assert archive.namelist() == ["KIEM-TRA-TOAN-VEN.txt"] and target.serial in archive.read("KIEM-TRA-TOAN-VEN.txt").decode()


def test_the_learner_sees_downloads_and_shares_their_certificates(login_as, three):
    client = login_as("learner")
    text = client.get("/certificates/").get_data(as_text=True)
    mine = three["certificates"][0]
    assert mine.serial in text and "Hết hiệu lực" in text
    assert f"/verify/{mine.serial}?code={mine.verification_code.replace('-', '')}" in text
    assert three["certificates"][1].serial not in text
    assert client.get(f"/certificates/{three['certificates'][1].id}/pdf").status_code == 404
