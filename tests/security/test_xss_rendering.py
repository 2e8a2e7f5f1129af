"""Every XSS payload of the shared list, typed into every free-text field, renders inert.

Names (people, units, courses, classes, modules, items), lesson Markdown, enrolment messages and
filenames are filled with the payloads; every page that shows them is fetched and parsed: no
script but our own files, no event-handler attribute, no javascript: URL.
"""

import pytest

from tests.htmlcheck import page_problems
from tests.paths import fixture
from training.core.time import utcnow
from training.extensions import db

PAYLOADS = [line for line in fixture("xss-payloads.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _chunks(size):
    for start in range(0, len(PAYLOADS), size):
        yield PAYLOADS[start:start + size]


@pytest.fixture
def hostile_world(app, world, make_unit, make_user):
    """A world where every name and text field holds payloads."""
    from training.courses.models import Lesson
    from training.courses.services import authoring, enrolment

    now, trainer = utcnow(), world["people"]["trainer"]
    unit = make_unit("XSS", world["units"]["UBND"], name=PAYLOADS[0], kind="ward")
    people = [make_user("learner", unit, email=f"xss{i}@test.vn", name=payload[:200], position=payload[:200])
              for i, payload in enumerate(PAYLOADS)]
    course = authoring.create_course(trainer, {"title": PAYLOADS[1][:255], "slug": "xss", "summary": "\n".join(PAYLOADS),
                                               "audience": PAYLOADS[2][:255]}, now)
    module = authoring.add_module(trainer, course, PAYLOADS[3][:255], now)
    item = authoring.add_item(trainer, module, "lesson", PAYLOADS[4][:255], now)
    lesson = db.session.query(Lesson).filter_by(item_id=item.id).one()
    authoring.save_lesson(trainer, lesson, "\n\n".join(PAYLOADS), [], None, now)
    authoring.set_status(trainer, course, "published", now)
    training_class = enrolment.save_class(world["people"]["admin"], None, course,
                                          {"name": PAYLOADS[5][:255], "unit_id": unit.id, "location": PAYLOADS[6][:255],
                                           "notes": "\n".join(PAYLOADS)}, now)
    enrolment.enrol_people(None, course, people + [world["people"]["learner"]], now, "Asia/Ho_Chi_Minh",
                           training_class=training_class)
    enrolment.request_enrolment(world["people"]["p2_learner"], course, PAYLOADS[7], now)
    db.session.commit()
    return {"course": course, "item": item, "class": training_class, "unit": unit, "people": people}


def test_admin_pages_render_payloads_inert(login_as, hostile_world):
    client = login_as("admin")
    course, klass = hostile_world["course"], hostile_world["class"]
    urls = ["/admin/users/", "/admin/users/?q=script", f"/admin/users/{hostile_world['people'][0].id}", "/admin/units/",
            "/admin/audit", "/manage/courses/", f"/manage/courses/{course.id}/learners",
            f"/manage/courses/{course.id}/enrol", "/manage/classes/", f"/manage/classes/{klass.id}",
            f"/manage/courses/{course.id}", f"/manage/lessons/{hostile_world['item'].id}/edit",
            f"/courses/{course.slug}", f"/courses/lessons/{hostile_world['item'].id}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert page_problems(response.get_data(as_text=True)) == [], url


def test_learner_pages_render_payloads_inert(app, hostile_world, world):
    from tests.conftest import PASSWORD

    client = app.test_client()
    client.post("/login", data={"email": world["people"]["learner"].email, "password": PASSWORD})
    for url in ("/", "/learning", "/courses/", f"/courses/{hostile_world['course'].slug}",
                f"/courses/lessons/{hostile_world['item'].id}", "/account"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert page_problems(response.get_data(as_text=True)) == [], url


def test_exports_cannot_start_a_formula(login_as, hostile_world):
    import io

    from openpyxl import load_workbook

    client = login_as("admin")
    klass = hostile_world["class"]
    csv = client.get(f"/manage/classes/{klass.id}/progress.csv").data.decode("utf-8-sig")
    for line in csv.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "-", "@")), cell
    sheet = load_workbook(io.BytesIO(client.get(f"/manage/classes/{klass.id}/progress.xlsx").data)).active
    for row in sheet.iter_rows(values_only=True):
        for value in row:
            assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@"))), value


def test_check_finds_a_planted_handler():
    assert page_problems('<p><img src=x onerror="alert(1)"></p>') == ["img[onerror]"]
    assert page_problems('<script>alert(1)</script>') == ["<script src=''>"]
