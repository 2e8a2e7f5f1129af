"""Demo quizzes: the 30-question bank of the content brief (with citations), one practice quiz and one
exam in course 1, through the same services a trainer uses. Idempotent.

The exam also holds one short essay (drawn from the same verified fact as Q1, Điều 4 NĐ 09/2017)
so the demo shows the trainer's grading queue.
"""

from decimal import Decimal

from sqlalchemy import select

from training.accounts.sessions import find_user_by_email
from training.courses.models import Course, Enrollment, LegalDocument, Module
from training.courses.services.enrolment import enrol_people
from training.demo.content_loader import load_quiz_bank
from training.extensions import db
from training.quizzes.models import Question
from training.quizzes.services import bank, quizzes
from training.quizzes.spec import PLAIN, Choice, EssaySettings, QuestionSpec

DEMO_TRAINER = "giangvien@demo.vn"
DEMO_LEARNER = "hocvien@demo.vn"
DEMO_COURSE = "khung-phap-ly-phat-ngon"
SPARE_CATEGORY = "Câu hỏi dự phòng"
ESSAY = QuestionSpec(
    qtype="essay", name="Tự luận: các hình thức phát ngôn", idnumber="TL1", text_format=PLAIN, points=Decimal(2),
    text="Theo Điều 4 NĐ 09/2017/NĐ-CP, hãy kể các hình thức phát ngôn và cung cấp thông tin cho báo chí, "
         "và nêu hình thức bạn sẽ chọn khi cần trả lời nhanh một phóng viên (3–5 câu).",
    general_feedback="Điều 4 NĐ 09/2017/NĐ-CP quy định 6 hình thức: họp báo; đăng trên cổng, trang thông tin điện tử "
                     "hoặc trang mạng xã hội chính thức; phát ngôn trực tiếp, trả lời phỏng vấn; gửi thông cáo, nội "
                     "dung trả lời bằng văn bản hoặc thư điện tử; trao đổi trực tiếp, giao ban báo chí; văn bản đề nghị "
                     "đăng phản hồi, cải chính, xin lỗi.",
    settings=EssaySettings(rubric="1 điểm: kể đủ 6 hình thức của Điều 4 (mỗi hình thức thiếu trừ 0,25 điểm).\n"
                                  "1 điểm: chọn một hình thức phù hợp (ví dụ trả lời phỏng vấn trực tiếp hoặc gửi nội "
                                  "dung trả lời bằng văn bản) và giải thích vì sao.", response_field_lines=8))


def _spec(question):
    """Map one question of the content brief onto a :class:`QuestionSpec`."""
    if question.type == "truefalse":
        by_text = {choice.text: choice for choice in question.choices}
        choices = tuple(Choice(key, Decimal(1) if by_text[label].correct else Decimal(0), by_text[label].feedback)
                        for key, label in (("true", "Đúng"), ("false", "Sai")))
    else:
        right = sum(1 for choice in question.choices if choice.correct)
        weight = Decimal(1) if question.type == "single" else (Decimal(1) / right).quantize(Decimal("0.0000001"))
        wrong = Decimal(0) if question.type == "single" else -weight
        choices = tuple(Choice(choice.text, weight if choice.correct else wrong, choice.feedback)
                        for choice in question.choices)
    name = f"{question.id}. {question.text[:70]}"
    return QuestionSpec(qtype=question.type, name=name, text=question.text, text_format=PLAIN, choices=choices,
                        general_feedback=question.general_feedback, points=Decimal(question.points),
                        idnumber=question.id, shuffle=question.type != "truefalse", tags=(question.category,))


def seed_quizzes(now):
    """Load the question bank and the demo quizzes (skipped when course 1 already has them)."""
    content = load_quiz_bank()
    trainer = find_user_by_email(DEMO_TRAINER)
    documents = {d.code: d.id for d in db.session.scalars(select(LegalDocument))}
    created = []
    for quiz_content in content.quizzes:
        course = db.session.scalar(select(Course).where(Course.slug == quiz_content.course))
        if course is None:
            continue
        by_idnumber = _load_bank(course, content, trainer, documents, now)
        if db.session.scalar(select(Question.id).where(Question.idnumber == "TL1")) is None:
            essay_category = bank.ensure_category(course.id, ("Tự luận",), now)
            by_idnumber["TL1"] = bank.save_question(trainer, essay_category, ESSAY, now,
                                                    citations=[(documents["nd-09-2017"], "Điều 4")])[0]
        modules = db.session.scalars(select(Module).where(Module.course_id == course.id, Module.removed_at.is_(None))
                                     .order_by(Module.position, Module.id)).all()
        module = modules[min(quiz_content.after_module, len(modules)) - 1]
        if any(item.kind == "quiz" and item.title == quiz_content.title for item in module.items):
            continue
        quiz = quizzes.create_quiz(trainer, module, quiz_content.title, {
            "intro": quiz_content.intro, "mode": quiz_content.mode,
            "time_limit_minutes": quiz_content.time_limit_minutes or None,
            "attempts_allowed": quiz_content.attempts_allowed, "pass_percent": Decimal(quiz_content.pass_mark_percent),
            "shuffle_questions": quiz_content.shuffle_questions, "shuffle_choices": quiz_content.shuffle_choices,
            "questions_per_page": 5}, now, is_required=quiz_content.required)
        for question_id in quiz_content.questions:
            quizzes.add_question_slot(trainer, quiz, by_idnumber[question_id], now)
        for rule in quiz_content.draw:
            category = bank.ensure_category(course.id, (rule.category,), now)
            quizzes.add_random_slot(trainer, quiz, category, rule.count, now)
        if quiz_content.mode == "exam":
            quizzes.add_question_slot(trainer, quiz, by_idnumber["TL1"], now)
        created.append(quiz)
    _enrol_demo_learner(now)
    return created


def _enrol_demo_learner(now):
    """Enrol the demo learner in course 1 so that ``make run`` shows a quiz to take right away."""
    course = db.session.scalar(select(Course).where(Course.slug == DEMO_COURSE))
    learner = find_user_by_email(DEMO_LEARNER)
    if course is None or learner is None:
        return
    if db.session.scalar(select(Enrollment.id).where(Enrollment.course_id == course.id,
                                                     Enrollment.user_id == learner.id)) is None:
        enrol_people(None, course, [learner], now, "Asia/Ho_Chi_Minh")


def _load_bank(course, content, trainer, documents, now):
    """Create the course's questions once (by their id number); return ``{idnumber: Question}``."""
    existing = {q.idnumber: q for q in db.session.scalars(select(Question).where(Question.idnumber != ""))}
    for question in content.questions:
        if question.course != course.slug or question.id in existing:
            continue
        path = (SPARE_CATEGORY,) if question.spare else (question.category,)
        category = bank.ensure_category(course.id, path, now)
        citations = [(documents[c.document], c.article) for c in question.citations if c.document in documents]
        existing[question.id] = bank.save_question(trainer, category, _spec(question), now, citations=citations)[0]
    return existing
