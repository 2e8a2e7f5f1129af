"""A hand-counted city for the report queries, at a fixed NOW (26/11/2026 10:00 in Vietnam).

Units (world fixture): TU > BTG; UBND > PVHTT, P1, P2. Course A has three required items
(lesson, quiz, simulation), course B one lesson. Expected figures are written out in the tests.

* learner (PVHTT, spokesperson since 2024): A enrolled 01/02/2026, completed 01/03/2026, quiz 80;
  certificate issued 01/03/2026 without expiry.
* p1_spoke_a (P1, spokesperson since 2025): A enrolled 01/08/2026, completed 15/10/2026, quiz 90,
  simulation passed; certificate issued 15/10/2026, expires 10/01/2027 (within 90 days).
* p1_spoke_b (P1, designated 01/10/2026): A enrolled 01/07/2026, due 30/09/2026, lesson done only,
  simulation failed: overdue in Q4 (not yet in Q3: due at the very end of it).
* p1_learner (P1): A enrolled 01/11/2026, due 31/12/2026.
* p2_spoke (P2, spokesperson since 2024): A completed 01/06/2024 (certificate expired 15/08/2026),
  B completed 01/09/2026 (certificate revoked 01/11/2026).
"""

from datetime import UTC, date, datetime
from decimal import Decimal

from training.certificates.models import Certificate
from training.core.time import local_day_bounds
from training.courses.models import Course, Enrollment, Item, ItemResult, Module
from training.extensions import db

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
TZ = "Asia/Ho_Chi_Minh"


def at(day, hour=3):
    """Return 10:00 local (03:00 UTC) on ``day``."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _course(slug, title, kinds):
    course = Course(slug=slug, title=title, status="published", created_at=NOW, updated_at=NOW)
    db.session.add(course)
    db.session.flush()
    module = Module(course_id=course.id, title="Học phần 1", position=0)
    db.session.add(module)
    db.session.flush()
    items = []
    for position, kind in enumerate(kinds):
        item = Item(course_id=course.id, module_id=module.id, kind=kind, title=f"{kind} {position}",
                    position=position, is_required=True, created_at=NOW, updated_at=NOW)
        db.session.add(item)
        items.append(item)
    db.session.flush()
    return course, items


def _enrol(user, course, enrolled, due=None, completed=None):
    enrollment = Enrollment(user_id=user.id, course_id=course.id, enrolled_at=at(enrolled),
                            due_at=local_day_bounds(due, TZ)[1] if due else None,
                            completed_at=at(completed) if completed else None)
    db.session.add(enrollment)
    db.session.flush()
    return enrollment


def _result(enrollment, item, day, source, completed=True, score=None, passed=None):
    db.session.add(ItemResult(enrollment_id=enrollment.id, item_id=item.id, source=source,
                              completed_at=at(day) if completed else None,
                              score=Decimal(score) if score is not None else None, passed=passed,
                              first_seen_at=at(day), updated_at=at(day)))


def _certificate(enrollment, serial, issued, expires=None, revoked=None):
    certificate = Certificate(
        serial=serial, verification_code="ABCD-EFGH-JK", user_id=enrollment.user_id, course_id=enrollment.course_id,
        enrollment_id=enrollment.id, course_version=1, completed_at=at(issued), issued_at=at(issued),
        issued_on=issued, expires_on=expires, source="cli", params={}, sha256="0" * 64,
        revoked_at=at(revoked) if revoked else None, revoked_reason="Cấp nhầm" if revoked else "")
    db.session.add(certificate)
    return certificate


def build_city(world, make_user):
    """Add the people, courses, enrolments, ledger rows and certificates described above."""
    units, people = world["units"], dict(world["people"])
    learner = people["learner"]
    learner.designated_on = date(2024, 4, 2)
    people["p1_spoke_a"] = make_user("learner", units["P1"], email="a.p1@test.vn", name="Âu Phát Ngôn",
                                     spokesperson=True, position="Chủ tịch UBND phường", designated_on=date(2025, 1, 1))
    people["p1_spoke_b"] = make_user("learner", units["P1"], email="b.p1@test.vn", name="Bùi Phát Ngôn",
                                     spokesperson=True, position="Phó Chủ tịch UBND phường",
                                     designated_on=date(2026, 10, 1))
    people["p2_spoke"] = make_user("learner", units["P2"], email="c.p2@test.vn", name="Cao Phát Ngôn",
                                   spokesperson=True, position="Chủ tịch UBND phường", designated_on=date(2024, 1, 1))
    course_a, (lesson, quiz, simulation) = _course("khoa-a", "Khóa A", ("lesson", "quiz", "simulation"))
    course_b, (lesson_b,) = _course("khoa-b", "Khóa B", ("lesson",))

    e = _enrol(learner, course_a, date(2026, 2, 1), completed=date(2026, 3, 1))
    _result(e, quiz, date(2026, 3, 1), "quiz", score="80", passed=True)
    _certificate(e, "GCN-2026-000001", date(2026, 3, 1))

    e = _enrol(people["p1_spoke_a"], course_a, date(2026, 8, 1), completed=date(2026, 10, 15))
    _result(e, lesson, date(2026, 8, 2), "lesson")
    _result(e, quiz, date(2026, 10, 10), "quiz", score="90", passed=True)
    _result(e, simulation, date(2026, 10, 15), "simulation", passed=True)
    _certificate(e, "GCN-2026-000002", date(2026, 10, 15), expires=date(2027, 1, 10))

    e = _enrol(people["p1_spoke_b"], course_a, date(2026, 7, 1), due=date(2026, 9, 30))
    _result(e, lesson, date(2026, 7, 5), "lesson")
    _result(e, simulation, date(2026, 8, 10), "simulation", completed=False, passed=False)

    _enrol(people["p1_learner"], course_a, date(2026, 11, 1), due=date(2026, 12, 31))

    e = _enrol(people["p2_spoke"], course_a, date(2024, 5, 1), completed=date(2024, 6, 1))
    _certificate(e, "GCN-2024-000001", date(2024, 6, 1), expires=date(2026, 8, 15))
    e = _enrol(people["p2_spoke"], course_b, date(2026, 8, 1), completed=date(2026, 9, 1))
    _certificate(e, "GCN-2026-000003", date(2026, 9, 1), revoked=date(2026, 11, 1))
    db.session.commit()
    return {"people": people, "units": units, "courses": {"A": course_a, "B": course_b}}
