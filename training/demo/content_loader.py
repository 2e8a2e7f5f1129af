"""Read and validate the demo content files (pure: standard library and ``training.core.text`` only).

``training/demo/content/`` holds the legal-document register (``legal_documents.toml``), one
directory per course (``course.toml`` plus ``lessons/*.md``) and the quiz bank
(``quiz_bank.toml``); ``content/README.md`` describes every field. This module turns them into
frozen dataclasses and refuses anything doubtful with a :class:`ContentError` that names the file
and the field, so ``flask seed-demo`` never loads half a course.
"""

import re
import tomllib
from datetime import date
from pathlib import Path

from training.core.text import nfc
from training.demo.content_types import (
    Choice,
    Citation,
    ContentError,
    Course,
    DrawRule,
    LegalDocument,
    Lesson,
    Module,
    Question,
    Quiz,
    QuizBank,
)

__all__ = [
    "Choice", "Citation", "ContentError", "Course", "DrawRule", "LegalDocument", "Lesson", "Module", "Question",
    "Quiz", "QuizBank", "load_courses", "load_legal_documents", "load_quiz_bank",
]

CONTENT_DIR = Path(__file__).resolve().parent / "content"
REGISTER_FILE = "legal_documents.toml"
QUIZ_BANK_FILE = "quiz_bank.toml"
DOCUMENT_KINDS = ("luat", "nghi-dinh", "nghi-quyet", "quyet-dinh", "thong-tu", "tai-lieu")
LESSON_KINDS = ("lesson", "simulation_placeholder")
LESSON_DEPTHS = ("full", "summary")
QUESTION_TYPES = ("single", "multiple", "truefalse")
QUESTION_STATUSES = ("VERIFIED", "PARTIAL")
CATEGORIES = ("NĐ 09/2017", "Luật Báo chí 2016", "NĐ 119/2020", "QĐ 874", "CERC", "Luật Báo chí 2025")
QUIZ_MODES = ("practice", "exam")
TRUE_FALSE = ("Đúng", "Sai")
# Scenarios written by the simulations feature; a simulation placeholder must name one of them.
KNOWN_SCENARIOS = ("ca-chet-kenh-bau-sen", "khieu-nai-boi-thuong-gpmb", "tin-don-nuoc-may")
# (modules, lessons) each demo course must have, from section 4 of the content brief.
COURSE_SHAPES = {"khung-phap-ly-phat-ngon": (6, 15), "ky-nang-hop-bao-phong-van": (5, 12),
                 "xu-ly-khung-hoang-cai-chinh": (5, 10)}
FORBIDDEN_WORDS = re.compile(r"todo|lorem|ipsum|placeholder|tbd|xxx", re.IGNORECASE)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FACT_ID = re.compile(r"^(F\d{2}|W\d(-issued)?)$")
SOURCE = re.compile(r"^S\d+[a-z]?(, S\d+[a-z]?)*$")
QUESTION_ID = re.compile(r"^(Q\d+|DP\d+)$")


class _Table:
    """Typed, strict access to one TOML table; every problem names the file and the field."""

    def __init__(self, path, where, data):
        if not isinstance(data, dict):
            raise ContentError(path, where, "must be a table")
        self.path, self.where, self.data, self.used = path, where, data, set()

    def _field(self, key):
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key, message):
        raise ContentError(self.path, self._field(key), message)

    def get(self, key, kind, default=None, required=True):
        self.used.add(key)
        if key not in self.data:
            if required:
                self.fail(key, "is missing")
            return default
        value = self.data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            self.fail(key, f"must be {getattr(kind, '__name__', kind)}, not {type(value).__name__}")
        return value

    def text(self, key, required=True, empty=False, default=""):
        value = self.get(key, str, default, required)
        check_text(self.path, self._field(key), value)
        if not empty and not value.strip():
            self.fail(key, "must not be empty")
        return value

    def texts(self, key, required=True):
        values = self.get(key, list, [], required)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{key}[{i}]", "must be a string")
            check_text(self.path, f"{self._field(key)}[{i}]", value)
        return tuple(values)

    def tables(self, key, required=True):
        values = self.get(key, list, [], required)
        return [_Table(self.path, f"{self._field(key)}[{i}]", value) for i, value in enumerate(values)]

    def close(self):
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            self.fail(unknown[0], "unknown field")


def check_text(path, field, value):
    """Raise unless ``value`` is NFC and free of draft markers (TODO, lorem ipsum, placeholder…)."""
    if nfc(value) != value:
        raise ContentError(path, field, "text is not in Unicode NFC")
    found = FORBIDDEN_WORDS.search(value)
    if found:
        raise ContentError(path, field, f"draft marker {found.group(0)!r} in text")


