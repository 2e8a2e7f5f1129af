"""Answer analysis throughput versus plain ``str.find`` over the same phrases, in one run.

    .venv/bin/python bench/bench_answer_analysis.py [--answers 2000] [--rounds 5]

The answers are the sample answers of scenario 1 (tests/simulations/data, good and poor) and
the scenario's on-record facts read out, cycled to ``--answers``. The baseline lower-cases
each answer and calls ``str.find`` for every phrase the checks look for on that prompt (key
message cues, restricted cues, rubric red-flag cues, the prompt's loaded words and every list
in ``phrases.py``): the least any phrase search must do, without diacritics folding, word
boundaries, offsets, numbers, sentences or explanations. The checks run ``analyse_answer``
(all eleven checks, findings with offsets). Rates are the median of interleaved rounds in
process CPU time. The ratio says how much the explainable, diacritics-lenient matching costs.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.simulations import phrases  # noqa: E402
from training.simulations.analysis import analyse_answer, known_numbers  # noqa: E402
from training.simulations.findings import Answer  # noqa: E402
from training.simulations.scenario import load_scenario  # noqa: E402


def _scenario():
    data = json.loads((ROOT / "training/demo/scenarios/ca-chet-kenh-bau-sen.json").read_text(encoding="utf-8"))
    scenario, issues = load_scenario(data)
    assert not issues
    return scenario


def _answers(scenario, count):
    samples = []
    for name in ("ca-chet-good.json", "ca-chet-poor.json"):
        for item in json.loads((ROOT / "tests/simulations/data" / name).read_text(encoding="utf-8"))["answers"]:
            prompt = item["prompt"]
            prompt_id = scenario.prompts[prompt - 1].id if isinstance(prompt, int) else prompt
            samples.append(Answer(prompt_id, item["text"], item.get("seconds")))
    for index, fact in enumerate(scenario.on_record + scenario.internal):
        samples.append(Answer(scenario.prompts[index % len(scenario.prompts)].id, fact.text, 30))
    return [samples[i % len(samples)] for i in range(count)]


def _phrase_lists(scenario):
    lists = [getattr(phrases, name) for name in dir(phrases) if name.isupper()]
    common = [p for values in lists if isinstance(values, tuple) and all(isinstance(x, str) for x in values)
              for p in values]
    common += [c for m in scenario.key_messages for c in m.cues] + [c for r in scenario.restricted for c in r.cues]
    common += [c for flag in scenario.rubric.red_flags for c in flag.cues]
    by_prompt = {}
    for prompt in list(scenario.prompts) + [rule.prompt for rule in scenario.follow_ups]:
        by_prompt[prompt.id] = [p.lower() for p in (*common, *prompt.loaded_words)]
    return by_prompt


def baseline(answers, by_prompt):
    hits = 0
    for answer in answers:
        text = answer.text.lower()
        for phrase in by_prompt[answer.prompt_id]:
            if text.find(phrase) >= 0:
                hits += 1
    return hits


def checks(scenario, answers, known):
    found = 0
    for answer in answers:
        found += len(analyse_answer(scenario, answer, known=known))
    return found


def _rate(function, count):
    started = time.process_time()
    function()
    return count / (time.process_time() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    scenario = _scenario()
    answers = _answers(scenario, args.answers)
    by_prompt = _phrase_lists(scenario)
    known = known_numbers(scenario)
    checks(scenario, answers[:50], known)  # warm the compiled phrase patterns
    base, ours = [], []
    for _round in range(args.rounds):
        base.append(_rate(lambda: baseline(answers, by_prompt), len(answers)))
        ours.append(_rate(lambda: checks(scenario, answers, known), len(answers)))
    base_rate, our_rate = statistics.median(base), statistics.median(ours)
    phrases_per_answer = statistics.mean(len(v) for v in by_prompt.values())
    words = statistics.mean(len(a.text.split()) for a in answers)
    print(f"answers: {len(answers)} (mean {words:.0f} words), phrases per answer: {phrases_per_answer:.0f}")
    print(f"baseline str.find:   {base_rate:10.0f} answers/s  ({1e6 / base_rate:8.1f} µs/answer)")
    print(f"analyse_answer:      {our_rate:10.0f} answers/s  ({1e6 / our_rate:8.1f} µs/answer)")
    print(f"ratio checks/baseline: {our_rate / base_rate:.3f}")


if __name__ == "__main__":
    main()
