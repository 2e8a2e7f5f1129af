"""The demo scenarios' cue phrases catch what they are meant to, and nothing on record (pure: no app)."""

import pytest

from tests.simulations.builders import DEMO_SLUGS, demo
from training.simulations.analysis import analyse_answer
from training.simulations.findings import RED_FLAG, Answer
from training.simulations.matching import find_phrases

SCENARIOS = {slug: demo(slug) for slug in DEMO_SLUGS}
CASES = [(slug, item) for slug, scenario in SCENARIOS.items() for item in scenario.restricted]
MESSAGES = [(slug, message) for slug, scenario in SCENARIOS.items() for message in scenario.key_messages]


def _spoken_prompt(scenario):
    return next(p for p in scenario.prompts if p.channel == "press_conference" and scenario.tone(p) == "neutral")


@pytest.mark.parametrize(("slug", "item"), CASES, ids=[f"{s}:{i.id}" for s, i in CASES])
def test_reading_out_an_internal_fact_is_caught_as_a_disclosure(slug, item):
    scenario = SCENARIOS[slug]
    fact = next(f for f in scenario.internal if f.id == item.fact)
    found = analyse_answer(scenario, Answer(_spoken_prompt(scenario).id, fact.text))
    assert item.id in {f.ref for f in found if f.kind == "restricted_disclosure"}


@pytest.mark.parametrize(("slug", "message"), MESSAGES, ids=[f"{s}:{m.id}" for s, m in MESSAGES])
def test_each_key_message_is_recognised_in_its_own_words(slug, message):
    assert find_phrases(message.text, message.cues)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_quoting_the_on_record_facts_and_key_messages_raises_no_red_flag(slug):
    scenario = SCENARIOS[slug]
    prompt = _spoken_prompt(scenario)
    texts = [fact.text for fact in scenario.on_record] + [message.text for message in scenario.key_messages]
    for text in texts:
        flagged = [f for f in analyse_answer(scenario, Answer(prompt.id, text)) if f.level == RED_FLAG
                   or f.kind in ("restricted_disclosure", "unsupported_number")]
        assert flagged == [], (text, flagged)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_loaded_words_appear_in_the_question_that_uses_them(slug):
    for prompt in SCENARIOS[slug].prompts:
        for words in prompt.loaded_words:
            assert find_phrases(prompt.text, [words]), (prompt.id, words)
