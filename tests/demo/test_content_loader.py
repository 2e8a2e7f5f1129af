"""The demo content loader: the shipped files load, and every kind of broken file is refused by name."""

import shutil
import unicodedata
from datetime import date

import pytest

from training.demo.content_loader import (
    CONTENT_DIR,
    ContentError,
    load_courses,
    load_legal_documents,
    load_quiz_bank,
)

COURSE1 = "khung-phap-ly-phat-ngon"


@pytest.fixture(scope="module")
def documents():
    return load_legal_documents()


@pytest.fixture(scope="module")
def courses(documents):
    return load_courses(documents=documents)


def test_shipped_content_loads(documents, courses):
    bank = load_quiz_bank(documents=documents, courses=courses)
    assert [c.slug for c in courses] == [COURSE1, "ky-nang-hop-bao-phong-van", "xu-ly-khung-hoang-cai-chinh"]
    assert [(len(c.modules), len(c.lessons)) for c in courses] == [(6, 15), (5, 12), (5, 10)]
    assert len(bank.questions) == 31 and len(bank.quizzes) == 2


@pytest.mark.parametrize(("code", "number", "issued", "effective", "replaces"), [
    ("luat-bao-chi-2016", "103/2016/QH13", date(2016, 4, 5), date(2017, 1, 1), ""),
    ("luat-bao-chi-2025", "126/2025/QH15", date(2025, 12, 10), date(2026, 7, 1), "luat-bao-chi-2016"),
    ("nd-09-2017", "09/2017/NĐ-CP", date(2017, 2, 9), date(2017, 3, 30), ""),
    ("nd-119-2020", "119/2020/NĐ-CP", date(2020, 10, 7), date(2020, 12, 1), ""),
    ("qd-874-btttt", "874/QĐ-BTTTT", date(2021, 6, 17), date(2021, 6, 17), ""),
    ("nd-43-2025", "43/2025/NĐ-CP", date(2025, 2, 28), date(2025, 3, 1), ""),
])
def test_register_holds_the_documents_of_the_brief(documents, code, number, issued, effective, replaces):
    document = {d.code: d for d in documents}[code]
    assert (document.number, document.issued_on, document.effective_on, document.replaces) == (
        number, issued, effective, replaces)
    assert not document.historical


def test_register_marks_the_2013_regulation_historical_and_nothing_else_replaced(documents):
    by_code = {d.code: d for d in documents}
    assert by_code["qd-25-2013-ttg"].historical
    assert by_code["qd-25-2013-ttg"].effective_on == date(2013, 7, 1)
    assert {d.code: d.replaces for d in documents if d.replaces} == {"luat-bao-chi-2025": "luat-bao-chi-2016"}
    assert {d.kind for d in documents} <= {"luat", "nghi-dinh", "nghi-quyet", "quyet-dinh", "thong-tu", "tai-lieu"}


def test_every_citation_names_a_registered_document(documents, courses):
    codes = {d.code for d in documents}
    bank = load_quiz_bank(documents=documents, courses=courses)
    cited = [c.document for course in courses for lesson in course.lessons for c in lesson.citations]
    cited += [c.document for q in bank.questions for c in q.citations]
    assert set(cited) <= codes
    assert {"luat-bao-chi-2016", "luat-bao-chi-2025", "nd-09-2017", "nd-119-2020", "qd-874-btttt"} <= set(cited)


def test_lesson_bodies_are_nfc_and_start_with_objectives(courses):
    for course in courses:
        for lesson in course.lessons:
            assert unicodedata.normalize("NFC", lesson.body) == lesson.body
            assert lesson.body.startswith("## Mục tiêu bài học"), lesson.file
            assert "## Ghi nhớ" in lesson.body, lesson.file


# ---------------------------------------------------------------- broken copies of the content


