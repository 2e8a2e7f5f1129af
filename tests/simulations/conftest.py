"""Simulation fixtures: the demo scenario 1 saved, a course with a simulation item, the learner enrolled."""

from datetime import timedelta

import pytest

from tests.simulations.builders import demo_data, minimal
from training.core.time import utcnow
from training.courses.demo import seed_legal_register
from training.courses.services import authoring, enrolment
from training.extensions import db
from training.simulations.services import items, scenarios


def build_course(world, *, requires_review=True, data=None, slug="dien-tap"):
    """Create a published course whose only item is a simulation of ``data`` (scenario 1 by default)."""
    now = utcnow()
    trainer = world["people"]["trainer"]
    seed_legal_register(now)  # the demo scenarios' legal grounds cite it
    record, _version, _created = scenarios.save_scenario(trainer, data or demo_data("ca-chet-kenh-bau-sen"), now)
    course = authoring.create_course(trainer, {"title": "Diễn tập họp báo", "slug": slug}, now)
    module = authoring.add_module(trainer, course, "Diễn tập", now)
    simulation = items.create_simulation(trainer, module, record, "Họp báo cá chết", now,
                                         requires_review=requires_review)
    authoring.set_status(trainer, course, "published", now)
    db.session.commit()
    return {"course": course, "module": module, "simulation": simulation, "item": simulation.item, "record": record}


def enrol(world, course, key="learner", training_class=None):
    enrolment.enrol_people(world["people"]["admin"], course, [world["people"][key]], utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=training_class)
    db.session.commit()


@pytest.fixture
def sim(app, world):
    """Scenario 1 as a reviewed simulation item; the world's learner enrolled."""
    built = build_course(world)
    enrol(world, built["course"])
    return built


@pytest.fixture
def small(app, world):
    """The small builder scenario (3 prompts, a follow-up on p1) as an automatically scored item."""
    built = build_course(world, requires_review=False, data=minimal(), slug="nho")
    enrol(world, built["course"])
    return built


class Clock:
    """A controllable ``now`` for services (the server's clock in tests)."""

    def __init__(self):
        self.now = utcnow()

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def clock():
    return Clock()
