"""The coverage report model and its maths (pure): roll-up over the unit tree, comparison, totals.

The database answers with each unit's *own* counts (``UnitCounts``, people belong to exactly one
unit). :func:`roll_up` adds every unit's descendants over the materialized paths ("/1/4/17/").
Averages cannot be added, so rows carry sums and counts (quiz score sum and number of scored
attempts, simulation runs passed and run) and derive rates from them: a parent's average is then
weighted by its children's counts, as it must be.

Counts of learning activity (``enrolled``, ``completed_*``, ``overdue``) are enrolments, not
people; ``people``, ``spokespersons`` and ``certified_spokespersons`` are people.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from training.core.text import fold
from training.reports.formatting import exact, percent, ratio
from training.reports.lists import EXPIRING_DAYS
from training.reports.periods import Period

_SUMS = ("quiz_score_sum",)
_COURSE_COUNTS = ("enrolled", "completed_in_period", "completed_ever", "valid_certificates", "overdue",
                  "quiz_score_sum", "quiz_scored", "simulation_passed", "simulation_runs")
_ADDITIVE = ("people", "spokespersons", "enrolled", "completed_in_period", "completed_ever",
             "valid_certificates", "certified_spokespersons", "overdue", "quiz_score_sum",
             "quiz_scored", "simulation_passed", "simulation_runs")


def _normalise(row, names):
    """Make counts plain ints (PostgreSQL sums integers as ``Decimal``) and sums exact; refuse negatives."""
    for name in names:
        value = getattr(row, name)
        if name in _SUMS:
            value = exact(value)
        elif not isinstance(value, int) or isinstance(value, bool):
            if value != int(value):
                raise ValueError(f"{name} must be a whole number, not {value!r}")
            value = int(value)
        if value < 0:
            raise ValueError(f"{name} cannot be negative")
        object.__setattr__(row, name, value)


@dataclass(frozen=True, kw_only=True)
class Measures:
    """Additive figures of a unit (or a whole subtree); rates are derived, never stored."""

    people: int = 0
    spokespersons: int = 0
    enrolled: int = 0
    completed_in_period: int = 0
    completed_ever: int = 0
    valid_certificates: int = 0
    certified_spokespersons: int = 0
    overdue: int = 0
    quiz_score_sum: Decimal = Decimal(0)
    quiz_scored: int = 0
    simulation_passed: int = 0
    simulation_runs: int = 0

    def __post_init__(self):
        _normalise(self, _ADDITIVE)
        if self.certified_spokespersons > self.spokespersons:
            raise ValueError("more certified spokespersons than spokespersons")
        if self.simulation_passed > self.simulation_runs:
            raise ValueError("more simulation runs passed than run")

    @property
    def coverage(self):
        """Return the percentage of spokespersons holding a valid certificate (``None``: none)."""
        return percent(self.certified_spokespersons, self.spokespersons)

    @property
    def uncertified_spokespersons(self):
        """Return how many spokespersons hold no valid certificate."""
        return self.spokespersons - self.certified_spokespersons

    @property
    def average_quiz_score(self):
        """Return the mean quiz score (0-100) over scored attempts, or ``None``."""
        return ratio(self.quiz_score_sum, self.quiz_scored)

    @property
    def simulation_pass_rate(self):
        """Return the percentage of simulation runs passed, or ``None`` when nobody ran one."""
        return percent(self.simulation_passed, self.simulation_runs)

    def measures(self):
        """Return the additive figures as a dict (for sums and serialisation)."""
        return {name: getattr(self, name) for name in _ADDITIVE}


@dataclass(frozen=True, kw_only=True)
class UnitCounts(Measures):
    """A unit's own figures as the database counts them (descendants not included)."""

    code: str


@dataclass(frozen=True)
class UnitNode:
    """A unit of the tree: ``path`` lists ids from the root, ``/1/4/17/``."""

    code: str
    name: str
    path: str
    kind: str = ""


@dataclass(frozen=True, kw_only=True)
class UnitFigures(Measures):
    """A unit with the figures of its whole subtree. ``depth`` 0 is a top unit of the report."""

    code: str
    name: str
    path: str = ""
    depth: int = 0
    parent_code: str = ""
    kind: str = ""
    children: int = 0


