"""Wire simulations into the app: blueprints, the ``simulation`` item kind, menu, audit labels, demo, CLI."""

from flask_babel import lazy_gettext as _l

from training.core.audit import register_actions
from training.core.navigation import NavEntry, register_nav
from training.core.security import AUTHORS, STAFF
from training.core.seeding import SeedStep, register_seed_step
from training.courses.registry import (
    CitationTarget,
    ClassAction,
    ItemKind,
    register_citation_target,
    register_class_action,
    register_course_notice,
    register_item_kind,
)
from training.simulations.demo import seed_simulations
from training.simulations.live_views import live_notice
from training.simulations.routes import author, learner, live_console, live_room, parts, review
from training.simulations.services import scenarios


def init_app(app):
    """Register the simulation blueprints, the course item kind, menu entries and audit labels."""
    for blueprint in (learner.bp, review.bp, author.bp, parts.bp, live_console.bp, live_room.bp):
        app.register_blueprint(blueprint)
    register_item_kind(ItemKind("simulation", _l("Simulation"), "simulations.item", "sim_author.edit_item",
                                create_endpoint="sim_author.new_item", icon="mic", order=30))
    # Legal grounds of restricted facts cite the register, which lists the scenarios under each document.
    register_citation_target(CitationTarget(scenarios.CITATION_TARGET, _l("Simulation scenarios"),
                                            scenarios.describe_citing))
    register_nav(NavEntry("sim_review.queue", _l("Simulation reviews"), STAFF,
                          _l("Finished press-conference runs waiting for a trainer's score."), 35,
                          section="teaching"))
    register_nav(NavEntry("sim_author.index", _l("Simulation scenarios"), AUTHORS,
                          _l("Press-conference scenarios: import, edit, export, try an answer."), 45,
                          section="teaching"))
    register_nav(NavEntry("sim_live.index", _l("Live simulations"), STAFF,
                          _l("Run a press conference live for a training class and watch the answers arrive."), 36,
                          section="teaching"))
    register_class_action(ClassAction("sim_live.new", _l("Run live"), STAFF))
    register_course_notice(live_notice)
    register_actions({
        "simulation.live_start": _l("Live simulation started"),
        "simulation.live_close": _l("Live simulation closed"),
        "simulation.scenario_version": _l("Simulation scenario saved (new version)"),
        "simulation.item_edit": _l("Simulation settings changed"),
        "simulation.review": _l("Simulation run reviewed"),
    })
    register_seed_step(SeedStep("simulations", 40, seed_simulations))
    from training.simulations.cli import simulations_cli

    app.cli.add_command(simulations_cli)
