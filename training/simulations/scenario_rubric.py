"""The ``rubric`` part of scenario JSON: read with validation, write back (pure).

Every part is optional and falls back to the common rubric of content-brief section 6
(7 criteria adding up to 100, red flags of 20 points each, two red flags fail the run):

``{"criteria": [...], "red_flags": [...], "extra_red_flags": [...], "pass_threshold": 70,
"red_flags_to_fail": 2, "bonus": {"label", "points", "cues", "before"}}``

``red_flags`` replaces the common list; ``extra_red_flags`` adds the scenario's own to it.
A red flag with the id of a common one inherits its label, kind and cue phrases.
"""

from training.core.messages import N_
from training.simulations.json_reader import join
from training.simulations.model import (
    CRITERIA,
    DEFAULT_CRITERIA,
    DEFAULT_RED_FLAGS,
    DEFAULT_RUBRIC,
    FIXED_FLAG_KINDS,
    KINDS,
    Bonus,
    Criterion,
    RedFlag,
    Rubric,
)

RUBRIC_FIELDS = ("criteria", "red_flags", "extra_red_flags", "pass_threshold", "red_flags_to_fail", "bonus")
RED_FLAG_FIELDS = ("id", "label", "penalty", "kind", "cues", "prompts", "criterion")
TOTAL_POINTS = 100
DEFAULT_THRESHOLD = DEFAULT_RUBRIC.pass_threshold
DEFAULT_TO_FAIL = DEFAULT_RUBRIC.red_flags_to_fail


def read_rubric(reader, data, prompt_ids, prompt_count):
    """Return the rubric described by ``data`` (``None``: the common rubric), recording issues in ``reader``.

    :param prompt_ids: every prompt id (scripted and follow-up), for red flags limited to prompts.
    :param prompt_count: the number of scripted prompts, for the bonus's ``before``.
    """
    path = "rubric"
    if data is None or reader.object(data, path, RUBRIC_FIELDS) is None:
        return DEFAULT_RUBRIC
    criteria = DEFAULT_CRITERIA
    if "criteria" in data:
        seen = {}
        criteria = tuple(c for p, item in reader.array(data, "criteria", path) if (c := _criterion(reader, p, item,
                                                                                                   seen)))
        total = sum(c.points for c in criteria)
        if criteria and total != TOTAL_POINTS:
            reader.error(join(path, "criteria"), N_("%(path)s: the criteria add up to %(total)s points; they must add "
                                                    "up to %(expected)s."), total=total, expected=TOTAL_POINTS)
    seen = {}
    flags, common = DEFAULT_RED_FLAGS, {flag.id for flag in DEFAULT_RED_FLAGS}
    if "red_flags" in data:
        flags, common = tuple(_red_flags(reader, data, "red_flags", seen, prompt_ids)), set()
    flags += tuple(_red_flags(reader, data, "extra_red_flags", seen, prompt_ids, common))
    return Rubric(
        criteria=criteria, red_flags=flags,
        pass_threshold=reader.integer(data, "pass_threshold", path, required=False, default=DEFAULT_THRESHOLD, low=1,
                                      high=TOTAL_POINTS),
        red_flags_to_fail=reader.integer(data, "red_flags_to_fail", path, required=False, default=DEFAULT_TO_FAIL,
                                         low=1, high=20),
        bonus=_bonus(reader, data.get("bonus"), join(path, "bonus"), prompt_count))


def _criterion(reader, path, item, seen):
    if reader.object(item, path, ("id", "label", "points")) is None:
        return None
    criterion_id = reader.choice(item, "id", path, CRITERIA)
    reader.unique(seen, criterion_id, join(path, "id"))
    default = next((c for c in DEFAULT_CRITERIA if c.id == criterion_id), None)
    label = reader.text(item, "label", path, required=False, limit=200) or (default.label if default else "")
    return Criterion(criterion_id, label, reader.integer(item, "points", path, low=1, high=TOTAL_POINTS))