@dataclass(frozen=True, kw_only=True)
class CourseFigures:
    """A course's figures over the report's scope."""

    slug: str
    title: str
    enrolled: int = 0
    completed_in_period: int = 0
    completed_ever: int = 0
    valid_certificates: int = 0
    overdue: int = 0
    quiz_score_sum: Decimal = Decimal(0)
    quiz_scored: int = 0
    simulation_passed: int = 0
    simulation_runs: int = 0

    def __post_init__(self):
        _normalise(self, _COURSE_COUNTS)

    @property
    def completion_rate(self):
        """Return the percentage of enrolments ever completed, or ``None`` without enrolments."""
        return percent(self.completed_ever, self.enrolled)

    average_quiz_score = Measures.average_quiz_score
    simulation_pass_rate = Measures.simulation_pass_rate


@dataclass(frozen=True)
class TrendPoint:
    """Spokespersons and certified spokespersons at the end of one period."""

    period: Period
    spokespersons: int
    certified_spokespersons: int

    def __post_init__(self):
        _normalise(self, ("spokespersons", "certified_spokespersons"))

    @property
    def coverage(self):
        """Return the coverage percentage of this period, or ``None``."""
        return percent(self.certified_spokespersons, self.spokespersons)


@dataclass(frozen=True)
class Change:
    """A unit (or the total) now and in the previous period; ``*_before`` is ``None`` if it was absent."""

    code: str
    name: str
    depth: int
    spokespersons: int
    certified: int
    completed_in_period: int
    spokespersons_before: int | None = None
    certified_before: int | None = None
    completed_in_period_before: int | None = None

    @property
    def certified_delta(self):
        """Return the change in certified spokespersons, or ``None``."""
        return None if self.certified_before is None else self.certified - self.certified_before

    @property
    def coverage(self):
        """Return the coverage now."""
        return percent(self.certified, self.spokespersons)

    @property
    def coverage_before(self):
        """Return the coverage in the previous period."""
        return None if self.certified_before is None else percent(self.certified_before, self.spokespersons_before)

    @property
    def coverage_delta(self):
        """Return the change in coverage, in percentage points, or ``None``."""
        now, before = self.coverage, self.coverage_before
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class CoverageReport:
    """Everything a coverage report shows; ``as_of`` is the day certificates are judged valid on."""

    period: Period
    scope_code: str
    scope_name: str
    as_of: date
    generated_at: datetime
    units: tuple = ()
    courses: tuple = ()
    uncertified: tuple = ()
    expiring: tuple = ()
    overdue: tuple = ()
    previous_period: Period | None = None
    previous_units: tuple = ()
    trend: tuple = ()
    expiring_days: int = EXPIRING_DAYS
    total: UnitFigures = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "total", city_total(self.units, name=self.scope_name))

    @property
    def previous_total(self):
        """Return the previous period's total, or ``None`` without a comparison."""
        if self.previous_period is None:
            return None
        return city_total(self.previous_units, name=self.scope_name)

    @property
    def changes(self):
        """Return each unit compared with the previous period (empty without a comparison)."""
        return compare(self.units, self.previous_units) if self.previous_period else ()

    @property
    def total_change(self):
        """Return the total compared with the previous period, or ``None``."""
        previous = self.previous_total
        return None if previous is None else change(self.total, previous)


def path_key(path):
    """Return a sort key that orders paths as a tree, numerically (``/1/4/`` before ``/1/10/``)."""
    return tuple(int(p) if p.isdigit() else 0 for p in path.strip("/").split("/") if p)


def _parent_path(path):
    parts = [p for p in path.strip("/").split("/") if p]
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""


def _nearest_ancestor(path, by_path):
    path = _parent_path(path)
    while path and path not in by_path:
        path = _parent_path(path)
    return by_path.get(path) if path else None


