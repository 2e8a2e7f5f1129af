"""The course and lesson pages send a fixed number of queries, however many items the course has."""

import pytest

from tests.conftest import PASSWORD
from training.core.time import utcnow
from training.courses.services import authoring
from training.extensions import db

# Exact budgets per page (a new query must be a decision, not a drift):
# course: session + user, course, enrolment, outline rows, results, superseded citations;
# lesson: session + user, item, enrolment, course, results, lesson body, outline rows, citations;
# learning: session + user, enrolments + courses, items, module positions, results.
BUDGET = {"course": 6, "lesson": 8, "learning": 5}


def _add_lessons(course, count):
    module = course["modules"][1]
    for index in range(count):
        authoring.add_item(None, module, "lesson", f"Bài thêm {index}", utcnow())
    db.session.commit()


@pytest.mark.parametrize("page", ["course", "lesson", "learning"])
def test_query_count_does_not_grow_with_items(app, course, enrolled, count_queries, page):
    client = app.test_client()
    client.post("/login", data={"email": enrolled.email, "password": PASSWORD})
    url = {"course": "/courses/khung-phap-ly", "lesson": f"/courses/lessons/{course['lessons'][1].id}",
           "learning": "/learning"}[page]
    client.get(url)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    _add_lessons(course, 30)
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert small.count <= BUDGET[page] and large.count == small.count, (small.count, large.count, large.statements)
