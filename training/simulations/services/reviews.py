"""Trainer review: the queue of finished runs, claiming a run, scoring it by the rubric.

Several trainers share the queue: opening a run claims it, and a run claimed by someone else
in the last ``CLAIM_MINUTES`` cannot be reviewed by another trainer, so nobody grades the
same run twice. The trainer's score is final; passing writes the course ledger.
"""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from training.accounts.models import User
from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.courses.models import Course, Enrollment, Item
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition
from training.simulations.models import Review, Run, RunPrompt, RunState, ScenarioRecord, Simulation
from training.simulations.services.runs import record_result, scenario_of

CLAIM_MINUTES = 30


def queue(filters=None, limit=200):
    """Return finished runs waiting for review (oldest first), filtered by class, unit and scenario.

    :param filters: ``{"class_id", "unit_path", "scenario_id"}``, each optional.
    :return: ``[(run, user, item title, course title, scenario title)]``.
    """
    filters = filters or {}
    query = (select(Run, User, Item.title, Course.title, ScenarioRecord.title)
             .join(User, Run.user_id == User.id).join(Item, Run.item_id == Item.id)
             .join(Course, Item.course_id == Course.id).join(Simulation, Run.simulation_id == Simulation.id)
             .join(ScenarioRecord, Simulation.scenario_id == ScenarioRecord.id)
             .where(Run.state == RunState.FINISHED.value, Simulation.requires_review.is_(True),
                    Run.enrollment_id.is_not(None)))
    if filters.get("scenario_id"):
        query = query.where(Simulation.scenario_id == filters["scenario_id"])
    if filters.get("class_id"):
        query = query.join(Enrollment, Run.enrollment_id == Enrollment.id).where(
            Enrollment.class_id == filters["class_id"])
    if filters.get("unit_path"):
        query = query.join(Unit, User.unit_id == Unit.id).where(subtree_condition(Unit.path, filters["unit_path"]))
    return db.session.execute(query.order_by(Run.finished_at, Run.id).limit(limit)).all()


def claim(trainer, run, now):
    """Hold ``run`` for ``trainer``'s review; refuse if another trainer holds it."""
    if run.state != RunState.FINISHED.value:
        return False
    held = run.claimed_by_id not in (None, trainer.id) and run.claimed_at is not None \
        and now - run.claimed_at < timedelta(minutes=CLAIM_MINUTES)
    if held:
        return False
    run.claimed_by_id, run.claimed_at = trainer.id, now
    db.session.flush()
    return True


def save_review(trainer, run, data, now):
    """Record the trainer's rubric scores, confirmed red flags, comments and decision.

    :param data: ``{"criteria": {id: points}, "red_flags": [id], "comments": {run_prompt_id: text},
        "comment": text, "passed": bool | None}``; ``passed`` ``None`` applies the rubric's rule.
    :raises DomainError: run not waiting for review, held by another trainer, or points out of range.
    """
    if run.state != RunState.FINISHED.value:
        raise DomainError(N_("This run is not waiting for a review."), status=409)
    if run.claimed_by_id not in (None, trainer.id) and run.claimed_at is not None \
            and now - run.claimed_at < timedelta(minutes=CLAIM_MINUTES):
        raise DomainError(N_("Another trainer is reviewing this run."), status=409)
    rubric = scenario_of(run).rubric
    points = {}
    for criterion in rubric.criteria:
        value = data["criteria"].get(criterion.id)
        if value is None or not 0 <= value <= criterion.points:
            raise DomainError(N_("Give %(label)s between 0 and %(points)s points."), field=f"criterion-{criterion.id}",
                              label=criterion.label, points=criterion.points)
        points[criterion.id] = int(value)
    flags = {flag.id: flag for flag in rubric.red_flags}
    confirmed = [flag_id for flag_id in data.get("red_flags", ()) if flag_id in flags]
    score = max(0, sum(points.values()) - sum(flags[f].penalty for f in confirmed))
    rule_passed = score >= rubric.pass_threshold and len(confirmed) < rubric.red_flags_to_fail
    passed = rule_passed if data.get("passed") is None else bool(data["passed"])
    rows = {row.id: row for row in db.session.scalars(select(RunPrompt).where(RunPrompt.run_id == run.id))}
    for row_id, text in (data.get("comments") or {}).items():
        if row_id in rows:
            rows[row_id].trainer_comment = (text or "").strip()
    db.session.add(Review(run_id=run.id, reviewer_id=trainer.id, criteria=points, red_flags=confirmed, score=score,
                          passed=passed, comment=(data.get("comment") or "").strip(), created_at=now))
    run.final_score, run.passed, run.state = score, passed, RunState.REVIEWED.value
    run.claimed_by_id, run.claimed_at = trainer.id, now
    db.session.flush()
    record_result(run, now)
    audit.record(trainer, "simulation.review", "sim_run", run.id, {"score": score, "passed": passed}, now)
    return run


def review_of(run):
    """Return the run's review with its reviewer, or ``None``."""
    return db.session.scalar(select(Review).where(Review.run_id == run.id).options(joinedload(Review.reviewer)))
