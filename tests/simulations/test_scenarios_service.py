"""Saving scenarios: validation with JSON paths, immutable versions, nothing written on error."""

import pytest
from sqlalchemy import func, select

from tests.simulations.builders import minimal
from training.core.time import utcnow
from training.extensions import db
from training.simulations.models import ScenarioRecord, ScenarioVersion
from training.simulations.services import scenarios


def test_saving_the_same_content_twice_makes_one_version(app, world):
    trainer = world["people"]["trainer"]
    first = scenarios.save_scenario(trainer, minimal(), utcnow())
    second = scenarios.save_scenario(trainer, minimal(), utcnow())
    assert first[2] and not second[2]
    assert second[1].id == first[1].id
    assert db.session.scalar(select(func.count()).select_from(ScenarioVersion)) == 1


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d["prompts"][1].update(journalist="j9"), "prompts[1].journalist"),
    (lambda d: d["prompts"][0].update(time_limit=0), "prompts[0].time_limit"),
    (lambda d: d["follow_ups"][0]["when"].update(prompt="f1"), "follow_ups[0].when.prompt"),
])
def test_an_invalid_scenario_names_the_json_path_and_writes_nothing(app, world, change, path):
    data = minimal()
    change(data)
    with pytest.raises(scenarios.ScenarioInvalid) as error:
        scenarios.save_scenario(world["people"]["trainer"], data, utcnow())
    assert path in {issue.column for issue in error.value.issues}
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ScenarioRecord)) == 0


def test_export_loads_back_to_the_same_scenario(app, world):
    _record, version, _created = scenarios.save_scenario(world["people"]["trainer"], minimal(), utcnow())
    from training.simulations.scenario import load_scenario

    assert load_scenario(scenarios.export_data(version))[0] == scenarios.pure_scenario(version)