@pytest.fixture
def content(tmp_path):
    """A writable copy of the content directory."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def load_all(content):
    documents = load_legal_documents(content)
    courses = load_courses(content, documents)
    return load_quiz_bank(content, documents, courses)


COURSE_TOML = f"{COURSE1}/course.toml"
LESSON_1 = f"{COURSE1}/lessons/01-he-thong-van-ban.md"
BANK = "quiz_bank.toml"
REGISTER = "legal_documents.toml"

BROKEN = {
    "missing lesson file": (COURSE_TOML, 'file = "lessons/01-he-thong-van-ban.md"',
                            'file = "lessons/00-khong-co.md"', COURSE_TOML, "modules[0].lessons[0].file"),
    "unknown document": (COURSE_TOML, '{ document = "nq-203-2025-qh15"', '{ document = "nq-999"',
                         COURSE_TOML, "modules[0].lessons[1].citations[1].document"),
    "draft marker in a lesson": (LESSON_1, "## Ghi nhớ", "## Ghi nhớ\n\nTODO: viết tiếp", LESSON_1, "body"),
    "lorem ipsum in a title": (COURSE_TOML, 'short_title = "Sáu hình thức phát ngôn"',
                               'short_title = "Lorem ipsum"', COURSE_TOML, "modules[2].lessons[0].short_title"),
    "decomposed text": (LESSON_1, "Mục tiêu bài học", unicodedata.normalize("NFD", "Mục tiêu bài học"),
                        LESSON_1, "body"),
    "unknown field": (COURSE_TOML, "estimated_hours = 6", "estimated_hours = 6\nhours = 6", COURSE_TOML, "hours"),
    "wrong type": (COURSE_TOML, "estimated_minutes = 25\nrequired = true", 'estimated_minutes = "25"\nrequired = true',
                   COURSE_TOML, "modules[0].lessons[0].estimated_minutes"),
    "unknown scenario": ("ky-nang-hop-bao-phong-van/course.toml", 'scenario = "ca-chet-kenh-bau-sen"',
                         'scenario = "ca-chet"', "ky-nang-hop-bao-phong-van/course.toml", "modules[4].lessons[0].scenario"),
    "scenario on an ordinary lesson": (COURSE_TOML, 'short_title = "Sáu hình thức phát ngôn"',
                                       'short_title = "Sáu hình thức phát ngôn"\nscenario = "tin-don-nuoc-may"',
                                       COURSE_TOML, "modules[2].lessons[0].scenario"),
    "lesson not listed": (COURSE_TOML, 'file = "lessons/15-cbccvc-tren-mang-xa-hoi.md"',
                          'file = "lessons/14-bo-quy-tac-ung-xu-mxh.md"', COURSE_TOML, "modules"),
    "unknown fact id": (COURSE_TOML, 'facts = ["F09", "F27"]', 'facts = ["F9", "F27"]',
                        COURSE_TOML, "modules[2].lessons[0].facts"),
    "bad date": (REGISTER, "issued_on = 2016-04-05", "issued_on = 2016-04-05T08:00:00", REGISTER,
                 "documents[0].issued_on"),
    "effective before issued": (REGISTER, "effective_on = 2017-01-01", "effective_on = 2015-01-01", REGISTER,
                                "documents[0].effective_on"),
    "replaces an unknown document": (REGISTER, 'replaces = "luat-bao-chi-2016"', 'replaces = "luat-1999"',
                                     REGISTER, "documents[1].replaces"),
    "duplicate document code": (REGISTER, 'code = "nd-119-2020"', 'code = "nd-09-2017"', REGISTER,
                                "documents[3].code"),
    "unknown document kind": (REGISTER, 'kind = "thong-tu"', 'kind = "cong-van"', REGISTER, "documents[9].kind"),
    "bad source code": (REGISTER, 'source = "S44"', 'source = "báo Lao Động"', REGISTER, "documents[5].source"),
    "toml syntax": (BANK, 'id = "Q1"', 'id = "Q1', BANK, "toml"),
    "two correct answers in a single question": (BANK, 'text = "5"\n  correct = false', 'text = "5"\n  correct = true',
                                                 BANK, "questions[0].choices"),
    "every choice correct in a multiple question": (BANK, 'text = "Ẩn danh"\n  correct = false',
                                                    'text = "Ẩn danh"\n  correct = true', BANK,
                                                    "questions[26].choices"),
    "no correct answer in a true/false question": (BANK, 'text = "Đúng"\n  correct = true',
                                                   'text = "Đúng"\n  correct = false', BANK, "questions[4].choices"),
    "true/false with other choices": (BANK, 'text = "Sai"\n  correct = false', 'text = "Không"\n  correct = false',
                                      BANK, "questions[4].choices"),
    "duplicate question id": (BANK, 'id = "Q2"', 'id = "Q1"', BANK, "questions[1].id"),
    "gap in question ids": (BANK, 'id = "Q30"', 'id = "Q31"', BANK, "questions"),
    "unverified question": (BANK, 'status = "PARTIAL"', 'status = "UNVERIFIED"', BANK, "questions[14].status"),
    "unknown category": (BANK, 'category = "CERC"', 'category = "Khủng hoảng"', BANK, "questions[28].category"),
    "question cites unknown document": (BANK, '{ document = "nd-09-2017", article = "Điều 4" }',
                                        '{ document = "nd-09", article = "Điều 4" }', BANK,
                                        "questions[0].citations[0].document"),
    "spare question in a quiz": (BANK, 'questions = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q15", "Q30"]',
                                 'questions = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q15", "DP1"]',
                                 BANK, "quizzes[0].questions"),
    "draw larger than its pool": (BANK, "count = 3", "count = 5", BANK, "quizzes[1].draw[2].count"),
    "draw pool from another category": (BANK, 'questions = ["Q29"]', 'questions = ["Q28"]', BANK,
                                        "quizzes[1].draw[4].questions"),
    "quiz after a module that does not exist": (BANK, "after_module = 6", "after_module = 7", BANK,
                                                "quizzes[1].after_module"),
}


@pytest.mark.parametrize(("relpath", "old", "new", "blamed", "field"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_content_is_refused_naming_file_and_field(content, relpath, old, new, blamed, field):
    edit(content / relpath, old, new)
    with pytest.raises(ContentError) as caught:
        load_all(content)
    assert caught.value.path == str(content / blamed)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{content / blamed}: {field}: ")


def test_a_multiple_question_needs_two_correct_choices(content):
    bank = content / BANK
    edit(bank, 'text = "Tổ chức họp báo"\n  correct = true', 'text = "Tổ chức họp báo"\n  correct = false')
    edit(bank, 'text = "Gửi nội dung trả lời cho nhà báo qua thư điện tử"\n  correct = true',
         'text = "Gửi nội dung trả lời cho nhà báo qua thư điện tử"\n  correct = false')
    with pytest.raises(ContentError, match=r"questions\[1\]\.choices: a multiple question needs at least two correct"):
        load_all(content)


def test_course_one_must_keep_six_modules_and_fifteen_lessons(content):
    course = content / COURSE_TOML
    text = course.read_text(encoding="utf-8")
    start = text.index("[[modules.lessons]]\nfile = \"lessons/15-")
    course.write_text(text[:start], encoding="utf-8")
    (content / COURSE1 / "lessons" / "15-cbccvc-tren-mang-xa-hoi.md").unlink()
    with pytest.raises(ContentError, match="must have 6 modules and 15 lessons, found 6 and 14"):
        load_courses(content)


def test_missing_register_is_refused(content):
    (content / REGISTER).unlink()
    with pytest.raises(ContentError, match="legal_documents.toml: file: not found"):
        load_courses(content)


def test_dataclasses_are_frozen(courses):
    lesson = courses[0].lessons[0]
    with pytest.raises(AttributeError):
        lesson.title = "khác"
