"""Scenario JSON: validation with JSON paths, loops, the default rubric, dump and reload (pure: no app)."""

import json

import pytest

from tests.simulations.builders import DEMO_DIR, DEMO_SLUGS, demo, demo_data, load_ok, minimal
from training.simulations.model import DEFAULT_RUBRIC, SCHEMA
from training.simulations.scenario import dump_scenario, load_scenario
from training.simulations.templates_text import TEMPLATES, placeholders


def _set(path, value):
    """Return a mutation that sets ``data[path...] = value`` (a list of keys and indices)."""
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


def _rule(rule_id, watches, inserts, kind="evasive_answer"):
    return {"id": rule_id, "when": {"kind": kind, "prompt": watches},
            "then": {"id": inserts, "journalist": "j1", "text": "Hỏi tiếp?", "time_limit": 30}}


def _rules(*rules):
    return _set(["follow_ups"], list(rules))


INVALID = [
    ("wrong schema", _set(["schema"], "spokesperson-scenario/9"), "schema", "unsupported schema"),
    ("missing title", _delete(["title"]), "title", "required"),
    ("blank situation", _set(["situation"], "   "), "situation", "required"),
    ("bad slug", _set(["slug"], "Cá Chết"), "slug", "not a valid slug"),
    ("typo field", _set(["titel"], "x"), "titel", "unknown field"),
    ("unknown journalist", _set(["prompts", 1, "journalist"], "j9"), "prompts[1].journalist", "unknown journalist"),
    ("duplicate prompt id", _set(["prompts", 1, "id"], "p1"), "prompts[1].id", "duplicate id"),
    ("follow-up reuses a prompt id", _set(["follow_ups", 0, "then", "id"], "p2"), "follow_ups[0].then.id",
     "duplicate id"),
    ("duplicate journalist", _set(["journalists", 1, "id"], "j1"), "journalists[1].id", "duplicate id"),
    ("bad id", _set(["prompts", 0, "id"], "câu 1"), "prompts[0].id", "not a valid id"),
    ("bad tone", _set(["journalists", 0, "tone"], "angry"), "journalists[0].tone", "is not one of"),
    ("bad prompt tone", _set(["prompts", 0, "tone"], "calm"), "prompts[0].tone", "is not one of"),
    ("bad channel", _set(["prompts", 0, "channel"], "tv"), "prompts[0].channel", "is not one of"),
    ("zero time limit", _set(["prompts", 0, "time_limit"], 0), "prompts[0].time_limit", "must be between"),
    ("negative time limit", _set(["prompts", 2, "time_limit"], -5), "prompts[2].time_limit", "must be between"),
    ("text time limit", _set(["prompts", 0, "time_limit"], "60"), "prompts[0].time_limit", "whole number"),
    ("boolean time limit", _set(["prompts", 0, "time_limit"], True), "prompts[0].time_limit", "whole number"),
    ("follow-up time limit", _set(["follow_ups", 0, "then", "time_limit"], 0), "follow_ups[0].then.time_limit",
     "must be between"),
    ("no legal ground", _delete(["facts", "internal", 0, "legal_ground"]), "facts.internal[0].legal_ground",
     "required"),
    ("legal ground on record", _set(["facts", "on_record", 0, "legal_ground"], "x"), "facts.on_record[0].legal_ground",
     "unknown field"),
    ("no cues", _set(["key_messages", 0, "cues"], []), "key_messages[0].cues", "at least one item"),
    ("blank cue", _set(["restricted", 0, "cues"], ["Công ty X", " "]), "restricted[0].cues[1]", "non-empty text"),
    ("unknown fact", _set(["restricted", 0, "fact"], "n9"), "restricted[0].fact", "unknown internal fact"),
    ("unknown touched item", _set(["prompts", 0, "touches"], ["y"]), "prompts[0].touches[0]",
     "unknown restricted item"),
    ("unknown condition item", _set(["follow_ups", 0, "when", "item"], "y"), "follow_ups[0].when.item",
     "unknown restricted item"),
    ("unknown condition kind", _set(["follow_ups", 0, "when", "kind"], "silence"), "follow_ups[0].when.kind",
     "is not one of"),
    ("field of another condition", _set(["follow_ups", 0, "when", "after"], 2), "follow_ups[0].when.after",
     "unknown field"),
    ("unknown watched prompt", _set(["follow_ups", 0, "when", "prompt"], "p9"), "follow_ups[0].when.prompt",
     "unknown prompt"),
    ("missing action", _delete(["follow_ups", 0, "then"]), "follow_ups[0].then", "required"),
    ("message after too late", _set(["follow_ups", 0, "when"], {"kind": "key_message_missing_after", "message": "km1",
                                                                 "after": 4}),
     "follow_ups[0].when.after", "must be between"),
    ("unknown message", _set(["follow_ups", 0, "when"], {"kind": "key_message_missing_after", "message": "km9",
                                                          "after": 2}),
     "follow_ups[0].when.message", "unknown key message"),
    ("template without written", _set(["prompts", 0, "template"], "holding_statement"), "prompts[0].template",
     "needs a written-reply prompt"),
    ("unknown template", _set(["prompts", 0, "template"], "memo"), "prompts[0].template", "is not one of"),
    ("criteria not adding up", _set(["rubric"], {"criteria": [{"id": "legal", "points": 60},
                                                              {"id": "accuracy", "points": 30}]}),
     "rubric.criteria", "add up to"),
    ("unknown criterion", _set(["rubric"], {"criteria": [{"id": "charm", "points": 100}]}), "rubric.criteria[0].id",
     "is not one of"),
    ("duplicate criterion", _set(["rubric"], {"criteria": [{"id": "legal", "points": 50},
                                                           {"id": "legal", "points": 50}]}),
     "rubric.criteria[1].id", "duplicate id"),
    ("threshold too high", _set(["rubric"], {"pass_threshold": 150}), "rubric.pass_threshold", "must be between"),
    ("no red flag allowed", _set(["rubric"], {"red_flags_to_fail": 0}), "rubric.red_flags_to_fail", "must be between"),
    ("zero penalty", _set(["rubric"], {"extra_red_flags": [{"id": "x1", "label": "X", "kind": "speculation",
                                                            "penalty": 0}]}),
     "rubric.extra_red_flags[0].penalty", "must be between"),
    ("fixed flag kind", _set(["rubric"], {"red_flags": [{"id": "restricted_disclosure", "kind": "evasive"}]}),
     "rubric.red_flags[0].kind", "always reported as"),
    ("extra repeats a common flag", _set(["rubric"], {"extra_red_flags": [{"id": "overpromise"}]}),
     "rubric.extra_red_flags[0].id", "common rubric already"),
    ("new flag without kind", _set(["rubric"], {"extra_red_flags": [{"id": "x1", "label": "X"}]}),
     "rubric.extra_red_flags[0].kind", "required"),
    ("flag on unknown prompt", _set(["rubric"], {"extra_red_flags": [{"id": "x1", "label": "X", "kind": "evasive",
                                                                      "prompts": ["p7"]}]}),
     "rubric.extra_red_flags[0].prompts[0]", "unknown prompt"),
    ("bonus too late", _set(["rubric"], {"bonus": {"label": "B", "points": 5, "cues": ["x"], "before": 9}}),
     "rubric.bonus.before", "must be between"),
    ("no prompts", _set(["prompts"], []), "prompts", "at least one item"),
    ("prompts not a list", _set(["prompts"], {"p1": {}}), "prompts", "expected a list"),
    ("prompt not an object", _set(["prompts", 0], "Câu hỏi?"), "prompts[0]", "expected an object"),
    ("text too long", _set(["situation"], "x" * 6000), "situation", "longer than"),
    ("self-triggering follow-up", _rules(_rule("r1", "f1", "f1")), "follow_ups[0].when.prompt", "trigger itself"),
    ("follow-ups in a loop", _rules(_rule("r0", "p1", "f0"), _rule("r1", "f2", "f1"), _rule("r2", "f1", "f2")),
     "follow_ups[1].when.prompt", "in a loop"),
]


