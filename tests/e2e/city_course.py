"""The city journey's course, built through the services: a lesson, an exam with an essay, a timed
short check and a reviewed press-conference simulation; certificates wait for an admin's approval."""

from sqlalchemy import select

from tests.certificates.samples import seal_png, signature_png
from tests.quizzes.factory import essay, single
from tests.simulations.builders import demo_data
from training.certificates.services.settings import save_settings
from training.core.time import local_today, utcnow
from training.courses.models import Lesson
from training.courses.services import authoring
from training.extensions import db
from training.quizzes.services import bank, quizzes
from training.courses.demo import seed_legal_register
from training.simulations.services import items, scenarios

COURSE = "Kỹ năng phát ngôn và cung cấp thông tin cho báo chí"


def build_course(admin, trainer, issuer_unit):
    """A published course: a lesson, an exam with an essay, a timed short check, a reviewed simulation;
    its certificates wait for an administrator's approval."""
    now = utcnow()
    course = authoring.create_course(trainer, {"title": COURSE, "slug": "ky-nang-phat-ngon"}, now)
    module = authoring.add_module(trainer, course, "Thông điệp chính", now)
    lesson_item = authoring.add_item(trainer, module, "lesson", "Nhà thông điệp", now)
    lesson = db.session.scalar(select(Lesson).where(Lesson.item_id == lesson_item.id))
    authoring.save_lesson(trainer, lesson, "## Nhà thông điệp\n\nMột thông điệp bao trùm và ba trụ cột.", [], None, now)

    category = bank.ensure_category(course.id, ("Kiểm tra",), now)

    def quiz(title, specs, **settings):
        made = quizzes.create_quiz(trainer, module, title, {"questions_per_page": 10, "shuffle_choices": False,
                                                            "pass_percent": 50, **settings}, now)
        for spec in specs:
            quizzes.add_question_slot(trainer, made, bank.save_question(trainer, category, spec, now)[0], now)
        return made

    exam = quiz("Bài kiểm tra cuối khóa", [single(f"Câu {n}", right=n) for n in (1, 2, 3)] + [essay()],
                time_limit_minutes=30)
    check = quiz("Kiểm tra nhanh", [single(f"Nhanh {n}", right=n) for n in (1, 2)], time_limit_minutes=5)

    drill = authoring.add_module(trainer, course, "Diễn tập", now)
    seed_legal_register(now)  # the scenario's legal grounds cite it
    record, _version, _created = scenarios.save_scenario(trainer, demo_data("ca-chet-kenh-bau-sen"), now)
    simulation = items.create_simulation(trainer, drill, record, "Họp báo cá chết", now, requires_review=True)
    authoring.set_status(trainer, course, "published", now)
    save_settings(admin, course, {"mode": "approval", "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}",
                                  "issuer_unit_id": issuer_unit.id, "header_lines": "THÀNH ỦY VŨNG TÀU\nBAN TUYÊN GIÁO",
                                  "place": "Vũng Tàu", "signer_name": "Đỗ Thị Phương",
                                  "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "refresher_course_id": None},
                  {"signature": signature_png(), "seal": seal_png()}, now, local_today(now), 2 * 1024 * 1024)
    db.session.commit()
    return course, lesson_item, exam, check, simulation.item
