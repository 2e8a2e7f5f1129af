"""SQL aggregates of certificates and learning results (the courses ledger) for the coverage report.

Certificates are judged valid on the window's ``as_of`` day with the dates stored on each row
(issued, revoked, superseded, refresher required, expiry), so a past period is reported as it
stood then. Quiz and simulation results reach reports only through the ledger
(``item_results.source``): reports need nothing from those features.
"""

from datetime import timedelta

from sqlalchemy import and_, case, func, or_, select, true

from training.accounts.models import User
from training.certificates.models import Certificate
from training.courses.models import Course, Enrollment, ItemResult
from training.extensions import db
from training.orgunits.models import Unit
from training.reports.lists import ExpiringRow, UncertifiedRow
from training.reports.queries import active_enrolment, spokesperson_at, within


def valid_at(window):
    """Return the condition "the certificate was valid at the end of ``window``"."""
    return and_(
        Certificate.issued_at < window.end,
        or_(Certificate.revoked_at.is_(None), Certificate.revoked_at >= window.end),
        or_(Certificate.superseded_at.is_(None), Certificate.superseded_at >= window.end),
        or_(Certificate.refresher_required_at.is_(None), Certificate.refresher_required_at >= window.end),
        or_(Certificate.expires_on.is_(None), Certificate.expires_on >= window.as_of),
    )


def _course(scope):
    return Certificate.course_id == scope.course_id if scope.course_id is not None else true()


def certificate_counts(scope, windows, expiring_days):
    """Return ``({(unit id, course id): (valid certificates at the end of each window...)}, expiring)``.

    ``expiring`` counts the certificates valid at the end of the first window that expire within
    ``expiring_days`` of its ``as_of`` day, the real length of :func:`expiring_certificates`'
    capped list: one more sum over the same rows instead of a statement of its own.
    """
    first = windows[0]
    query = select(User.unit_id, Certificate.course_id,
                   *(func.coalesce(func.sum(case((valid_at(w), 1), else_=0)), 0) for w in windows),
                   func.coalesce(func.sum(case((_expires_soon(first, expiring_days), 1), else_=0)), 0)) \
        .select_from(Certificate).join(User, Certificate.user_id == User.id) \
        .where(_course(scope), User.is_active.is_(True), _maybe_valid(windows))
    query = within(query, scope).group_by(User.unit_id, Certificate.course_id)
    counts, expiring = {}, 0
    for row in db.session.execute(query):
        counts[(row[0], row[1])] = tuple(row[2:-1])
        expiring += row[-1]
    return counts, expiring


def certified_spokespersons(scope, windows):
    """Return ``{unit id: (spokespersons holding a valid certificate at the end of each window...)}``.

    A person belongs to one unit, so these per-unit counts of distinct people add up to the city's.
    """
    columns = [func.count(func.distinct(case((and_(valid_at(w), spokesperson_at(w.as_of)), Certificate.user_id))))
               for w in windows]
    query = select(User.unit_id, *columns).select_from(Certificate).join(User, Certificate.user_id == User.id) \
        .where(_course(scope), User.is_active.is_(True), User.is_spokesperson.is_(True), _maybe_valid(windows))
    query = within(query, scope).group_by(User.unit_id)
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def _maybe_valid(windows):
    """Leave out certificates valid in none of the windows (expired before the earliest one)."""
    earliest = min(w.as_of for w in windows)
    return and_(Certificate.issued_at < max(w.end for w in windows),
                or_(Certificate.expires_on.is_(None), Certificate.expires_on >= earliest))


def result_counts(scope, windows):
    """Return ``{(unit id, course id): ((quiz score sum, quizzes scored, simulations passed, run), ...)}``.

    One ledger row per enrolment and item holds the best result so far; rows written after a
    window are left out of it. Conditional sums per window, grouped only by unit and course: a
    grouping the planner estimates right, so PostgreSQL aggregates in parallel workers (grouping
    by a per-row "window bucket" expression made it expect a group per row and run serially).
    """
    quiz = and_(ItemResult.source == "quiz", ItemResult.score.is_not(None))
    simulation = and_(ItemResult.source == "simulation", ItemResult.passed.is_not(None))
    columns = []
    for w in windows:
        before = ItemResult.updated_at < w.end
        columns += [func.coalesce(func.sum(case((and_(before, quiz), ItemResult.score), else_=0)), 0),
                    func.coalesce(func.sum(case((and_(before, quiz), 1), else_=0)), 0),
                    func.coalesce(func.sum(case((and_(before, simulation, ItemResult.passed.is_(True)), 1),
                                                else_=0)), 0),
                    func.coalesce(func.sum(case((and_(before, simulation), 1), else_=0)), 0)]
    query = select(User.unit_id, Enrollment.course_id, *columns) \
        .select_from(ItemResult).join(Enrollment, ItemResult.enrollment_id == Enrollment.id) \
        .join(User, Enrollment.user_id == User.id) \
        .where(active_enrolment(scope), ItemResult.source.in_(("quiz", "simulation")),
               ItemResult.updated_at < max(w.end for w in windows))
    query = within(query, scope).group_by(User.unit_id, Enrollment.course_id)
    return {(row[0], row[1]): tuple(tuple(row[i:i + 4]) for i in range(2, len(row), 4))
            for row in db.session.execute(query)}


def _has_valid(window, scope):
    return select(Certificate.id).where(Certificate.user_id == User.id, valid_at(window), _course(scope)).exists()


def uncertified_spokespersons(scope, window, limit):
    """Return up to ``limit`` :class:`UncertifiedRow`: spokespersons without a valid certificate."""
    lapsed = select(func.max(Certificate.expires_on)).where(
        Certificate.user_id == User.id, Certificate.expires_on < window.as_of, _course(scope)).scalar_subquery()
    query = select(User.full_name, Unit.code, Unit.name, User.position, User.designated_on, lapsed) \
        .join(Unit, User.unit_id == Unit.id) \
        .where(User.is_active.is_(True), spokesperson_at(window.as_of), ~_has_valid(window, scope))
    query = within(query, scope, joined=True).order_by(Unit.path, User.full_name, User.id).limit(limit)
    return [UncertifiedRow(*row) for row in db.session.execute(query)]


def _expires_soon(window, days):
    return and_(valid_at(window), Certificate.expires_on.is_not(None), Certificate.expires_on >= window.as_of,
                Certificate.expires_on <= window.as_of + timedelta(days=days))


def _expiring(scope, window, days):
    return and_(_expires_soon(window, days), _course(scope), User.is_active.is_(True))


def expiring_certificates(scope, window, days, limit):
    """Return up to ``limit`` :class:`ExpiringRow` valid on ``as_of`` and expiring within ``days``."""
    query = select(User.full_name, Unit.code, Unit.name, Course.title, Certificate.serial, Certificate.expires_on) \
        .select_from(Certificate).join(User, Certificate.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .join(Course, Certificate.course_id == Course.id).where(_expiring(scope, window, days))
    query = within(query, scope, joined=True).order_by(Certificate.expires_on, Certificate.id).limit(limit)
    return [ExpiringRow(*row) for row in db.session.execute(query)]
