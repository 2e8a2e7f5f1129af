"""Who may use the certificate pages. Certificates: the learner (PVHTT), P1's and P2's learners."""

from tests.access import (
    ADMIN_REDIRECT,
    ADMINS,
    ADMINS_BAD_FORM,
    CITY_ADMINS,
    CITY_ADMINS_BAD_FORM,
    LOGGED_IN,
    OUTSIDE_SCOPE,
    PUBLIC,
    Route,
    expect,
)


def setup(world):
    """A certified course, a class per ward, certificates for three learners, a request, a job."""
    from sqlalchemy import select

    from tests.certificates.conftest import complete
    from tests.certificates.samples import seal_png, signature_png
    from training.certificates.models import Certificate, CertificateRequest
    from training.certificates.services import batches
    from training.certificates.services.settings import save_settings
    from training.core.time import local_today, utcnow
    from training.courses.services import authoring, enrolment
    from training.extensions import db

    now, admin, trainer = utcnow(), world["people"]["admin"], world["people"]["trainer"]
    course = authoring.create_course(trainer, {"title": "Khóa có chứng nhận", "slug": "cert"}, now)
    module = authoring.add_module(trainer, course, "Học phần", now)
    authoring.add_item(trainer, module, "lesson", "Bài 1", now)
    authoring.set_status(trainer, course, "published", now)
    save_settings(admin, course, {"mode": "auto", "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}",
                                  "issuer_unit_id": world["units"]["BTG"].id, "header_lines": "", "place": "Vũng Tàu",
                                  "signer_name": "Đỗ Thị Phương", "signer_title": "TRƯỞNG BAN",
                                  "refresher_course_id": None},
                  {"signature": signature_png(), "seal": seal_png()}, now, local_today(now), 2 * 1024 * 1024)
    classes = {code: enrolment.save_class(admin, None, course, {"name": f"Lớp {code}",
                                                                  "unit_id": world["units"][code].id}, now)
               for code in ("P1", "P2")}
    enrolment.enrol_people(admin, course, [world["people"]["p1_learner"]], now, "Asia/Ho_Chi_Minh",
                           training_class=classes["P1"])
    enrolment.enrol_people(admin, course, [world["people"]["p2_learner"]], now, "Asia/Ho_Chi_Minh",
                           training_class=classes["P2"])
    db.session.commit()
    for key in ("learner", "p1_learner", "p2_learner"):
        complete(course, world["people"][key])
    certificates = {c.user_id: c for c in db.session.scalars(select(Certificate))}
    other = authoring.create_course(trainer, {"title": "Khóa cần duyệt", "slug": "approval"}, now)
    other_module = authoring.add_module(trainer, other, "Học phần", now)
    authoring.add_item(trainer, other_module, "lesson", "Bài", now)
    authoring.set_status(trainer, other, "published", now)
    db.session.commit()
    for key in ("p1_learner", "p2_learner"):
        complete(other, world["people"][key])
    requests = {r.user_id: r for r in db.session.scalars(select(CertificateRequest))}
    rows = batches.candidates(admin, other, unit=world["units"]["UBND"])
    job = batches.start_job(admin, other, rows, now, unit=world["units"]["UBND"])
    db.session.commit()
    people = world["people"]
    return {"course": course, "classes": classes, "job": job,
            "certificates": {key: certificates[people[key].id] for key in ("learner", "p1_learner", "p2_learner")},
            "requests": {key: requests[people[key].id] for key in ("p1_learner", "p2_learner")}}


def cert(key):
    return lambda w: {"certificate_id": w["certificates"][key].id}


def verify(key, code=True):
    def args(w):
        certificate = w["certificates"][key]
        return {"serial": certificate.serial, **({"code": certificate.verification_code} if code else {})}
    return args


def request_id(key):
    return lambda w: {"request_id": w["requests"][key].id}


def course(w):
    return {"course_id": w["course"].id}


OWN_OR_ADMIN = expect(302, 200, 404, 200, 403, 404)  # the learner's own certificate (PVHTT: not the P1 admin's)
P1_CERTIFICATE = expect(302, 404, 404, 200, 200, 404)

ROUTES = [
    Route("verify.lookup", "GET", PUBLIC),
    Route("verify.certificate", "GET", PUBLIC, verify("learner")),
    Route("verify.certificate", "GET", PUBLIC, verify("learner", code=False)),
    Route("verify.certificate", "GET", expect(404, 404, 404, 404, 404, 404), lambda w: {"serial": "GCN-1999-000001"}),
    Route("verify.certificate_json", "GET", PUBLIC, verify("p2_learner")),
    Route("my_certificates.index", "GET", LOGGED_IN),
    Route("my_certificates.download", "GET", OWN_OR_ADMIN, cert("learner")),
    Route("my_certificates.download", "GET", P1_CERTIFICATE, cert("p1_learner")),
    Route("cert_register.index", "GET", ADMINS),
    Route("cert_register.export", "GET", ADMINS),
    Route("cert_register.detail", "GET", ADMINS, cert("p1_learner")),
    Route("cert_register.detail", "GET", OUTSIDE_SCOPE, cert("p2_learner")),
    Route("cert_register.revoke", "POST", ADMINS_BAD_FORM, cert("p1_learner")),
    Route("cert_register.revoke", "POST", expect(302, 403, 403, 302, 403, 403), cert("p2_learner"),
          lambda w: {"reason": "Cấp nhầm đối tượng"}),
    Route("cert_register.class_download", "GET", ADMINS, lambda w: {"class_id": w["classes"]["P1"].id, "fmt": "zip"}),
    Route("cert_register.class_download", "GET", OUTSIDE_SCOPE,
          lambda w: {"class_id": w["classes"]["P2"].id, "fmt": "pdf"}),
    Route("cert_issue.approvals", "GET", ADMINS),
    Route("cert_issue.approve", "POST", ADMIN_REDIRECT, request_id("p1_learner")),
    Route("cert_issue.approve", "POST", expect(302, 403, 403, 302, 403, 403), request_id("p2_learner")),
    Route("cert_issue.decline", "POST", ADMIN_REDIRECT, request_id("p1_learner"),
          lambda w: {"note": "Chưa nộp bài thu hoạch"}),
    Route("cert_issue.bulk", "GET", ADMINS),
    Route("cert_issue.start_bulk", "POST", ADMINS_BAD_FORM),
    Route("cert_issue.job", "GET", expect(302, 403, 403, 200, 403, 403), lambda w: {"job_id": w["job"].id}),
    Route("cert_issue.step", "POST", expect(302, 403, 403, 302, 403, 403), lambda w: {"job_id": w["job"].id}),
    Route("cert_settings.index", "GET", CITY_ADMINS),
    Route("cert_settings.edit", "GET", CITY_ADMINS, course),
    Route("cert_settings.edit", "POST", CITY_ADMINS_BAD_FORM, course, lambda w: {"serial_pattern": "GCN-{nam}"}),
    Route("cert_settings.image", "GET", ADMINS, lambda w: {"course_id": w["course"].id, "kind": "seal"}),
    Route("cert_settings.sample", "GET", CITY_ADMINS, course),
    Route("cert_settings.refresher", "GET", CITY_ADMINS, course),
    Route("cert_settings.refresher", "POST", CITY_ADMINS_BAD_FORM, course),
]
