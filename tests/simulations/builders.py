"""Scenario and answer builders shared by the simulation tests (pure: no app)."""

import copy
import json

from tests.paths import ROOT
from training.simulations.findings import Answer
from training.simulations.scenario import load_scenario

DEMO_DIR = ROOT / "training" / "demo" / "scenarios"
DATA_DIR = ROOT / "tests" / "simulations" / "data"
DEMO_SLUGS = ("ca-chet-kenh-bau-sen", "khieu-nai-boi-thuong-gpmb", "tin-don-nuoc-may")

MINIMAL = {
    "schema": "spokesperson-scenario/1",
    "slug": "thu-nghiem",
    "title": "Kịch bản thử nghiệm",
    "situation": "Tình huống thử nghiệm (giả định).",
    "facts": {"on_record": [{"id": "f1", "text": "Đã lấy 6 mẫu nước; kết quả dự kiến trong 72 giờ."}],
              "internal": [{"id": "n1", "text": "Công ty X đang bị thanh tra.", "legal_ground": "Điều 38 khoản 2 điểm c"}]},
    "key_messages": [{"id": "km1", "title": "An toàn là trên hết", "text": "An toàn của người dân là trên hết.",
                      "cues": ["an toàn của người dân"]}],
    "restricted": [{"id": "x", "label": "Công ty X", "legal_ground": "Điều 38 khoản 2 điểm c", "cues": ["Công ty X"],
                    "fact": "n1"}],
    "journalists": [{"id": "j1", "name": "Phóng viên A", "tone": "neutral", "outlet": "Báo A (giả định)"},
                    {"id": "j2", "name": "Phóng viên B", "tone": "hostile"}],
    "prompts": [{"id": "p1", "journalist": "j1", "text": "Câu hỏi 1?", "time_limit": 60},
                {"id": "p2", "journalist": "j2", "text": "Câu hỏi 2?", "time_limit": 60},
                {"id": "p3", "journalist": "j1", "text": "Câu hỏi 3?", "time_limit": 60}],
    "follow_ups": [{"id": "r1", "when": {"kind": "restricted_disclosed", "item": "x", "prompt": "p1"},
                    "then": {"id": "f1", "journalist": "j2", "text": "Vậy ông xác nhận?", "time_limit": 30}}],
}


def minimal():
    """Return a fresh copy of a small valid scenario document."""
    return copy.deepcopy(MINIMAL)


def load_ok(data):
    """Return the scenario loaded from ``data``; fail with the issues if it does not load."""
    scenario, issues = load_scenario(data)
    assert not issues, [issue.text(str) for issue in issues]
    return scenario


def demo_data(slug):
    """Return the decoded JSON of a demo scenario."""
    return json.loads((DEMO_DIR / f"{slug}.json").read_text(encoding="utf-8"))


def demo(slug):
    """Return a demo scenario, loaded and validated."""
    return load_ok(demo_data(slug))


def answers_file(name):
    """Return the decoded JSON of a sample answers file."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def answers_for(scenario, name):
    """Return the ``Answer`` objects of a sample answers file for ``scenario``."""
    result = []
    for item in answers_file(name)["answers"]:
        prompt = item["prompt"]
        prompt_id = scenario.prompts[prompt - 1].id if isinstance(prompt, int) else prompt
        result.append(Answer(prompt_id, item["text"], item.get("seconds")))
    return result