def _red_flags(reader, data, key, seen, prompt_ids, common=()):
    for path, item in reader.array(data, key, "rubric", required=False):
        if reader.object(item, path, RED_FLAG_FIELDS) is None:
            continue
        flag_id = reader.identifier(item, "id", path)
        if flag_id in common:
            reader.error(join(path, "id"), N_("%(path)s: \"%(value)s\" is a red flag of the common rubric already; "
                                              "list the red flags under red_flags to change it."), value=flag_id)
        reader.unique(seen, flag_id, join(path, "id"))
        default = next((f for f in DEFAULT_RED_FLAGS if f.id == flag_id), None)
        label = reader.text(item, "label", path, required=default is None, limit=300) or (default.label if default
                                                                                          else "")
        kind = reader.choice(item, "kind", path, KINDS, required=default is None) or (default.kind if default else "")
        fixed = FIXED_FLAG_KINDS.get(flag_id)
        if fixed and kind != fixed:
            reader.error(join(path, "kind"), N_("%(path)s: the red flag \"%(value)s\" is always reported as "
                                                "%(expected)s."), value=flag_id, expected=fixed)
        cues = reader.texts(item, "cues", path) if "cues" in item else (default.cues if default else ())
        prompts = reader.texts(item, "prompts", path)
        for index, prompt_id in enumerate(prompts):
            if prompt_id not in prompt_ids:
                reader.error(join(join(path, "prompts"), index), N_("%(path)s: unknown prompt \"%(value)s\"."),
                             value=prompt_id)
        penalty = reader.integer(item, "penalty", path, required=False, default=default.penalty if default else 20,
                                 low=1, high=TOTAL_POINTS)
        criterion = reader.choice(item, "criterion", path, CRITERIA, required=False) if "criterion" in item else (
            default.criterion if default else "")
        yield RedFlag(flag_id, label, penalty, kind, cues, prompts, criterion)


def _bonus(reader, data, path, prompt_count):
    if data is None or reader.object(data, path, ("label", "points", "cues", "before")) is None:
        return None
    return Bonus(label=reader.text(data, "label", path, limit=300),
                 points=reader.integer(data, "points", path, low=1, high=20),
                 cues=reader.texts(data, "cues", path, required=True),
                 before=reader.integer(data, "before", path, required=False, low=0, high=max(prompt_count, 0)))


def dump_rubric(rubric):
    """Return the JSON of ``rubric`` with the common parts left out (``None`` for the common rubric)."""
    if rubric == DEFAULT_RUBRIC:
        return None
    result = {}
    if rubric.criteria != DEFAULT_CRITERIA:
        result["criteria"] = [{"id": c.id, "label": c.label, "points": c.points} for c in rubric.criteria]
    common = len(DEFAULT_RED_FLAGS)
    if rubric.red_flags[:common] == DEFAULT_RED_FLAGS:
        if rubric.red_flags[common:]:
            result["extra_red_flags"] = [_dump_flag(flag) for flag in rubric.red_flags[common:]]
    else:
        result["red_flags"] = [_dump_flag(flag) for flag in rubric.red_flags]
    if rubric.pass_threshold != DEFAULT_THRESHOLD:
        result["pass_threshold"] = rubric.pass_threshold
    if rubric.red_flags_to_fail != DEFAULT_TO_FAIL:
        result["red_flags_to_fail"] = rubric.red_flags_to_fail
    if rubric.bonus:
        bonus = rubric.bonus
        result["bonus"] = {"label": bonus.label, "points": bonus.points, "cues": list(bonus.cues),
                           "before": bonus.before}
    return result


def _dump_flag(flag):
    data = {"id": flag.id, "label": flag.label, "penalty": flag.penalty, "kind": flag.kind, "cues": list(flag.cues),
            "prompts": list(flag.prompts)}
    if flag.criterion:
        data["criterion"] = flag.criterion
    return data
