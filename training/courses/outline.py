"""Progress arithmetic for one learner in one course (pure).

Given the course's items in order and the learner's results, say what is done, what is
next and how far along they are. The course page, the dashboard and completion all use it,
so they can never disagree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class OutlineItem:
    """An item as progress sees it."""

    id: int
    is_required: bool


@dataclass(frozen=True)
class Progress:
    """A learner's standing: required items done out of required items, and what comes next."""

    required_total: int
    required_done: int
    done_ids: frozenset
    next_item_id: int | None

    @property
    def percent(self):
        if self.required_total == 0:
            return 100 if self.done_ids else 0
        return round(100 * self.required_done / self.required_total)

    @property
    def is_complete(self):
        return self.required_total > 0 and self.required_done == self.required_total


def compute_progress(items, completed_ids, last_item_id=None):
    """Compute progress over ``items`` (in course order) given the completed item ids.

    The next item is the first unfinished item after the last one the learner opened (so
    "continue" resumes where they left off), wrapping to the first unfinished required item
    before any other unfinished item.
    """
    done = frozenset(i.id for i in items if i.id in completed_ids)
    required = [i for i in items if i.is_required]
    required_done = sum(1 for i in required if i.id in done)
    return Progress(len(required), required_done, done, _next_item(items, done, last_item_id))


def _next_item(items, done, last_item_id):
    ids = [i.id for i in items]
    start = ids.index(last_item_id) if last_item_id in ids else 0
    if last_item_id in ids and last_item_id not in done:
        return last_item_id
    for item in items[start:]:
        if item.id not in done:
            return item.id
    for item in items:
        if item.is_required and item.id not in done:
            return item.id
    for item in items:
        if item.id not in done:
            return item.id
    return None
