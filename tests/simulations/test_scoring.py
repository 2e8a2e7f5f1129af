"""Suggested rubric scores from findings (pure: no app)."""

import pytest

from tests.simulations.builders import answers_for, demo, load_ok, minimal
from training.simulations.analysis import analyse_run, score_run
from training.simulations.findings import GOOD, NOTE, RED_FLAG, WARNING, Answer, Finding

SCENARIO_1 = demo("ca-chet-kenh-bau-sen")


def _score(answers, scenario=SCENARIO_1):
    return score_run(scenario, answers, analyse_run(scenario, answers))


def _criterion(score, criterion_id):
    return next(c for c in score.criteria if c.id == criterion_id)


def _good_with(prompt_id, text):
    answers = answers_for(SCENARIO_1, "ca-chet-good.json")
    return [Answer(a.prompt_id, text, a.seconds) if a.prompt_id == prompt_id else a for a in answers]


def test_good_answers_pass_with_full_marks_and_the_bonus():
    score = _score(answers_for(SCENARIO_1, "ca-chet-good.json"))
    assert score.passed and score.total == score.max_points == 100
    assert [c.score for c in score.criteria] == [c.points for c in score.criteria]
    assert score.red_flags == ()
    assert score.bonus.prompt_id == "p2" and score.bonus.points == 5
    assert score.key_message_counts == {"an-toan": 2, "vao-cuoc": 4, "minh-bach": 4}


def test_poor_answers_fail_with_every_red_flag_named():
    score = _score(answers_for(SCENARIO_1, "ca-chet-poor.json"))
    assert not score.passed and score.total == 0
    assert {(h.id, h.ref) for h in score.red_flags} == {
        ("restricted_disclosure", "cong-ty-x"), ("restricted_disclosure", "ds-doanh-nghiep"),
        ("invented_figure", "5"), ("invented_figure", "10"), ("premature_reassurance", "premature_reassurance"),
        ("insulting_journalist", "insulting_journalist"), ("premature_blame", "premature_blame"),
        ("overpromise", "overpromise")}
    assert all(h.penalty == 20 for h in score.red_flags)
    assert score.red_flags[0].prompt_id == "p1"


def test_naming_company_x_once_costs_the_red_flag_and_half_the_legal_criterion():
    answers = _good_with("p5", "Công ty X đang bị thanh tra, chưa có kết luận; kết quả sẽ công bố khi có kết luận.")
    score = _score(answers)
    assert [h.ref for h in score.red_flags] == ["cong-ty-x"]
    assert _criterion(score, "legal").score == 10
    assert score.total == 100 - 10 - 20 + 5 and score.passed


def test_two_red_flags_fail_even_with_a_high_total():
    answers = _good_with("p5", "Công ty X và 3 doanh nghiệp khác đang bị thanh tra, chưa có kết luận.")
    score = _score(answers)
    assert len(score.red_flags) == 2 and not score.passed


def test_the_same_item_disclosed_twice_is_one_red_flag():
    answers = _good_with("p5", "Công ty X, vâng, Công ty X đang bị thanh tra, chưa có kết luận.")
    assert len(_score(answers).red_flags) == 1


def _finding(prompt_id, kind, level=WARNING, ref="", red_flag=""):
    return Finding(prompt_id, kind, level, "detail", ref=ref, red_flag=red_flag)


@pytest.mark.parametrize(("counts", "score"), [
    ((2, 2, 2), 15), ((3, 5, 2), 15), ((1, 1, 1), 8), ((2, 1, 0), 8), ((0, 0, 0), 0), ((1, 0, 0), 3),
])
def test_key_messages_count_up_to_two_deliveries_each_rounded_half_up(counts, score):
    findings, answers = [], []
    for message, count in zip(("an-toan", "vao-cuoc", "minh-bach"), counts, strict=True):
        for n in range(count):
            answers.append(Answer(f"p{n + 1}", ""))
            findings.append(_finding(f"p{n + 1}", "key_message", GOOD, ref=message))
    assert _criterion(score_run(SCENARIO_1, answers, findings), "key_messages").score == score


