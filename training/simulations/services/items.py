"""Simulation items: a course item of kind ``simulation`` playing one scenario."""

from sqlalchemy import select

from training.core import audit
from training.courses.services import authoring
from training.extensions import db
from training.simulations.models import Simulation

KIND = "simulation"


def create_simulation(actor, module, scenario, title, now, *, requires_review=True, prep_minutes=None,
                      is_required=True, estimated_minutes=None):
    """Add a simulation item playing ``scenario`` at the end of ``module``."""
    item = authoring.add_item(actor, module, KIND, title, now, is_required=is_required,
                              estimated_minutes=estimated_minutes)
    simulation = Simulation(item_id=item.id, scenario_id=scenario.id, requires_review=requires_review,
                            prep_minutes=prep_minutes, updated_at=now)
    db.session.add(simulation)
    db.session.flush()
    return simulation


def update_simulation(actor, simulation, scenario, requires_review, prep_minutes, now):
    """Change which scenario an item plays and how it is passed (runs already made keep their version)."""
    simulation.scenario_id = scenario.id
    simulation.requires_review = requires_review
    simulation.prep_minutes = prep_minutes
    simulation.updated_at = now
    audit.record(actor, "simulation.item_edit", "course", simulation.item.course_id,
                 {"item": simulation.item_id, "scenario": scenario.slug, "review": requires_review}, now)
    return simulation


def simulation_for_item(item_id):
    """Return the simulation of course item ``item_id`` or ``None``."""
    return db.session.scalar(select(Simulation).where(Simulation.item_id == item_id))
