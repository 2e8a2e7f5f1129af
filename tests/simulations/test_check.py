"""The pure core of ``flask simulations check``: input validation and the DESIGN.md output (pure: no app)."""

import json

import pytest

from tests.paths import ROOT
from tests.simulations.builders import answers_file, demo
from training.simulations.check import check_answers
from training.simulations.model import KINDS

SCENARIO_1 = demo("ca-chet-kenh-bau-sen")
TOP_KEYS = {"score", "max", "passed", "red_flags", "findings"}
FINDING_KEYS = {"prompt", "kind", "match", "detail"}


def _check(data, **options):
    result, issues = check_answers(SCENARIO_1, data, **options)
    assert not issues, [i.text(str) for i in issues]
    return result


@pytest.mark.parametrize("name", ["ca-chet-good.json", "ca-chet-poor.json"])
def test_the_output_has_exactly_the_documented_shape(name):
    result = _check(answers_file(name))
    assert set(result) == TOP_KEYS
    assert isinstance(result["score"], int) and result["max"] == 100 and isinstance(result["passed"], bool)
    assert all(set(f) == FINDING_KEYS and f["kind"] in KINDS for f in result["findings"])
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_good_answers_score_high_and_pass():
    result = _check(answers_file("ca-chet-good.json"))
    assert result["passed"] and result["score"] >= 90 and result["red_flags"] == 0
    delivered = {(f["prompt"], f["match"]) for f in result["findings"] if f["kind"] == "key_message"}
    assert {p for p, _m in delivered} == set(range(1, 9))


POOR_PROBLEMS = [
    (1, "speculation", "Có lẽ"), (1, "unsupported_number", "5"), (1, "unsupported_number", "10"),
    (2, "speculation", "Chắc là"), (2, "speculation", "tôi đoán"), (2, "late", ""),
    (3, "speculation", "không có gì nghiêm trọng"), (3, "empathy", ""),
    (4, "loaded_words", "bảo kê"), (4, "loaded_words", "làm ngơ"), (4, "loaded_words", "câu hỏi ngớ ngẩn"),
    (4, "empathy", ""),
    (5, "restricted_disclosure", "Công ty X"), (5, "restricted_disclosure", "3 doanh nghiệp"), (5, "legal_basis", ""),
    ("p5-f1", "restricted_disclosure", "Công ty X"), ("p5-f1", "speculation", "là thủ phạm"),
    (6, "speculation", "Nếu có kim loại nặng thì"), (6, "commitment", "sẽ đóng cửa"),
    (7, "evasive", "Miễn bình luận"), (7, "legal_basis", "Miễn bình luận"), (7, "length", ""),
    (8, "commitment", ""),
]


@pytest.mark.parametrize(("prompt", "kind", "match"), POOR_PROBLEMS)
def test_poor_answers_flag_each_problem(prompt, kind, match):
    result = _check(answers_file("ca-chet-poor.json"))
    assert (prompt, kind, match) in {(f["prompt"], f["kind"], f["match"]) for f in result["findings"]}


def test_poor_answers_fail_with_their_red_flags_counted():
    result = _check(answers_file("ca-chet-poor.json"))
    assert not result["passed"] and result["score"] == 0 and result["red_flags"] == 8


def test_details_are_translated_with_the_gettext_given():
    from babel.messages.pofile import read_po

    path = ROOT / "training" / "simulations" / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh, locale="vi") if m.id}
    result = _check({"answers": [{"prompt": 7, "text": "Miễn bình luận."}]}, gettext=lambda m: catalogue.get(m, m))
    evasive = next(f for f in result["findings"] if f["kind"] == "evasive")
    assert evasive["detail"].startswith("Cụm từ né tránh")


def test_the_detailed_output_adds_offsets_criteria_and_follow_ups():
    result = _check(answers_file("ca-chet-poor.json"), detailed=True)
    assert set(result) == TOP_KEYS | {"details"}
    details = result["details"]
    assert len(details["findings"]) == len(result["findings"])
    assert [c["id"] for c in details["criteria"]] == ["legal", "accuracy", "key_messages", "technique", "empathy",
                                                      "action", "delivery"]
    assert details["follow_ups"] == ["hoi-tiep-cong-ty-x"]
    assert details["key_messages"] == {"an-toan": 0, "vao-cuoc": 0, "minh-bach": 0}
    assert len(details["red_flags"]) == result["red_flags"]


def test_fractional_seconds_are_compared_exactly():
    result = _check({"answers": [{"prompt": 1, "text": "Đã thu gom 2,3 tấn.", "seconds": 90.5}]})
    assert [f["detail"] for f in result["findings"] if f["kind"] == "late"] == [
        "Answered after 90.5 seconds; the limit is 90 seconds."]
    assert not [f for f in _check({"answers": [{"prompt": 1, "text": "x", "seconds": 90.0}]})["findings"]
                if f["kind"] == "late"]


MALFORMED = [
    ([], "$", "expected an object"),
    ({}, "answers", "required"),
    ({"answers": "x"}, "answers", "expected a list"),
    ({"answers": []}, "answers", "at least one item"),
    ({"answers": [5]}, "answers[0]", "expected an object"),
    ({"answers": [{"text": "a"}]}, "answers[0].prompt", "required"),
    ({"answers": [{"prompt": 0, "text": "a"}]}, "answers[0].prompt", "there is no prompt"),
    ({"answers": [{"prompt": 9, "text": "a"}]}, "answers[0].prompt", "there is no prompt"),
    ({"answers": [{"prompt": "p99", "text": "a"}]}, "answers[0].prompt", "unknown prompt"),
    ({"answers": [{"prompt": True, "text": "a"}]}, "answers[0].prompt", "prompt number or a prompt id"),
    ({"answers": [{"prompt": 1.5, "text": "a"}]}, "answers[0].prompt", "prompt number or a prompt id"),
    ({"answers": [{"prompt": 1}]}, "answers[0].text", "required"),
    ({"answers": [{"prompt": 1, "text": 5}]}, "answers[0].text", "expected text"),
    ({"answers": [{"prompt": 1, "text": "a", "seconds": -1}]}, "answers[0].seconds", "must be between"),
    ({"answers": [{"prompt": 1, "text": "a", "seconds": "25"}]}, "answers[0].seconds", "number of seconds"),
    ({"answers": [{"prompt": 1, "text": "a", "answer": "b"}]}, "answers[0].answer", "unknown field"),
    ({"answers": [{"prompt": 1, "text": "a"}, {"prompt": "p1", "text": "b"}]}, "answers[1].prompt", "answered twice"),
    ({"answers": [{"prompt": 1, "text": "a"}], "slug": "x"}, "slug", "unknown field"),
]


@pytest.mark.parametrize(("data", "path", "fragment"), MALFORMED)
def test_malformed_input_gives_issues_with_the_json_path_and_no_result(data, path, fragment):
    result, issues = check_answers(SCENARIO_1, data)
    assert result is None
    texts = [i.text(str) for i in issues]
    assert any(t.startswith(f"{path}:") and fragment in t for t in texts), texts


def test_a_follow_up_can_be_answered_by_its_id_and_keeps_its_label():
    result = _check({"answers": [{"prompt": "p5-f1", "text": "Công ty X vi phạm."}, {"prompt": "p2", "text": "x"}]})
    assert {f["prompt"] for f in result["findings"]} == {"p5-f1", "p2"}
