"""Build quiz data for app tests: a published course with a quiz, questions and an enrolled learner."""

from decimal import Decimal

from training.core.time import utcnow
from training.courses.services import authoring, enrolment
from training.extensions import db
from training.quizzes.services import bank, quizzes
from training.quizzes.spec import Choice, EssaySettings, QuestionSpec


def single(name="Câu 1", right=2, count=4, points=1):
    """A single-choice question whose choice ``right`` is correct."""
    return QuestionSpec(qtype="single", name=name, text=f"{name}: chọn đáp án", text_format="plain",
                        choices=tuple(Choice(f"Đáp án {i}", Decimal(1) if i == right else Decimal(0), f"Phản hồi {i}")
                                      for i in range(count)), points=Decimal(points), shuffle=True)


def essay(name="Tự luận"):
    return QuestionSpec(qtype="essay", name=name, text="Trình bày ngắn gọn.", text_format="plain",
                        points=Decimal(2), settings=EssaySettings(rubric="2 điểm: đủ ý"))


def quiz_course(world, specs=None, slug="quiz-course", enrol=("learner",), **settings):
    """Return ``{"course", "module", "quiz", "item", "questions", "category"}``; ``enrol`` lists world people."""
    now, trainer, admin = utcnow(), world["people"]["trainer"], world["people"]["admin"]
    course = authoring.create_course(trainer, {"title": "Khóa có bài kiểm tra", "slug": slug}, now)
    module = authoring.add_module(trainer, course, "Học phần 1", now)
    category = bank.ensure_category(course.id, ("Chương 1",), now)
    specs = specs if specs is not None else [single("Câu 1", 2), single("Câu 2", 0), essay()]
    questions = [bank.save_question(trainer, category, spec, now)[0] for spec in specs]
    quiz = quizzes.create_quiz(trainer, module, "Bài kiểm tra", {"questions_per_page": 10, **settings}, now)
    for question in questions:
        quizzes.add_question_slot(trainer, quiz, question, now)
    authoring.set_status(trainer, course, "published", now)
    for key in enrol:
        enrolment.enrol_people(admin, course, [world["people"][key]], now, "Asia/Ho_Chi_Minh")
    db.session.commit()
    return {"course": course, "module": module, "quiz": quiz, "item": quiz.item, "questions": questions,
            "category": category}
