"""Which prompt comes next, with follow-ups inserted by the rules (pure: no app)."""

import pytest

from tests.simulations.builders import answers_for, demo, load_ok, minimal
from training.simulations.analysis import analyse_run
from training.simulations.findings import Answer
from training.simulations.flow import flow_state, follow_up_cycles, next_prompt
from training.simulations.model import Condition, FollowUpRule, Prompt

SCENARIO_1 = demo("ca-chet-kenh-bau-sen")
SCENARIO_2 = demo("khieu-nai-boi-thuong-gpmb")
SCENARIO_3 = demo("tin-don-nuoc-may")
NEUTRAL = "Chúng tôi đang làm rõ và sẽ thông tin sau."


def _state(scenario, answers):
    return flow_state(scenario, answers, analyse_run(scenario, answers))


def _ids(state):
    return [prompt.id for prompt in state.sequence]


def test_a_new_run_starts_with_the_first_scripted_prompt():
    state = _state(SCENARIO_1, [])
    assert state.next_prompt.id == "p1" and not state.finished
    assert _ids(state) == [f"p{n}" for n in range(1, 9)] and state.progress == (0, 8)


def test_good_answers_finish_the_run_without_follow_ups():
    state = _state(SCENARIO_1, answers_for(SCENARIO_1, "ca-chet-good.json"))
    assert state.finished and state.next_prompt is None and state.fired == ()
    assert state.progress == (8, 8)


def test_naming_company_x_on_prompt_five_makes_the_journalist_press_on_it():
    answers = answers_for(SCENARIO_1, "ca-chet-good.json")[:4]
    answers.append(Answer("p5", "Đúng là Công ty X đang bị thanh tra."))
    state = _state(SCENARIO_1, answers)
    assert state.next_prompt.text == "Vậy ông xác nhận Công ty X vi phạm?"
    assert state.next_prompt.journalist == "j5"
    assert _ids(state)[4:7] == ["p5", "p5-f1", "p6"]
    assert state.fired == ("hoi-tiep-cong-ty-x",) and state.inserted_by == {"p5-f1": "hoi-tiep-cong-ty-x"}
    answers.append(Answer("p5-f1", "Vụ việc đang thanh tra, chưa có kết luận, tôi không xác nhận."))
    assert _state(SCENARIO_1, answers).next_prompt.id == "p6"


def test_naming_company_x_elsewhere_does_not_trigger_the_prompt_five_rule():
    answers = [Answer("p1", "Công ty X có cửa xả gần đó.")]
    assert _state(SCENARIO_1, answers).fired == ()


def test_the_run_is_not_finished_until_an_inserted_follow_up_is_answered():
    answers = answers_for(SCENARIO_1, "ca-chet-good.json")
    answers[4] = Answer("p5", "Công ty X đang bị thanh tra.")
    state = _state(SCENARIO_1, answers)
    assert not state.finished and state.next_prompt.id == "p5-f1" and state.progress == (8, 9)


def test_a_rule_fires_at_most_once():
    answers = [Answer("p1", "Miễn bình luận."), Answer("ne-tranh-f1", "Xin trả lời sau."),
               Answer("p2", "Miễn bình luận.")]
    state = _state(SCENARIO_2, answers)
    assert state.fired == ("hoi-tiep-ne-tranh",)
    assert _ids(state)[:4] == ["p1", "ne-tranh-f1", "p2", "p3"]


def test_any_watches_scripted_prompts_only():
    data = minimal()
    data["follow_ups"].append({"id": "r2", "when": {"kind": "evasive_answer", "prompt": "any"},
                               "then": {"id": "f2", "journalist": "j2", "text": "Ông né tránh?", "time_limit": 30}})
    scenario = load_ok(data)
    answers = [Answer("p1", "Công ty X thì miễn bình luận."), Answer("f1", "Miễn bình luận.")]
    state = _state(scenario, answers)
    # p1 discloses and evades: both rules fire on it, in rule order; the evasive answer to f1 adds nothing.
    assert _ids(state) == ["p1", "f1", "f2", "p2", "p3"] and state.next_prompt.id == "f2"
    assert _state(scenario, [Answer("f1", "Miễn bình luận.")]).fired == ()


@pytest.mark.parametrize(("second_answer", "inserted"), [
    ("Chúng tôi xin thông tin kết quả xét nghiệm.", True),
    ("Văn bản đó là giả mạo, UBND thành phố không ban hành.", False),
])
def test_a_key_message_still_missing_after_prompt_n_brings_a_follow_up(second_answer, inserted):
    answers = [Answer("p1", "UBND thành phố đang kiểm tra, sẽ cập nhật lúc 6 giờ."), Answer("p2", second_answer),
               Answer("p3", "Chúng tôi rút kinh nghiệm về thời gian phản hồi.")]
    state = _state(SCENARIO_3, answers)
    assert ("p3-f1" in _ids(state)) is inserted
    if inserted:
        assert _ids(state)[2:4] == ["p3", "p3-f1"] and state.next_prompt.id == "p3-f1"


def test_answers_outside_the_sequence_are_ignored():
    answers = [Answer("improvised", "Câu hỏi ngoài kịch bản."), Answer("p5-f1", "Công ty X, chưa được hỏi."),
               Answer("p1", "Trả lời."), Answer("p1", "Trả lời lại.")]
    state = flow_state(SCENARIO_1, answers, analyse_run(SCENARIO_1, answers[1:]))
    assert state.answered == ("p1",) and state.next_prompt.id == "p2"


def test_the_flow_is_deterministic_and_follows_the_answer_order():
    answers = answers_for(SCENARIO_1, "ca-chet-poor.json")
    findings = analyse_run(SCENARIO_1, answers)
    assert flow_state(SCENARIO_1, answers, findings) == flow_state(SCENARIO_1, answers, findings)
    assert next_prompt(SCENARIO_1, answers, findings) is None


def _rules(*edges):
    """Build rules from (watched prompt, inserted prompt) pairs."""
    return tuple(FollowUpRule(f"r{i}", Condition("evasive_answer", prompt=watched),
                              Prompt(inserted, "j1", "?", 30)) for i, (watched, inserted) in enumerate(edges))


@pytest.mark.parametrize(("edges", "cycles"), [
    ([("p1", "f1")], []),
    ([("f1", "f1")], [(0,)]),
    ([("p1", "f1"), ("f1", "f2"), ("f2", "f3")], []),
    ([("f2", "f1"), ("f1", "f2")], [(0, 1)]),
    ([("p1", "f1"), ("f3", "f2"), ("f2", "f3")], [(1, 2)]),
    ([("any", "f1"), ("any", "f2")], []),
    ([("f3", "f1"), ("f1", "f2"), ("f2", "f3"), ("f4", "f4")], [(0, 1, 2), (3,)]),
])
def test_follow_up_cycles_finds_each_loop_once(edges, cycles):
    assert follow_up_cycles(_rules(*edges)) == cycles


def test_a_key_message_rule_never_loops():
    rules = (FollowUpRule("r0", Condition("key_message_missing_after", message="km1", after=1),
                          Prompt("f1", "j1", "?", 30)),)
    assert follow_up_cycles(rules) == []
