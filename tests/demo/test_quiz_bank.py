"""The quiz bank is the 30 questions of section 5 of the brief, with its answers, and the two quizzes of course 1."""

import re
from collections import Counter

import pytest

from tests.demo import brief
from training.demo.content_loader import load_quiz_bank

BANK = load_quiz_bank()
QUESTIONS = {q.id: q for q in BANK.questions}
NUMBERED = [q for q in BANK.questions if not q.spare]
LETTERS = "ABCDE"
COURSE1 = "khung-phap-ly-phat-ngon"


def correct(question):
    """The correct answer as the brief writes it: "C", "A, B, C", "Đúng"."""
    if question.type == "truefalse":
        return next(choice.text for choice in question.choices if choice.correct)
    return ", ".join(LETTERS[i] for i, choice in enumerate(question.choices) if choice.correct)


def correct_texts(question):
    return [choice.text for choice in question.choices if choice.correct]


def test_thirty_questions_and_one_spare():
    assert [q.id for q in NUMBERED] == [f"Q{n}" for n in range(1, 31)]
    spare = [q for q in BANK.questions if q.spare]
    assert [(q.id, q.type, correct(q)) for q in spare] == [("DP1", "truefalse", "Sai")]
    assert "miễn bình luận" in spare[0].text


def test_types_and_categories_match_the_brief_statistics():
    assert Counter(q.type for q in NUMBERED) == {"single": 16, "multiple": 7, "truefalse": 7}
    assert Counter(q.category for q in NUMBERED) == {"NĐ 09/2017": 13, "Luật Báo chí 2016": 8, "NĐ 119/2020": 4,
                                                     "QĐ 874": 3, "CERC": 1, "Luật Báo chí 2025": 1}
    assert {q.course for q in BANK.questions} == {COURSE1}
    assert {q.points for q in BANK.questions} == {1}


def test_only_q15_and_q22_rest_on_partial_facts():
    assert {q.id for q in NUMBERED if q.status == "PARTIAL"} == {"Q15", "Q22"}
    for question in BANK.questions:
        assert not set(question.facts) & brief.UNVERIFIED, question.id


# Spot checks written out by hand (independent of the parser below).
@pytest.mark.parametrize(("qid", "answer", "texts"), [
    ("Q1", "C", ["6"]),
    ("Q2", "A, B, C", None),
    ("Q3", "B", ["3 tháng/lần"]),
    ("Q4", "B", ["1 tháng/lần"]),
    ("Q5", "Đúng", None),
    ("Q6", "B", ["Chủ tịch UBND xã"]),
    ("Q8", "B", ["Ủy quyền cho cấp phó được giao phụ trách"]),
    ("Q9", "B", ["Khoản 2 Điều 38 Luật Báo chí"]),
    ("Q16", "C", ["30 ngày"]),
    ("Q17", "A, B, D", None),
    ("Q18", "C", ["24 giờ"]),
    ("Q20", "B", ["Gỡ bỏ ngay nhưng lưu giữ nội dung trên máy chủ phục vụ thanh tra, kiểm tra"]),
    ("Q22", "C", ["10–15 triệu"]),
    ("Q23", "B", ["1–3 triệu"]),
    ("Q24", "D", ["40–60 triệu"]),
    ("Q26", "A", ["17/6/2021"]),
    ("Q27", "A, B, C, D", None),
    ("Q28", "Sai", None),
    ("Q30", "C", ["01/7/2026"]),
])
def test_spot_checked_answers(qid, answer, texts):
    question = QUESTIONS[qid]
    assert correct(question) == answer
    if texts is not None:
        assert correct_texts(question) == texts


@pytest.mark.parametrize("qid", [f"Q{n}" for n in range(1, 31)])
def test_question_matches_section_5_of_the_brief(qid):
    expected, question = brief.questions()[qid], QUESTIONS[qid]
    assert question.type == {"SC": "single", "MC": "multiple", "TF": "truefalse"}[expected["type"]]
    assert correct(question) == expected["answer"]
    # Same wording; a question may open with the document it is asked under ("Theo NĐ 09/2017, ...").
    text = question.text
    if text != expected["text"] and text.startswith("Theo "):
        text = text.split(", ", 1)[1]
    assert text[:1].lower() + text[1:] == expected["text"][:1].lower() + expected["text"][1:]
    if question.type != "truefalse":
        assert [choice.text for choice in question.choices] == expected["choices"]
    assert set(question.facts) == set(re.findall(r"\b(F\d{2}|W\d)\b", expected["line"]))
    primary = question.citations[0]
    if m := re.match(r"Điều \d+", primary.article):
        assert m.group(0) in expected["line"], f"{qid}: {primary.article} vs {expected['line']}"


def test_every_choice_explains_itself():
    for question in BANK.questions:
        assert question.general_feedback and all(choice.feedback for choice in question.choices), question.id
        for choice in question.choices:
            verdict = choice.feedback.split(maxsplit=1)[0].rstrip(".,—")
            assert (verdict in ("Đúng", "Chính")) == choice.correct, f"{question.id}: {choice.feedback}"


def test_legal_feedback_names_its_basis():
    for question in NUMBERED:
        if question.category != "CERC":
            assert re.search(r"Điều \d+|QĐ 874|Luật Báo chí 2025", question.general_feedback), question.id


def test_the_practice_quiz():
    quiz = next(q for q in BANK.quizzes if q.mode == "practice")
    assert (quiz.course, quiz.after_module, quiz.question_count, quiz.draw) == (COURSE1, 3, 10, ())
    assert (quiz.time_limit_minutes, quiz.pass_mark_percent, quiz.attempts_allowed, quiz.required) == (0, 0, 0, False)
    assert "Luật Báo chí 2016" in quiz.intro and "NĐ 09/2017" in quiz.intro


def test_the_final_exam():
    quiz = next(q for q in BANK.quizzes if q.mode == "exam")
    assert (quiz.course, quiz.after_module, quiz.question_count, quiz.questions) == (COURSE1, 6, 20, ())
    assert (quiz.time_limit_minutes, quiz.pass_mark_percent, quiz.required) == (30, 70, True)
    assert {rule.category: rule.count for rule in quiz.draw} == {
        "NĐ 09/2017": 7, "Luật Báo chí 2016": 6, "NĐ 119/2020": 3, "QĐ 874": 2, "CERC": 1, "Luật Báo chí 2025": 1}
    pools = {qid for rule in quiz.draw for qid in rule.questions}
    assert pools == {q.id for q in NUMBERED}  # every numbered question can be drawn; the spare never
    assert "Luật Báo chí 2016" in quiz.intro and "NĐ 09/2017" in quiz.intro
