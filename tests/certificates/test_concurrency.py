"""Serials stay sequential without gaps or duplicates when several administrators issue at once.

Real threads with their own connections, on SQLite (the test file) and on PostgreSQL when
TEST_DATABASE_URL is set: the counter's UPDATE ... RETURNING serialises them.
"""

import threading

from sqlalchemy import select

from tests.certificates.conftest import complete
from training.accounts.models import User
from training.certificates.models import Certificate, SerialCounter
from training.certificates.services import issuing
from training.core.errors import DomainError
from training.core.time import utcnow
from training.courses.models import Course
from training.extensions import db


def _issue_in_threads(app, config, pairs):
    """Issue ``(user_id, course_id)`` pairs from one thread each, started together; return the outcomes."""
    barrier = threading.Barrier(len(pairs))
    outcomes = [None] * len(pairs)

    def work(index, user_id, course_id):
        with app.app_context():
            try:
                user, course = db.session.get(User, user_id), db.session.get(Course, course_id)
                barrier.wait(timeout=10)
                certificate = issuing.issue_for_person(None, user, course, utcnow(), config)
                db.session.commit()
                outcomes[index] = certificate.serial
            except DomainError as error:
                db.session.rollback()
                outcomes[index] = error.status
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i, *pair)) for i, pair in enumerate(pairs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_issues_get_consecutive_distinct_serials(app, world, certified, make_user, config):
    certified["configure"]("approval")
    course = certified["course"]
    people = [make_user("learner", world["units"]["P1"], name=f"Học Viên {n}") for n in range(6)]
    for person in people:
        complete(course, person)
    outcomes = _issue_in_threads(app, config, [(p.id, course.id) for p in people])
    year = utcnow().year
    assert all(isinstance(outcome, str) for outcome in outcomes), outcomes  # nobody was refused
    assert sorted(outcomes) == [f"GCN-{year}-{n:06d}" for n in range(1, 7)], outcomes
    db.session.expire_all()
    assert db.session.scalar(select(SerialCounter.value)) == 6
    assert len(set(db.session.scalars(select(Certificate.user_id)))) == 6


def test_concurrent_issues_for_one_completion_give_one_certificate(app, world, certified, config):
    certified["configure"]("approval")
    learner = world["people"]["learner"]
    complete(certified["course"], learner)
    outcomes = _issue_in_threads(app, config, [(learner.id, certified["course"].id)] * 4)
    serials = [o for o in outcomes if isinstance(o, str)]
    assert serials == [f"GCN-{utcnow().year}-000001"] and sorted(o for o in outcomes if o != serials[0]) == [409] * 3
    db.session.expire_all()
    assert db.session.scalar(select(SerialCounter.value)) == 1  # the refused ones gave their number back
