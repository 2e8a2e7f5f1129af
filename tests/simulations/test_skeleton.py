"""The authoring skeleton validates as it is and is offered on the import page."""

import json

from training.simulations.scenario import load_scenario
from training.simulations.skeleton import SKELETON


def test_the_skeleton_is_a_valid_scenario():
    scenario, issues = load_scenario(SKELETON)
    assert not issues and scenario.follow_ups[0].prompt.id == "p1-hoi-tiep"


def test_the_import_page_offers_it_and_it_saves(login_as, app):
    client = login_as("trainer")
    page = client.get("/manage/scenarios/import?skeleton=1").get_data(as_text=True)
    assert "kich-ban-moi" in page
    assert client.post("/manage/scenarios/import", data={"text": json.dumps(SKELETON)}).status_code == 302
