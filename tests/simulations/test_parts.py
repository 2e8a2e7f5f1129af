"""The pure mapping between part forms and scenario JSON (no app)."""

import pytest

from tests.simulations.builders import demo_data, load_ok, minimal
from training.simulations import parts
from training.simulations.scenario import dump_scenario, load_scenario


@pytest.mark.parametrize("part", parts.PARTS, ids=parts.PART_NAMES)
@pytest.mark.parametrize("slug", ["ca-chet-kenh-bau-sen", "khieu-nai-boi-thuong-gpmb", "tin-don-nuoc-may"])
def test_the_values_of_a_part_written_back_give_the_same_scenario(part, slug):
    data = dump_scenario(load_ok(demo_data(slug)))
    # What is stored is the normalised dump, so that is what must not change.
    assert dump_scenario(load_ok(parts.apply_part(data, part, parts.part_values(data, part)))) == data


def test_a_row_keeps_the_keys_its_form_does_not_show():
    data = minimal()
    data["rubric"] = {"extra_red_flags": [{"id": "blame", "label": "Đổ lỗi", "penalty": 10, "kind": "speculation",
                                           "cues": ["lỗi của dân"], "prompts": ["p2"]}]}
    spec = parts.part("rubric")
    values = parts.part_values(data, spec)
    values["lists"]["red_flags"][0]["penalty"] = "15"
    flag = parts.apply_part(data, spec, values)["rubric"]["extra_red_flags"][0]
    assert flag["prompts"] == ["p2"] and flag["penalty"] == 15


def test_new_rows_get_fresh_ids_and_empty_values_leave_no_keys():
    data = minimal()
    spec = parts.part("journalists")
    values = parts.part_values(data, spec)
    values["lists"]["rows"] += [{"origin": None, "id": "", "name": "C", "outlet": "", "tone": "expert"},
                                {"origin": None, "id": " ", "name": "D", "outlet": "", "tone": "neutral"}]
    added = parts.apply_part(data, spec, values)["journalists"][2:]
    assert added == [{"id": "j3", "name": "C", "tone": "expert"}, {"id": "j4", "name": "D", "tone": "neutral"}]


def test_the_common_criteria_left_as_shown_keep_the_common_rubric():
    data = minimal()
    spec = parts.part("rubric")
    values = parts.part_values(data, spec)
    assert [row["id"] for row in values["lists"]["criteria"]][:2] == ["legal", "accuracy"]
    assert "rubric" not in parts.apply_part(data, spec, values)
    values["lists"]["criteria"][0]["points"] = "25"
    values["lists"]["criteria"][1]["points"] = "15"
    changed = parts.apply_part(data, spec, values)
    assert changed["rubric"]["criteria"][0] == {"id": "legal", "points": 25}
    load_ok(changed)


def test_a_legal_reference_is_one_nested_object_removed_when_both_fields_are_empty():
    data = minimal()
    spec = parts.part("brief")
    values = parts.part_values(data, spec)
    values["lists"]["internal"][0].update(legal_document="luat-bao-chi-2016", legal_article="Điều 38 khoản 2 điểm c")
    cited = parts.apply_part(data, spec, values)
    assert cited["facts"]["internal"][0]["legal_ref"] == {"document": "luat-bao-chi-2016",
                                                          "article": "Điều 38 khoản 2 điểm c"}
    assert load_ok(cited).internal[0].legal_ref.article == "Điều 38 khoản 2 điểm c"
    values["lists"]["internal"][0].update(legal_document="", legal_article="")
    assert "legal_ref" not in parts.apply_part(cited, spec, values)["facts"]["internal"][0]


def test_issues_are_located_on_the_field_row_or_list_they_are_about():
    data = minimal()
    prompts, rubric, follow_ups = parts.part("prompts"), parts.part("rubric"), parts.part("follow_ups")
    assert parts.locate(prompts, data, "prompts[2].loaded_words[1]") == ("row", "rows", 2, "loaded_words")
    assert parts.locate(prompts, data, "prompts[0]") == ("row", "rows", 0, None)
    assert parts.locate(prompts, data, "prompts") == ("list", "rows")
    assert parts.locate(prompts, data, "journalists[0].id") is None
    assert parts.locate(follow_ups, data, "follow_ups[0].then.time_limit") == ("row", "rows", 0, "then_time_limit")
    assert parts.locate(follow_ups, data, "follow_ups[0].when.item") == ("row", "rows", 0, "item")
    assert parts.locate(rubric, data, "rubric.pass_threshold") == ("field", "pass_threshold")
    assert parts.locate(rubric, data, "rubric.criteria") == ("list", "criteria")
    brief = parts.part("brief")
    assert parts.locate(brief, data, "facts.internal[0].legal_ref") == ("row", "internal", 0, "legal_document")


def test_a_number_that_is_not_one_reaches_the_validator_as_typed():
    data = minimal()
    spec = parts.part("prompts")
    values = parts.part_values(data, spec)
    values["lists"]["rows"][0]["time_limit"] = "một phút"
    changed = parts.apply_part(data, spec, values)
    scenario, issues = load_scenario(changed)
    assert scenario is None and [i.column for i in issues] == ["prompts[0].time_limit"]


def test_the_schema_reads_and_writes_preparation_and_legal_references():
    data = minimal()
    data["preparation_minutes"] = 15
    data["restricted"][0]["legal_ref"] = {"document": "luat-bao-chi-2016", "article": "Điều 38 khoản 2 điểm c"}
    scenario = load_ok(data)
    assert scenario.preparation_minutes == 15
    assert load_ok(dump_scenario(scenario)) == scenario
    data["preparation_minutes"] = 0
    data["restricted"][0]["legal_ref"] = {"document": "Luật Báo chí", "page": 3}
    _scenario, issues = load_scenario(data)
    assert {i.column for i in issues} == {"preparation_minutes", "restricted[0].legal_ref.document",
                                          "restricted[0].legal_ref.page"}
