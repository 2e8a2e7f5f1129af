"""Progress arithmetic (pure)."""

import pytest

from training.courses.outline import OutlineItem, compute_progress

ITEMS = [OutlineItem(1, True), OutlineItem(2, True), OutlineItem(3, False), OutlineItem(4, True)]


def test_nothing_done():
    progress = compute_progress(ITEMS, set())
    assert (progress.required_total, progress.required_done, progress.percent, progress.next_item_id) == (3, 0, 0, 1)
    assert not progress.is_complete


def test_optional_items_do_not_count():
    progress = compute_progress(ITEMS, {1, 2, 4})
    assert progress.is_complete and progress.percent == 100 and progress.next_item_id == 3


@pytest.mark.parametrize(("done", "last", "expected"), [
    ({1}, 1, 2),        # continue after the last opened item
    ({1}, 2, 2),        # the last opened item is unfinished: resume it
    ({1, 2}, 4, 4),
    ({1, 2, 3}, 3, 4),
    ({2, 3, 4}, 4, 1),  # wrap to the first unfinished required item
    ({1, 2, 4}, 4, 3),  # only an optional item left
    ({1, 2, 3, 4}, 4, None),
])
def test_next_item(done, last, expected):
    assert compute_progress(ITEMS, done, last).next_item_id == expected


def test_percent_rounds_and_ignores_unknown_ids():
    progress = compute_progress(ITEMS, {1, 99})
    assert progress.percent == 33 and progress.done_ids == frozenset({1})


def test_course_without_required_items_is_never_complete():
    progress = compute_progress([OutlineItem(1, False)], {1})
    assert not progress.is_complete and progress.percent == 100
