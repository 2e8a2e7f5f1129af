"""The demo content as frozen dataclasses, and the error raised for a bad content file (pure).

:mod:`training.demo.content_loader` builds these from ``training/demo/content/``; ``flask seed-demo``
maps them onto the courses and quizzes models.
"""

from dataclasses import dataclass
from datetime import date


class ContentError(ValueError):
    """A content file is missing, malformed or breaks a content rule."""

    def __init__(self, path, field, message):
        self.path, self.field = str(path), field
        super().__init__(f"{path}: {field}: {message}")


@dataclass(frozen=True)
class LegalDocument:
    code: str
    number: str
    title: str
    kind: str
    issued_on: date | None
    effective_on: date | None
    replaces: str
    historical: bool
    note: str
    source: str
    #: For a document no longer in force: what replaced it and from when (optional).
    superseded_by: str = ""
    superseded_on: date | None = None


@dataclass(frozen=True)
class Citation:
    document: str
    article: str  # "" cites the document as a whole (article not applicable or not yet verified)


@dataclass(frozen=True)
class Lesson:
    file: str
    title: str
    short_title: str
    estimated_minutes: int
    required: bool
    kind: str
    depth: str
    scenario: str
    alternative_scenarios: tuple[str, ...]
    facts: tuple[str, ...]
    unverified_mentions: tuple[str, ...]
    citations: tuple[Citation, ...]
    body: str

    @property
    def word_count(self):
        """Whitespace-separated words (Vietnamese syllables) that contain a letter or digit."""
        return sum(1 for token in self.body.split() if any(ch.isalnum() for ch in token))


@dataclass(frozen=True)
class Module:
    title: str
    summary: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Course:
    slug: str
    position: int
    title: str
    summary: str
    audience: str
    estimated_hours: float
    legal_notice: str
    modules: tuple[Module, ...]

    @property
    def lessons(self):
        """Every lesson in course order."""
        return tuple(lesson for module in self.modules for lesson in module.lessons)


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    choices: tuple[Choice, ...]
    general_feedback: str
    points: int
    citations: tuple[Citation, ...]
    facts: tuple[str, ...]
    status: str
    course: str
    category: str
    spare: bool


@dataclass(frozen=True)
class DrawRule:
    category: str
    count: int
    questions: tuple[str, ...]  # the pool the draw takes from


@dataclass(frozen=True)
class Quiz:
    slug: str
    title: str
    course: str
    after_module: int  # 1-based: the quiz is the last item of this module
    mode: str
    intro: str
    questions: tuple[str, ...]
    draw: tuple[DrawRule, ...]
    time_limit_minutes: int
    pass_mark_percent: int
    attempts_allowed: int  # 0 = unlimited
    shuffle_questions: bool
    shuffle_choices: bool
    required: bool

    @property
    def question_count(self):
        """Questions in one attempt: the fixed list plus every draw."""
        return len(self.questions) + sum(rule.count for rule in self.draw)


@dataclass(frozen=True)
class QuizBank:
    questions: tuple[Question, ...]
    quizzes: tuple[Quiz, ...]

    def question(self, question_id):
        """Return the question with ``question_id`` (KeyError when unknown)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
