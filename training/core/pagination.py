"""Pagination of select statements with a fixed number of queries (count + page)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from training.extensions import db


@dataclass(frozen=True)
class Page:
    """One page of results."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def paginate(query, page, per_page=25, scalars=True):
    """Run ``query`` for one page; ``page`` out of range snaps to the last page."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    limited = query.limit(per_page).offset((page - 1) * per_page)
    rows = db.session.scalars(limited).unique().all() if scalars else db.session.execute(limited).all()
    return Page(items=rows, page=page, per_page=per_page, total=total)


def page_number(args):
    """Return the ``page`` query argument as a positive int (bad values become 1)."""
    try:
        return max(1, int(args.get("page", 1)))
    except (TypeError, ValueError):
        return 1
