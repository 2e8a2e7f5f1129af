"""Loading simulation objects for a user: 404 when missing or someone else's, 403 when out of scope."""

from training.core.errors import abort_with
from training.core.roles import Role, is_path_within
from training.core.security import admin_scope_path, can_author
from training.courses.loaders import load_item_for_author, load_item_for_learner
from training.extensions import db
from training.simulations.models import Run, ScenarioRecord
from training.simulations.services.items import simulation_for_item


def load_simulation_for_learner(user, item_id):
    """Return ``(item, enrollment, simulation)`` for a simulation item ``user`` studies or may preview."""
    item, enrollment = load_item_for_learner(user, item_id, kind="simulation")
    simulation = simulation_for_item(item.id)
    if simulation is None:
        abort_with(404)
    return item, enrollment, simulation


def load_simulation_for_author(user, item_id):
    """Return ``(item, simulation)`` for an author."""
    item = load_item_for_author(user, item_id, kind="simulation")
    simulation = simulation_for_item(item.id)
    if simulation is None:
        abort_with(404)
    return item, simulation


def load_own_run(user, run_id):
    """Return ``user``'s own run; another person's run answers 404 (its existence is not revealed)."""
    run = db.session.get(Run, run_id)
    if run is None or run.user_id != user.id:
        abort_with(404)
    return run


def may_review(user, run):
    """Trainers review any run; an admin only runs of learners within the units they manage."""
    if user.role == Role.TRAINER:
        return True
    if user.role != Role.ADMIN:
        return False
    scope = admin_scope_path(user)
    return scope is None or (run.user.unit is not None and is_path_within(run.user.unit.path, scope))


def load_run_for_reviewer(user, run_id):
    """Return a run a staff member may review (403 outside an admin's units)."""
    run = db.session.get(Run, run_id)
    if run is None:
        abort_with(404)
    if not may_review(user, run):
        abort_with(403)
    return run


def load_run_for_viewer(user, run_id):
    """Return a run for its learner or for a staff member allowed to review it (its debrief)."""
    run = db.session.get(Run, run_id)
    if run is None:
        abort_with(404)
    if run.user_id != user.id and not (user.role in (Role.TRAINER, Role.ADMIN) and may_review(user, run)):
        abort_with(404)
    return run


def load_scenario_for_author(user, scenario_id):
    """Return a scenario record for an author (scenarios are city-wide content)."""
    record = db.session.get(ScenarioRecord, scenario_id)
    if record is None:
        abort_with(404)
    if not can_author(user):
        abort_with(403)
    return record
