"""What a synthetic city for load tests holds (pure): units, people, courses, enrolments, results.

``seed_load`` inserts these rows in bulk. Everything is drawn from one seeded random generator,
so the same arguments always give the same city. Shares follow the demo city: one person in ten
is a designated spokesperson, most people take one or two of five courses, about 60 % of
enrolments are completed (70 % of those certified for 24 months), a share is overdue.
Quiz and simulation attempts are represented by their ledger rows (``item_results``, one per
enrolment and item): that is what reports read.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from training.core.text import fold

SPOKESPERSON_SHARE = 0.10
COURSES = 5
ITEMS = ("lesson", "lesson", "quiz", "lesson", "simulation", "lesson", "quiz", "lesson")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Đức", "Hoài", "Xuân", "Thu")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Hạnh", "Hùng", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam",
         "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vinh", "Yến")
TOP_KINDS = ("party_committee", "peoples_committee", "front", "party_board")


@dataclass(frozen=True)
class LoadPlan:
    """The numbers of a synthetic city: ``units`` in all, ``top_units`` of them at the top."""

    people: int
    attempts: int
    units: int
    top_units: int
    courses: int = COURSES
    items_per_course: int = len(ITEMS)
    seed: int = 2026

    @classmethod
    def for_people(cls, people, attempts=None):
        """Return the plan for ``people`` (300 units at 100,000 people, at least 12)."""
        if people < 10:
            raise ValueError("at least 10 people")
        units = max(12, min(300, people // 333))
        attempts = people * 10 if attempts is None else attempts
        return cls(people=people, attempts=attempts, units=units, top_units=max(4, units // 15))


def unit_rows(plan):
    """Yield ``(index, parent index or None, code, name, kind)``; parents come before children."""
    for index in range(plan.top_units):
        yield index, None, f"T{index + 1:02d}", f"Đơn vị cấp thành phố {index + 1}", TOP_KINDS[index % len(TOP_KINDS)]
    for index in range(plan.top_units, plan.units):
        parent = (index - plan.top_units) % plan.top_units
        number = index - plan.top_units + 1
        kind = "ward" if number % 3 else "department"
        name = f"Phường {number}" if kind == "ward" else f"Phòng chuyên môn {number}"
        yield index, parent, f"U{number:03d}", name, kind


def person_rows(plan, today):
    """Yield ``(index, unit index, full name, search text, spokesperson, designated_on)``."""
    rng = random.Random(plan.seed)
    for index in range(plan.people):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        spokesperson = rng.random() < SPOKESPERSON_SHARE
        designated = today - timedelta(days=rng.randrange(30, 1500)) if spokesperson else None
        yield index, rng.randrange(plan.units), name, fold(name), spokesperson, designated


@dataclass(frozen=True)
class EnrolmentRow:
    """One enrolment: offsets in days before ``today``; ``completed``/``due`` ``None`` when absent."""

    index: int
    person: int
    course: int
    enrolled_days_ago: int
    due_days_ago: int | None
    completed_days_ago: int | None
    certified: bool
    items_done: int


def enrolment_rows(plan):
    """Yield :class:`EnrolmentRow` (one to three courses per person, 1.5 on average)."""
    rng = random.Random(plan.seed + 1)
    index = 0
    for person in range(plan.people):
        count = rng.choice((1, 1, 2, 2, 1, 3, 0, 2))
        for course in rng.sample(range(plan.courses), min(count, plan.courses)):
            enrolled = rng.randrange(10, 700)
            due = enrolled - 60
            roll = rng.random()
            completed = rng.randrange(max(enrolled - 55, 1), enrolled) if roll < 0.6 else None
            items = plan.items_per_course if completed is not None else rng.randrange(0, plan.items_per_course)
            yield EnrolmentRow(index, person, course, enrolled, due, completed,
                               completed is not None and rng.random() < 0.7, items)
            index += 1


def result_rows(plan, enrolments):
    """Yield ``(enrolment index, item position, kind, score, passed, completed, days ago)`` up to ``attempts``."""
    rng = random.Random(plan.seed + 2)
    produced = 0
    for row in enrolments:
        for position in range(row.items_done):
            if produced >= plan.attempts:
                return
            kind = ITEMS[position]
            score = round(rng.uniform(40, 100), 2) if kind == "quiz" else None
            passed = (score >= 60) if kind == "quiz" else (rng.random() < 0.75) if kind == "simulation" else None
            days = max((row.completed_days_ago or 1), row.enrolled_days_ago - position - 1)
            yield row.index, position, kind, score, passed, True, days
            produced += 1


def certificate_expiry(issued_on, months=24):
    """Return the last valid day of a certificate issued on ``issued_on`` (``months`` of validity)."""
    year, month = divmod(issued_on.month - 1 + months, 12)
    day = min(issued_on.day, 28)
    return date(issued_on.year + year, month + 1, day) - timedelta(days=1)