@pytest.mark.parametrize(("findings", "criterion", "score"), [
    ([], "legal", 20),
    ([_finding("p5", "restricted_disclosure", RED_FLAG, "cong-ty-x", "restricted_disclosure")], "legal", 10),
    ([_finding("p5", "legal_basis", ref="missing"), _finding("p7", "legal_basis", ref="missing")], "legal", 10),
    ([_finding("p1", "unsupported_number", RED_FLAG, "5", "invented_figure")], "accuracy", 15),
    ([_finding("p2", "speculation"), _finding("p2", "speculation")], "accuracy", 15),
    ([_finding("p3", "speculation", RED_FLAG, "premature_reassurance", "premature_reassurance")], "accuracy", 15),
    ([_finding("p6", "speculation", ref="hypothetical")], "technique", 11),
    ([_finding("p7", "evasive"), _finding("p4", "loaded_words")], "technique", 8),
    ([_finding("p3", "empathy", GOOD), _finding("p4", "empathy", NOTE)], "empathy", 8),
    ([_finding("p3", "empathy"), _finding("p4", "empathy")], "empathy", 0),
    ([_finding("p4", "loaded_words", RED_FLAG, "insulting_journalist", "insulting_journalist")], "empathy", 8),
    ([_finding("p6", "commitment", RED_FLAG, "overpromise", "overpromise")], "legal", 15),
    ([_finding("p1", "commitment", GOOD, "time"), _finding("p1", "commitment", GOOD, "channel")], "action", 7),
    ([_finding("p8", "commitment", ref="missing")], "action", 0),
    ([_finding("p1", "length", ref="too_long"), _finding("p2", "late")], "delivery", 5),
])
def test_each_criterion_follows_its_documented_rule(findings, criterion, score):
    answers = [Answer(f"p{n}", "") for n in range(1, 5)]
    result = score_run(SCENARIO_1, answers, findings)
    assert _criterion(result, criterion).score == score
    assert _criterion(result, criterion).reasons


def test_no_emotional_question_answered_keeps_empathy_whole():
    assert _criterion(score_run(SCENARIO_1, [Answer("p1", "")], []), "empathy").score == 10


def test_no_answers_score_no_delivery():
    assert _criterion(score_run(SCENARIO_1, [], []), "delivery").score == 0


@pytest.mark.parametrize(("prompt_id", "earned"), [("p1", True), ("p5", True), ("p6", False), ("p8", False)])
def test_the_bonus_needs_its_cue_before_the_named_prompt(prompt_id, earned):
    answers = [Answer(prompt_id, "Chúng tôi chưa có kết quả kim loại nặng.")]
    assert (_score(answers).bonus is not None) is earned


def test_the_total_stays_between_zero_and_the_maximum():
    score = _score(answers_for(SCENARIO_1, "ca-chet-poor.json"))
    assert score.total == 0
    good = _score(answers_for(SCENARIO_1, "ca-chet-good.json"))
    assert good.total == 100 and good.bonus is not None


def test_a_custom_rubric_changes_points_threshold_and_red_flag_limit():
    data = minimal()
    data["rubric"] = {"criteria": [{"id": "key_messages", "points": 50}, {"id": "legal", "points": 50}],
                      "pass_threshold": 90, "red_flags_to_fail": 1}
    scenario = load_ok(data)
    answers = [Answer("p1", "An toàn của người dân là trên hết."), Answer("p2", "An toàn của người dân là trên hết.")]
    score = _score(answers, scenario)
    assert [(c.id, c.score) for c in score.criteria] == [("key_messages", 50), ("legal", 50)]
    assert score.passed
    disclosed = _score([Answer("p1", "Công ty X bị thanh tra; an toàn của người dân là trên hết."), answers[1]],
                       scenario)
    assert not disclosed.passed and len(disclosed.red_flags) == 1