def _read_toml(path):
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ContentError(path, "file", "not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(path, "toml", str(exc)) from None


def _date(table, key):
    value = table.get(key, date, required=False)
    if value is not None and type(value) is not date:
        table.fail(key, "must be a date without time (YYYY-MM-DD)")
    return value


def _citations(table, key, codes, required=True):
    citations = []
    for row in table.tables(key, required):
        document = row.text("document")
        if document not in codes:
            row.fail("document", f"unknown legal document code {document!r}")
        citations.append(Citation(document, row.text("article", empty=True)))
        row.close()
    return tuple(citations)


def _facts(table, key, required=True):
    facts = table.texts(key, required)
    for fact in facts:
        if not FACT_ID.match(fact):
            table.fail(key, f"{fact!r} is not a fact id of the brief (F01, W3, W3-issued…)")
    return facts


def load_legal_documents(content_dir=CONTENT_DIR):
    """Return the register of legal documents, in file order."""
    path = Path(content_dir) / REGISTER_FILE
    root = _Table(path, "", _read_toml(path))
    documents = []
    for row in root.tables("documents"):
        code = row.text("code")
        if not SLUG.match(code):
            row.fail("code", "must be a lower-case ASCII slug")
        kind = row.text("kind")
        if kind not in DOCUMENT_KINDS:
            row.fail("kind", f"must be one of {', '.join(DOCUMENT_KINDS)}")
        issued_on, effective_on = _date(row, "issued_on"), _date(row, "effective_on")
        if issued_on and effective_on and effective_on < issued_on:
            row.fail("effective_on", "is before issued_on")
        source = row.text("source")
        if not SOURCE.match(source):
            row.fail("source", "must list source codes of the brief (S23, S24b…)")
        documents.append(LegalDocument(
            code=code, number=row.text("number", empty=True), title=row.text("title"), kind=kind,
            issued_on=issued_on, effective_on=effective_on, replaces=row.text("replaces", empty=True),
            historical=row.get("historical", bool, False, required=False), note=row.text("note"), source=source,
            superseded_by=row.get("superseded_by", str, "", required=False) or "",
            superseded_on=_date(row, "superseded_on")))
        row.close()
    root.close()
    codes = [d.code for d in documents]
    for i, document in enumerate(documents):
        if document.code in codes[:i]:
            raise ContentError(path, f"documents[{i}].code", f"duplicate code {document.code!r}")
        if document.replaces and (document.replaces not in codes or document.replaces == document.code):
            raise ContentError(path, f"documents[{i}].replaces", f"unknown document {document.replaces!r}")
        if document.superseded_by and (document.superseded_by not in codes or document.superseded_by == document.code):
            raise ContentError(path, f"documents[{i}].superseded_by", f"unknown document {document.superseded_by!r}")
        if bool(document.superseded_by) != bool(document.superseded_on):
            raise ContentError(path, f"documents[{i}].superseded_on", "superseded_by and superseded_on go together")
    return tuple(documents)


def _lesson(row, course_dir, codes):
    file = row.text("file")
    lesson_path = (course_dir / file).resolve()
    if lesson_path.parent != (course_dir / "lessons").resolve() or lesson_path.suffix != ".md":
        row.fail("file", "must be lessons/<name>.md")
    if not lesson_path.is_file():
        row.fail("file", f"lesson file {file} does not exist")
    try:
        body = lesson_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(lesson_path, "body", "not UTF-8") from None
    check_text(lesson_path, "body", body)
    if not body.strip():
        raise ContentError(lesson_path, "body", "is empty")
    minutes = row.get("estimated_minutes", int)
    if minutes <= 0:
        row.fail("estimated_minutes", "must be positive")
    kind = row.get("kind", str, "lesson", required=False)  # a code, not prose: not checked for draft words
    if kind not in LESSON_KINDS:
        row.fail("kind", f"must be one of {', '.join(LESSON_KINDS)}")
    scenario = row.text("scenario", required=False, empty=True)
    alternatives = row.texts("alternative_scenarios", required=False)
    if kind == "simulation_placeholder":
        for name in (scenario, *alternatives):
            if name not in KNOWN_SCENARIOS:
                row.fail("scenario", f"unknown scenario {name!r}")
    elif scenario or alternatives:
        row.fail("scenario", "only a simulation_placeholder names a scenario")
    depth = row.text("depth", required=False, default="full")
    if depth not in LESSON_DEPTHS:
        row.fail("depth", f"must be one of {', '.join(LESSON_DEPTHS)}")
    title = row.text("title")
    lesson = Lesson(
        file=file, title=title, short_title=row.text("short_title", required=False, default=title),
        estimated_minutes=minutes, required=row.get("required", bool), kind=kind, depth=depth,
        scenario=scenario, alternative_scenarios=alternatives, facts=_facts(row, "facts"),
        unverified_mentions=_facts(row, "unverified_mentions", required=False),
        citations=_citations(row, "citations", codes), body=body)
    row.close()
    return lesson


def _course(course_dir, codes):
    path = course_dir / "course.toml"
    root = _Table(path, "", _read_toml(path))
    slug = root.text("slug")
    if slug != course_dir.name or not SLUG.match(slug):
        root.fail("slug", f"must be an ASCII slug equal to the directory name {course_dir.name!r}")
    hours = root.get("estimated_hours", (int, float))
    if hours <= 0:
        root.fail("estimated_hours", "must be positive")
    modules = []
    for row in root.tables("modules"):
        lessons = tuple(_lesson(lesson_row, course_dir, codes) for lesson_row in row.tables("lessons"))
        if not lessons:
            row.fail("lessons", "a module needs at least one lesson")
        modules.append(Module(row.text("title"), row.text("summary", required=False), lessons))
        row.close()
    course = Course(slug=slug, position=root.get("position", int), title=root.text("title"),
                    summary=root.text("summary"), audience=root.text("audience"), estimated_hours=hours,
                    legal_notice=root.text("legal_notice", required=False), modules=tuple(modules))
    root.close()
    files = [lesson.file for lesson in course.lessons]
    duplicates = sorted({f for f in files if files.count(f) > 1})
    if duplicates:
        root.fail("modules", f"lesson file listed twice: {duplicates[0]}")
    orphans = sorted(p.name for p in (course_dir / "lessons").glob("*.md") if f"lessons/{p.name}" not in files)
    if orphans:
        root.fail("modules", f"lessons/{orphans[0]} is not listed in any module")
    shape = COURSE_SHAPES.get(slug)
    if shape and (len(course.modules), len(course.lessons)) != shape:
        root.fail("modules", f"must have {shape[0]} modules and {shape[1]} lessons, "
                             f"found {len(course.modules)} and {len(course.lessons)}")
    return course


def load_courses(content_dir=CONTENT_DIR, documents=None):
    """Return every course under ``content_dir`` (a directory with a course.toml), by position."""
    content_dir = Path(content_dir)
    documents = load_legal_documents(content_dir) if documents is None else documents
    codes = {document.code for document in documents}
    courses = [_course(p.parent, codes) for p in sorted(content_dir.glob("*/course.toml"))]
    if not courses:
        raise ContentError(content_dir, "courses", "no course directory found")
    positions = [course.position for course in courses]
    if len(set(positions)) != len(positions):
        raise ContentError(content_dir, "position", "two courses share a position")
    return tuple(sorted(courses, key=lambda course: course.position))


def _choices(row, qtype):
    choices = []
    for choice_row in row.tables("choices"):
        choices.append(Choice(choice_row.text("text"), choice_row.get("correct", bool), choice_row.text("feedback")))
        choice_row.close()
    correct = sum(choice.correct for choice in choices)
    if qtype == "truefalse" and tuple(choice.text for choice in choices) != TRUE_FALSE:
        row.fail("choices", "a true/false question has exactly the choices 'Đúng' and 'Sai', in that order")
    if len(choices) < 2:
        row.fail("choices", "needs at least two choices")
    if qtype in ("single", "truefalse") and correct != 1:
        row.fail("choices", f"a {qtype} question needs exactly one correct choice, found {correct}")
    if qtype == "multiple" and not 2 <= correct < len(choices):
        row.fail("choices", f"a multiple question needs at least two correct and one wrong choice, found {correct}")
    return tuple(choices)


def _question(row, codes, course_slugs):
    qid = row.text("id")
    if not QUESTION_ID.match(qid):
        row.fail("id", "must look like Q1 (or DP1 for a spare question)")
    qtype = row.text("type")
    if qtype not in QUESTION_TYPES:
        row.fail("type", f"must be one of {', '.join(QUESTION_TYPES)}")
    status = row.text("status")
    if status not in QUESTION_STATUSES:
        row.fail("status", "must be VERIFIED or PARTIAL (UNVERIFIED facts never make a question)")
    category = row.text("category")
    if category not in CATEGORIES:
        row.fail("category", f"must be one of {', '.join(CATEGORIES)}")
    course = row.text("course")
    if course_slugs is not None and course not in course_slugs:
        row.fail("course", f"unknown course {course!r}")
    points = row.get("points", int)
    if points <= 0:
        row.fail("points", "must be positive")
    spare = row.get("spare", bool, False, required=False)
    if spare != qid.startswith("DP"):
        row.fail("spare", "spare questions (and only they) have ids DP1, DP2…")
    citations = _citations(row, "citations", codes)
    if not citations:
        row.fail("citations", "a question cites at least one document")
    question = Question(id=qid, type=qtype, text=row.text("text"), choices=_choices(row, qtype),
                        general_feedback=row.text("general_feedback"), points=points, citations=citations,
                        facts=_facts(row, "facts"), status=status, course=course, category=category, spare=spare)
    row.close()
    return question


def _quiz(row, by_id, modules_per_course):
    slug = row.text("slug")
    if not SLUG.match(slug):
        row.fail("slug", "must be a lower-case ASCII slug")
    course = row.text("course")
    if course not in modules_per_course:
        row.fail("course", f"unknown course {course!r}")
    after = row.get("after_module", int)
    if not 1 <= after <= modules_per_course[course]:
        row.fail("after_module", f"course {course} has {modules_per_course[course]} modules")
    mode = row.text("mode")
    if mode not in QUIZ_MODES:
        row.fail("mode", f"must be one of {', '.join(QUIZ_MODES)}")
    fixed = row.texts("questions", required=False)
    draws = []
    for draw_row in row.tables("draw", required=False):
        rule = DrawRule(draw_row.text("category"), draw_row.get("count", int), draw_row.texts("questions"))
        if rule.category not in CATEGORIES:
            draw_row.fail("category", f"must be one of {', '.join(CATEGORIES)}")
        if not 1 <= rule.count <= len(rule.questions):
            draw_row.fail("count", f"must be between 1 and the pool size {len(rule.questions)}")
        for qid in rule.questions:
            if qid in by_id and by_id[qid].category != rule.category:
                draw_row.fail("questions", f"{qid} is not in category {rule.category!r}")
        draws.append(rule)
        draw_row.close()
    used = list(fixed) + [qid for rule in draws for qid in rule.questions]
    for qid in used:
        if qid not in by_id or by_id[qid].spare:
            row.fail("questions", f"{qid} is not a question of the bank (spare questions are not used)")
    if len(set(used)) != len(used):
        row.fail("questions", "a question is listed twice")
    if not used:
        row.fail("questions", "a quiz needs questions or draw rules")
    pass_mark, limit, attempts = (row.get("pass_mark_percent", int), row.get("time_limit_minutes", int),
                                  row.get("attempts_allowed", int))
    if not 0 <= pass_mark <= 100 or limit < 0 or attempts < 0:
        row.fail("pass_mark_percent", "pass mark 0–100, time limit and attempts not negative")
    quiz = Quiz(slug=slug, title=row.text("title"), course=course, after_module=after, mode=mode,
                intro=row.text("intro"), questions=fixed, draw=tuple(draws), time_limit_minutes=limit,
                pass_mark_percent=pass_mark, attempts_allowed=attempts,
                shuffle_questions=row.get("shuffle_questions", bool), shuffle_choices=row.get("shuffle_choices", bool),
                required=row.get("required", bool))
    row.close()
    return quiz


def load_quiz_bank(content_dir=CONTENT_DIR, documents=None, courses=None):
    """Return the question bank and the quizzes that use it."""
    content_dir = Path(content_dir)
    documents = load_legal_documents(content_dir) if documents is None else documents
    courses = load_courses(content_dir, documents) if courses is None else courses
    codes = {document.code for document in documents}
    modules_per_course = {course.slug: len(course.modules) for course in courses}
    path = content_dir / QUIZ_BANK_FILE
    root = _Table(path, "", _read_toml(path))
    questions = [_question(row, codes, set(modules_per_course)) for row in root.tables("questions")]
    by_id = {}
    for i, question in enumerate(questions):
        if question.id in by_id:
            raise ContentError(path, f"questions[{i}].id", f"duplicate id {question.id!r}")
        by_id[question.id] = question
    numbered = sorted(int(q.id[1:]) for q in questions if not q.spare)
    if numbered != list(range(1, len(numbered) + 1)):
        raise ContentError(path, "questions", "ids must run Q1, Q2, … without gaps")
    quizzes = [_quiz(row, by_id, modules_per_course) for row in root.tables("quizzes", required=False)]
    slugs = [quiz.slug for quiz in quizzes]
    if len(set(slugs)) != len(slugs):
        raise ContentError(path, "quizzes", "two quizzes share a slug")
    root.close()
    return QuizBank(tuple(questions), tuple(quizzes))
