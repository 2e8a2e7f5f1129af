"""Fixtures of the reports tests: the hand-counted city and report settings."""

import pytest

from tests.reports.city import build_city


@pytest.fixture
def city(app, world, make_user):
    """The city of ``tests/reports/city.py`` (world's units and people plus three spokespersons)."""
    return build_city(world, make_user)


@pytest.fixture
def settings(app):
    from training.reports.services.coverage import ReportSettings

    return ReportSettings.from_config(app.config)
