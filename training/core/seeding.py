"""Demo-data loaders registered by features, run in order by ``flask seed-demo``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedStep:
    """One feature's demo loader: ``load(now)`` is idempotent and flushes at most."""

    name: str
    order: int
    load: object


_STEPS: dict = {}


def register_seed_step(step):
    """Add a demo loader (features call this from ``setup.init_app``)."""
    _STEPS[step.name] = step


def seed_steps():
    """Return the registered loaders in order."""
    return sorted(_STEPS.values(), key=lambda s: s.order)