@pytest.mark.parametrize(("mutate", "path", "fragment"), [case[1:] for case in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_scenarios_are_refused_with_the_json_path(mutate, path, fragment):
    data = minimal()
    mutate(data)
    scenario, issues = load_scenario(data)
    assert scenario is None
    assert [i for i in issues if i.column == path and fragment in i.message], [i.text(str) for i in issues]
    for issue in issues:
        assert issue.text(str).startswith(f"{issue.column or '$'}:")


def test_the_message_reads_like_the_example_of_the_brief():
    data = minimal()
    data["prompts"].append({"id": "p4", "journalist": "j9", "text": "Câu hỏi 4?", "time_limit": 60})
    _scenario, issues = load_scenario(data)
    assert [i.text(str) for i in issues] == ['prompts[3].journalist: unknown journalist "j9".']


def test_a_loop_names_every_rule_in_it():
    data = minimal()
    data["follow_ups"] = [_rule("r1", "f2", "f1"), _rule("r2", "f1", "f2")]
    _scenario, issues = load_scenario(data)
    assert [i.params.get("loop") for i in issues] == ["r1 → r2 → r1"]


def test_a_chain_of_follow_ups_is_not_a_loop():
    data = minimal()
    data["follow_ups"] += [_rule("r2", "f1", "f2"), _rule("r3", "f2", "f3"), _rule("r4", "any", "f4")]
    assert len(load_ok(data).follow_ups) == 4


def test_every_problem_is_reported_at_once():
    data = minimal()
    data["slug"] = "Sai Slug"
    data["prompts"][0]["time_limit"] = 0
    data["journalists"][0]["tone"] = "angry"
    _scenario, issues = load_scenario(data)
    assert {i.column for i in issues} == {"slug", "prompts[0].time_limit", "journalists[0].tone"}


@pytest.mark.parametrize("value", [None, [], "scenario", 42])
def test_a_document_that_is_not_an_object_is_refused(value):
    scenario, issues = load_scenario(value)
    assert scenario is None and issues[0].text(str) == "$: expected an object."


def test_defaults_fill_optional_fields():
    scenario = load_ok(minimal())
    prompt = scenario.prompts[0]
    assert (prompt.channel, prompt.tone, prompt.written, prompt.template, prompt.loaded_words) == (
        "press_conference", "", False, "", ())
    assert scenario.tone(prompt) == "neutral" and scenario.tone(scenario.prompts[1]) == "hostile"
    assert scenario.rubric == DEFAULT_RUBRIC
    assert scenario.follow_ups[0].when.prompt == "p1"


def test_a_condition_without_prompt_watches_any_scripted_prompt():
    data = minimal()
    del data["follow_ups"][0]["when"]["prompt"]
    assert load_ok(data).follow_ups[0].when.prompt == "any"


def test_the_default_rubric_is_the_common_rubric_of_the_brief():
    assert [c.points for c in DEFAULT_RUBRIC.criteria] == [20, 20, 15, 15, 10, 10, 10]
    assert DEFAULT_RUBRIC.max_points == 100
    assert len(DEFAULT_RUBRIC.red_flags) == 6 and {f.penalty for f in DEFAULT_RUBRIC.red_flags} == {20}
    assert DEFAULT_RUBRIC.red_flags_to_fail == 2


def test_a_common_red_flag_named_in_red_flags_keeps_its_label_kind_and_cues():
    data = minimal()
    data["rubric"] = {"red_flags": [{"id": "premature_reassurance", "penalty": 10}], "pass_threshold": 60}
    rubric = load_ok(data).rubric
    (flag,) = rubric.red_flags
    default = next(f for f in DEFAULT_RUBRIC.red_flags if f.id == "premature_reassurance")
    assert (flag.label, flag.kind, flag.cues, flag.penalty) == (default.label, default.kind, default.cues, 10)
    assert rubric.pass_threshold == 60


@pytest.mark.parametrize("rubric", [
    None,
    {"criteria": [{"id": "legal", "label": "Pháp lý", "points": 50}, {"id": "key_messages", "points": 50}]},
    {"red_flags": [{"id": "restricted_disclosure", "label": "Lộ tin", "penalty": 30}], "red_flags_to_fail": 1},
    {"extra_red_flags": [{"id": "x1", "label": "X", "kind": "speculation", "cues": ["chắc chắn"], "prompts": ["f1"],
                          "criterion": "technique"}],
     "bonus": {"label": "Thưởng", "points": 5, "cues": ["chưa biết"], "before": 2}},
])
def test_dump_then_load_gives_the_same_scenario(rubric):
    data = minimal()
    if rubric is not None:
        data["rubric"] = rubric
    scenario = load_ok(data)
    dumped = dump_scenario(scenario)
    assert dumped["schema"] == SCHEMA
    assert ("rubric" in dumped) is (rubric is not None)
    assert load_ok(json.loads(json.dumps(dumped))) == scenario


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_demo_scenarios_load_and_survive_a_round_trip(slug):
    scenario = demo(slug)
    assert scenario.slug == slug and (DEMO_DIR / f"{slug}.json").exists()
    assert load_ok(dump_scenario(scenario)) == scenario


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_demo_scenarios_follow_the_brief(slug):
    scenario = demo(slug)
    assert "GIẢ ĐỊNH" in scenario.notice
    assert len(scenario.key_messages) == 3
    assert all(message.cues for message in scenario.key_messages)
    questions = [p for p in scenario.prompts if not p.written]
    assert len(questions) == 8 and all(p.coaching for p in questions)
    tones = {scenario.tone(p) for p in questions}
    assert {"neutral", "emotional", "hostile", "follow_up"} <= tones
    assert scenario.follow_ups and scenario.restricted
    assert all("Điều 38" in fact.legal_ground or "không" in fact.legal_ground.lower() for fact in scenario.internal)
    assert all("(giả định)" in j.outlet for j in scenario.journalists if j.outlet)
    extra = scenario.rubric.red_flags[len(DEFAULT_RUBRIC.red_flags):]
    assert extra and all(flag.cues for flag in extra)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
@pytest.mark.parametrize("claim", ["24 giờ", "5 ngày", "Điều 7"])
def test_demo_scenarios_avoid_the_unverified_claims_of_the_brief(slug, claim):
    # F15 (a 24-hour deadline in Decree 09), F35 (correction deadlines), F23 (Article 7) are unverified.
    assert claim not in json.dumps(demo_data(slug), ensure_ascii=False)


def test_scenario_one_presses_on_company_x_after_prompt_five():
    scenario = demo("ca-chet-kenh-bau-sen")
    (rule,) = scenario.follow_ups
    assert (rule.when.kind, rule.when.item, rule.when.prompt) == ("restricted_disclosed", "cong-ty-x", "p5")
    assert scenario.position("p5") == 5
    assert rule.prompt.text == "Vậy ông xác nhận Công ty X vi phạm?"
    assert rule.prompt.journalist == scenario.prompts[4].journalist
    item = scenario.restricted_item("cong-ty-x")
    assert "Công ty X" in item.cues and "Điều 38 khoản 2 điểm c Luật Báo chí 2016" in item.legal_ground


@pytest.mark.parametrize(("slug", "key", "written_prompt"), [
    ("khieu-nai-boi-thuong-gpmb", "written_reply", "p9"),
    ("tin-don-nuoc-may", "holding_statement", "p1"),
])
def test_written_exercises_use_the_templates_of_annex_b(slug, key, written_prompt):
    prompt = demo(slug).prompt(written_prompt)
    assert prompt.written and prompt.template == key and prompt.channel != "press_conference"


@pytest.mark.parametrize("key", ["holding_statement", "written_reply", "correction_request"])
def test_templates_are_vietnamese_scaffolds_with_placeholders(key):
    template = TEMPLATES[key]
    assert template.key == key and template.title and template.checklist
    assert len(placeholders(template.body)) >= 5
    assert "Phụ lục B" in template.source


def test_placeholders_lists_what_is_left_to_fill():
    assert placeholders("Cập nhật lúc [giờ] trên [kênh].") == ("[giờ]", "[kênh]")
    assert placeholders("Cập nhật lúc 17 giờ trên Cổng TTĐT.") == ()
    assert TEMPLATES["holding_statement"].max_words == 120
