"""The core of ``flask simulations check SLUG ANSWERS.json`` (pure; DESIGN.md section 7).

Input: ``{"answers": [{"prompt": 1, "text": "...", "seconds": 25}, ...]}``; ``prompt`` is the
1-based position of a scripted prompt, or the id of any prompt (so trainers can also answer
follow-ups, e.g. ``"p5-f1"``); ``seconds`` is optional.

Output: ``{"score": S, "max": M, "passed": bool, "red_flags": N, "findings": [{"prompt",
"kind", "match", "detail"}]}``, where a finding's ``prompt`` is written as the input wrote it.
With ``detailed=True`` one more key, ``details``, carries offsets, levels, criterion scores
and reasons, red flags, the bonus, key message counts and the follow-ups that would fire.
Malformed input gives no output and issues that name the JSON path.
"""

from decimal import Decimal

from training.core.messages import N_
from training.simulations.analysis import analyse_run, key_message_counts
from training.simulations.findings import Answer
from training.simulations.flow import flow_state
from training.simulations.json_reader import JsonReader, join
from training.simulations.matching import LENIENT
from training.simulations.scoring import score_run

MAX_SECONDS = 24 * 3600


def _identity(message):
    return message


def read_answers(scenario, data):
    """Return ``([(label, Answer)], issues)`` from decoded check input; ``label`` is how the input named the prompt."""
    reader = JsonReader()
    if reader.object(data, "", ("answers",)) is None:
        return [], tuple(reader.issues)
    answers, seen = [], {}
    for path, item in reader.array(data, "answers", ""):
        if reader.object(item, path, ("prompt", "text", "seconds")) is None:
            continue
        prompt = _prompt(reader, scenario, item.get("prompt"), join(path, "prompt"))
        text = reader.text(item, "text", path, limit=20000)
        seconds = _seconds(reader, item.get("seconds"), join(path, "seconds"))
        if prompt is None:
            continue
        label, prompt_id = prompt
        if prompt_id in seen:
            reader.error(join(path, "prompt"), N_("%(path)s: prompt %(value)s is answered twice (first at %(first)s)."),
                         value=label, first=seen[prompt_id])
            continue
        seen[prompt_id] = path
        answers.append((label, Answer(prompt_id, text, seconds)))
    return answers, tuple(reader.issues)


def _prompt(reader, scenario, value, path):
    if value is None:
        reader.error(path, N_("%(path)s: required."))
    elif isinstance(value, bool) or not isinstance(value, int | str):
        reader.error(path, N_("%(path)s: expected a prompt number or a prompt id."))
    elif isinstance(value, int):
        if 1 <= value <= len(scenario.prompts):
            return value, scenario.prompts[value - 1].id
        reader.error(path, N_("%(path)s: there is no prompt %(value)s; the scenario has %(count)s prompts."),
                     value=value, count=len(scenario.prompts))
    elif scenario.prompt(value) is not None:
        return value, value
    else:
        reader.error(path, N_("%(path)s: unknown prompt \"%(value)s\"."), value=value)
    return None


def _seconds(reader, value, path):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        reader.error(path, N_("%(path)s: expected a number of seconds."))
        return None
    if not 0 <= value <= MAX_SECONDS:
        reader.error(path, N_("%(path)s: must be between %(low)s and %(high)s."), low=0, high=MAX_SECONDS)
        return None
    # Floats never reach a comparison: a decimal reading of what was written is exact.
    return value if isinstance(value, int) else Decimal(str(value))


def check_answers(scenario, data, *, gettext=_identity, mode=LENIENT, detailed=False):
    """Run the checks and the rubric on decoded check input; return ``(result, ())`` or ``(None, issues)``."""
    labelled, issues = read_answers(scenario, data)
    if issues:
        return None, issues
    labels = {answer.prompt_id: label for label, answer in labelled}
    answers = [answer for _label, answer in labelled]
    findings = analyse_run(scenario, answers, mode=mode)
    score = score_run(scenario, answers, findings)
    result = {
        "score": score.total,
        "max": score.max_points,
        "passed": score.passed,
        "red_flags": len(score.red_flags),
        "findings": [{"prompt": labels[f.prompt_id], "kind": f.kind, "match": f.match, "detail": f.text(gettext)}
                     for f in findings],
    }
    if detailed:
        result["details"] = _details(scenario, answers, findings, score, labels, gettext)
    return result, ()


def _details(scenario, answers, findings, score, labels, gettext):
    return {
        "findings": [{"prompt": labels[f.prompt_id], "kind": f.kind, "level": f.level, "start": f.start,
                      "end": f.end, "ref": f.ref, "red_flag": f.red_flag} for f in findings],
        "criteria": [{"id": c.id, "label": gettext(c.label), "points": c.points, "score": c.score,
                      "reasons": [r.text(gettext) for r in c.reasons]} for c in score.criteria],
        "red_flags": [{"id": h.id, "label": gettext(h.label), "penalty": h.penalty, "prompt": labels[h.prompt_id],
                       "match": h.match} for h in score.red_flags],
        "bonus": ({"label": score.bonus.label, "points": score.bonus.points, "prompt": labels[score.bonus.prompt_id],
                   "match": score.bonus.match} if score.bonus else None),
        "threshold": score.threshold,
        "key_messages": key_message_counts(scenario, findings),
        "follow_ups": list(flow_state(scenario, answers, findings).fired),
    }