def roll_up(counts, tree):
    """Return one :class:`UnitFigures` per tree node, each totalling its whole subtree.

    Rows come in tree order (parents before children, siblings by id). A node whose parent is
    not in ``tree`` is a top unit (depth 0), so ``tree`` may be any subtree of the city.

    :param counts: :class:`UnitCounts`, at most one per unit code; units without a row count 0.
    :param tree: :class:`UnitNode` of every unit in the report's scope.
    :raises ValueError: for counts of a unit outside ``tree`` or duplicate codes/paths.
    """
    nodes = sorted(tree, key=lambda n: path_key(n.path))
    by_path = {n.path: n for n in nodes}
    by_code = {n.code: n for n in nodes}
    if len(by_path) != len(nodes) or len(by_code) != len(nodes):
        raise ValueError("duplicate unit code or path in the tree")
    totals = {n.path: dict.fromkeys(_ADDITIVE, 0) for n in nodes}
    for row in counts:
        node = by_code.get(row.code)
        if node is None:
            raise ValueError(f"counts for unit {row.code!r}, which is not in the tree")
        path = node.path
        own = row.measures()
        # Add the unit's own figures to itself and every ancestor present in the tree.
        while path:
            if path in totals:
                target = totals[path]
                for name, value in own.items():
                    target[name] += value
            path = _parent_path(path)
    depths, children, parents = {}, dict.fromkeys(by_path, 0), {}
    for node in nodes:
        # The parent is the nearest ancestor in the tree, so a gap in the paths never makes a
        # unit a second top unit (which would count it twice in the total).
        parent = _nearest_ancestor(node.path, by_path)
        parents[node.path] = parent
        depths[node.path] = depths[parent.path] + 1 if parent else 0
        if parent:
            children[parent.path] += 1
    rows = []
    for node in nodes:
        parent = parents[node.path]
        rows.append(UnitFigures(code=node.code, name=node.name, path=node.path, depth=depths[node.path],
                                parent_code=parent.code if parent else "", kind=node.kind,
                                children=children[node.path], **totals[node.path]))
    return tuple(rows)


def city_total(rows, name="", code=""):
    """Return the total of the top units (those without a parent among ``rows``)."""
    summed = dict.fromkeys(_ADDITIVE, 0)
    for row in rows:
        if not row.parent_code:
            for key, value in row.measures().items():
                summed[key] += value
    return UnitFigures(code=code, name=name, children=sum(1 for r in rows if not r.parent_code), **summed)


def change(now, before):
    """Return the :class:`Change` of one row between two periods (``before`` may be ``None``)."""
    return Change(
        code=now.code, name=now.name, depth=now.depth, spokespersons=now.spokespersons,
        certified=now.certified_spokespersons, completed_in_period=now.completed_in_period,
        spokespersons_before=before.spokespersons if before else None,
        certified_before=before.certified_spokespersons if before else None,
        completed_in_period_before=before.completed_in_period if before else None,
    )


def compare(current, previous):
    """Return a :class:`Change` for each current unit, matched by code with the previous rows."""
    before = {row.code: row for row in previous}
    return tuple(change(row, before.get(row.code)) for row in current)


def _person_key(row, units=None):
    # Grouped by unit in the tree's order when the tree is known, else by unit name.
    unit = units.get(row.unit_code, (float("inf"),)) if units else ()
    return (unit, fold(row.unit_name), fold(row.full_name), row.full_name)


def _expiring_key(row, units=None):
    return (row.expires_on, *_person_key(row, units), row.serial)


def build_report(*, period, scope_code, scope_name, as_of, generated_at, tree, counts, courses=(),
                 uncertified=(), expiring=(), overdue=(), previous_counts=None, trend=(),
                 expiring_days=EXPIRING_DAYS):
    """Assemble a :class:`CoverageReport`, every list in a fixed order whatever the input order.

    A fixed order matters: a frozen snapshot is hashed, so the same figures must give the same bytes.
    ``previous_counts`` (own counts of the previous period, same tree) turns the comparison on.
    """
    tree = tuple(tree)
    units = {n.code: path_key(n.path) for n in tree}
    previous_units = roll_up(previous_counts, tree) if previous_counts is not None else ()
    return CoverageReport(
        period=period, scope_code=scope_code, scope_name=scope_name, as_of=as_of, generated_at=generated_at,
        units=roll_up(counts, tree),
        courses=tuple(sorted(courses, key=lambda c: (fold(c.title), c.slug))),
        uncertified=tuple(sorted(uncertified, key=lambda r: (*_person_key(r, units), r.unit_code))),
        expiring=tuple(sorted(expiring, key=lambda r: _expiring_key(r, units))),
        overdue=tuple(sorted(overdue, key=lambda r: (r.due_on, *_person_key(r, units), fold(r.course_title)))),
        previous_period=period.previous() if previous_counts is not None else None,
        previous_units=previous_units,
        trend=tuple(sorted(trend, key=lambda p: (p.period.start, p.period.end))),
        expiring_days=expiring_days,
    )
