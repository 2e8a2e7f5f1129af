"""Create N load-test learners enrolled in the demo course, and open its exam to unlimited attempts.

Run with the app's interpreter against a database that already holds the demo city
(``flask db upgrade`` + ``flask seed-demo``)::

    TRAINING_DATABASE_URL=... TRAINING_SECRET_KEY=... .venv/bin/python bench/load/prepare.py --learners 200

Learners are ``load-0001@load.test`` ... with one shared password, spread over the demo's units. Everything goes through the
app's services (``create_user``, ``enrol_people``, ``update_settings``) so they are ordinary
learners. The password hash is computed once and shared: scrypt for 200 accounts would
cost a minute of CPU for nothing.

The demo exam is set to unlimited attempts with no delay between them, so every simulated
learner can take the exam again and again for as long as a run (or the soak) lasts. Its time
limit is kept. Prints one JSON line: the course slug, the exam's item id, the learner e-mails.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from training import create_app  # noqa: E402
from training.accounts import services as accounts  # noqa: E402
from training.accounts.sessions import find_user_by_email  # noqa: E402
from training.core.time import utcnow  # noqa: E402
from training.courses.models import Course  # noqa: E402
from training.courses.services.enrolment import enrol_people  # noqa: E402
from training.extensions import db  # noqa: E402
from training.orgunits.models import Unit  # noqa: E402
from training.quizzes.demo import DEMO_COURSE, DEMO_TRAINER  # noqa: E402
from training.quizzes.models import Quiz  # noqa: E402
from training.quizzes.services.quizzes import update_settings  # noqa: E402

PASSWORD = "Mật khẩu tải thử 2026"


def learner_email(number):
    return f"load-{number:04d}@load.test"


def prepare(count, password=PASSWORD):
    """Create (or reuse) ``count`` learners, enrol them, open the exam; return the run's facts."""
    now = utcnow()
    course = db.session.scalar(select(Course).where(Course.slug == DEMO_COURSE))
    if course is None:
        sys.exit("The demo course is missing: run 'flask seed-demo' first.")
    exam = next((q for q in db.session.scalars(select(Quiz)) if q.mode == "exam" and q.item.course_id == course.id),
                None)
    if exam is None:
        sys.exit("The demo exam is missing: run 'flask seed-demo' first.")
    shared_hash = accounts.hash_password(password)
    # Spread over the demo city's units, like real staff: an administrator's pages (approval
    # queue, bulk issue) only show people who belong to a unit within their scope.
    units = db.session.scalars(select(Unit.id).order_by(Unit.path)).all()
    users = []
    for number in range(1, count + 1):
        email = learner_email(number)
        user = find_user_by_email(email)
        if user is None:
            user = accounts.create_user(None, {"email": email, "full_name": f"Học viên tải thử {number:04d}",
                                               "unit_id": units[number % len(units)]}, now)
            user.password_hash = shared_hash
        users.append(user)
    enrol_people(None, course, users, now, "Asia/Ho_Chi_Minh", source="manual")
    trainer = find_user_by_email(DEMO_TRAINER)
    update_settings(trainer, exam, {"attempts_allowed": 0, "delay_minutes": 0}, now)
    db.session.commit()
    return {"course_slug": course.slug, "exam_item_id": exam.item_id, "quiz_id": exam.id,
            "time_limit_minutes": exam.time_limit_minutes, "learners": [u.email for u in users]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--password", default=PASSWORD)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        print(json.dumps(prepare(args.learners, args.password), ensure_ascii=False))


if __name__ == "__main__":
    main()
