"""Scenarios as versioned JSON (``"schema": "spokesperson-scenario/1"``): load with validation, dump (pure).

``load_scenario(data)`` returns ``(Scenario, ())`` or ``(None, issues)``; every issue names the
JSON path of the problem (``prompts[3].journalist: unknown journalist "j9"``). It catches
wrong types, unknown fields (typos), missing or duplicate ids, values outside the allowed
tones, channels, conditions and kinds, non-positive time limits, references to unknown
journalists, prompts, facts, items and messages, a rubric that does not add up, and
follow-up rules that loop. ``dump_scenario`` writes the same format; loading a dump gives
back an equal scenario. The model itself is in ``model.py`` (re-exported here).
"""

import re

from training.core.messages import N_
from training.simulations.flow import follow_up_cycles
from training.simulations.json_reader import JsonReader, join
from training.simulations.model import (
    ANY_PROMPT,
    CHANNELS,
    CONDITIONS,
    EVASIVE_ANSWER,
    KEY_MESSAGE_MISSING_AFTER,
    RESTRICTED_DISCLOSED,
    SCHEMA,
    TONES,
    Condition,
    Fact,
    FollowUpRule,
    Journalist,
    KeyMessage,
    LegalRef,
    Prompt,
    RestrictedItem,
    Scenario,
)
from training.simulations.scenario_rubric import dump_rubric, read_rubric
from training.simulations.templates_text import TEMPLATES

__all__ = ["SCHEMA", "Scenario", "dump_scenario", "load_scenario"]

TOP_FIELDS = ("schema", "slug", "title", "city", "notice", "role", "situation", "preparation_minutes", "facts", "key_messages", "restricted",
              "journalists", "prompts", "follow_ups", "rubric")
PROMPT_FIELDS = ("id", "journalist", "text", "time_limit", "channel", "tone", "loaded_words", "coaching", "written",
                 "template", "touches")
CONDITION_FIELDS = {RESTRICTED_DISCLOSED: ("kind", "item", "prompt"), EVASIVE_ANSWER: ("kind", "prompt"),
                    KEY_MESSAGE_MISSING_AFTER: ("kind", "message", "after")}
ALL_CONDITION_FIELDS = ("kind", "item", "message", "prompt", "after")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_TIME_LIMIT = 4 * 3600
MAX_PREPARATION_MINUTES = 120


def load_scenario(data):
    """Validate decoded scenario JSON; return ``(Scenario, ())`` or ``(None, issues)``."""
    reader = JsonReader()
    if reader.object(data, "", TOP_FIELDS) is None:
        return None, tuple(reader.issues)
    schema = reader.text(data, "schema", "")
    if schema and schema != SCHEMA:
        reader.error("schema", N_("%(path)s: unsupported schema \"%(value)s\"; expected \"%(expected)s\"."),
                     value=schema, expected=SCHEMA)
    slug = reader.text(data, "slug", "", limit=80)
    if slug and not re.match(SLUG_PATTERN, slug):
        reader.error("slug", N_("%(path)s: \"%(value)s\" is not a valid slug (lower-case letters, digits and "
                                "hyphens)."), value=slug)
    fields = {key: reader.text(data, key, "", required=key in ("title", "situation"), limit=limit)
              for key, limit in (("title", 200), ("city", 200), ("notice", 1000), ("role", 1000), ("situation", 5000))}
    preparation = reader.integer(data, "preparation_minutes", "", required=False, low=1,
                                 high=MAX_PREPARATION_MINUTES)
    ids = {}
    on_record, internal = _facts(reader, data, ids)
    key_messages = tuple(_key_message(reader, path, item, ids) for path, item in reader.array(data, "key_messages", ""))
    restricted = tuple(_restricted(reader, path, item, ids) for path, item in reader.array(data, "restricted", "",
                                                                                            required=False))
    journalists = tuple(_journalist(reader, path, item, ids) for path, item in reader.array(data, "journalists", ""))
    prompt_ids = {}
    prompts = tuple(_prompt(reader, path, item, prompt_ids) for path, item in reader.array(data, "prompts", ""))
    rules = tuple(_rule(reader, path, item, ids, prompt_ids) for path, item in reader.array(data, "follow_ups", "",
                                                                                            required=False))
    rubric = read_rubric(reader, data.get("rubric"), prompt_ids, len(prompts))
    scenario = Scenario(slug=slug, on_record=on_record, internal=internal, key_messages=key_messages,
                        restricted=restricted, journalists=journalists, prompts=prompts,
                        follow_ups=tuple(r for r in rules if r), rubric=rubric, preparation_minutes=preparation,
                        **fields)
    if not reader.issues:
        # References are checked once every part has parsed, so they never point at half-read items.
        _check_references(reader, scenario)
        _check_loops(reader, scenario)
    if reader.issues:
        return None, tuple(reader.issues)
    return scenario, ()


def _facts(reader, data, ids):
    facts = data.get("facts")
    if facts is None:
        reader.error("facts", N_("%(path)s: required."))
        return (), ()
    if reader.object(facts, "facts", ("on_record", "internal")) is None:
        return (), ()
    result = []
    for key, ground in (("on_record", False), ("internal", True)):
        parsed = []
        for path, item in reader.array(facts, key, "facts", required=key == "on_record"):
            allowed = ("id", "text", "legal_ground", "legal_ref") if ground else ("id", "text")
            if reader.object(item, path, allowed) is None:
                continue
            fact_id = reader.identifier(item, "id", path)
            reader.unique(ids.setdefault("facts", {}), fact_id, join(path, "id"))
            parsed.append(Fact(fact_id, reader.text(item, "text", path),
                               reader.text(item, "legal_ground", path, required=ground, limit=500),
                               _legal_ref(reader, item, path)))
        result.append(tuple(parsed))
    return result[0], result[1]


def _key_message(reader, path, item, ids):
    if reader.object(item, path, ("id", "title", "text", "cues")) is None:
        return None
    message_id = reader.identifier(item, "id", path)
    reader.unique(ids.setdefault("key_messages", {}), message_id, join(path, "id"))
    return KeyMessage(message_id, reader.text(item, "title", path, limit=300), reader.text(item, "text", path),
                      reader.texts(item, "cues", path, required=True))


def _restricted(reader, path, item, ids):
    if reader.object(item, path, ("id", "label", "legal_ground", "legal_ref", "cues", "fact")) is None:
        return None
    item_id = reader.identifier(item, "id", path)
    reader.unique(ids.setdefault("restricted", {}), item_id, join(path, "id"))
    return RestrictedItem(item_id, reader.text(item, "label", path, limit=300),
                          reader.text(item, "legal_ground", path, limit=500), reader.texts(item, "cues", path,
                                                                                           required=True),
                          reader.identifier(item, "fact", path, required=False), _legal_ref(reader, item, path))


def _legal_ref(reader, item, path):
    """Read ``{"document": register code, "article": "Điều 38 khoản 2 điểm c"}`` (optional).

    Only the shape is checked here; that the code is in the legal register is checked when
    the scenario is saved (the register is in the database).
    """
    if item.get("legal_ref") is None:
        return None
    where = join(path, "legal_ref")
    if reader.object(item["legal_ref"], where, ("document", "article")) is None:
        return None
    document = reader.identifier(item["legal_ref"], "document", where)
    article = reader.text(item["legal_ref"], "article", where, required=False, limit=120)
    return LegalRef(document, article) if document else None


def _journalist(reader, path, item, ids):
    if reader.object(item, path, ("id", "name", "tone", "outlet")) is None:
        return None
    journalist_id = reader.identifier(item, "id", path)
    reader.unique(ids.setdefault("journalists", {}), journalist_id, join(path, "id"))
    return Journalist(journalist_id, reader.text(item, "name", path, limit=200), reader.choice(item, "tone", path, TONES),
                      reader.text(item, "outlet", path, required=False, limit=200))


def _prompt(reader, path, item, prompt_ids):
    if reader.object(item, path, PROMPT_FIELDS) is None:
        return None
    prompt_id = reader.identifier(item, "id", path)
    reader.unique(prompt_ids, prompt_id, join(path, "id"))
    written = reader.boolean(item, "written", path)
    template = reader.choice(item, "template", path, tuple(TEMPLATES), required=False)
    if template and not written:
        reader.error(join(path, "template"), N_("%(path)s: a template needs a written-reply prompt "
                                                "(\"written\": true)."))
    return Prompt(
        id=prompt_id, journalist=reader.identifier(item, "journalist", path), text=reader.text(item, "text", path),
        time_limit=reader.integer(item, "time_limit", path, low=1, high=MAX_TIME_LIMIT),
        channel=reader.choice(item, "channel", path, CHANNELS, required=False, default="press_conference"),
        tone=reader.choice(item, "tone", path, TONES, required=False), written=written, template=template,
        loaded_words=reader.texts(item, "loaded_words", path), touches=reader.texts(item, "touches", path),
        coaching=reader.text(item, "coaching", path, required=False))


def _rule(reader, path, item, ids, prompt_ids):
    if reader.object(item, path, ("id", "when", "then")) is None:
        return None
    rule_id = reader.identifier(item, "id", path)
    reader.unique(ids.setdefault("follow_ups", {}), rule_id, join(path, "id"))
    when_path = join(path, "when")
    when = item.get("when")
    if not isinstance(when, dict):
        reader.error(when_path, N_("%(path)s: required.") if when is None else N_("%(path)s: expected an object."))
        return None
    kind = reader.choice(when, "kind", when_path, CONDITIONS)
    reader.object(when, when_path, CONDITION_FIELDS.get(kind, ALL_CONDITION_FIELDS))
    if not kind:
        return None
    condition = Condition(
        kind=kind,
        item=reader.identifier(when, "item", when_path) if kind == RESTRICTED_DISCLOSED else "",
        message=reader.identifier(when, "message", when_path) if kind == KEY_MESSAGE_MISSING_AFTER else "",
        prompt="" if kind == KEY_MESSAGE_MISSING_AFTER else (
            reader.identifier(when, "prompt", when_path, required=False) or ANY_PROMPT),
        after=reader.integer(when, "after", when_path, low=1) if kind == KEY_MESSAGE_MISSING_AFTER else 0)
    then = item.get("then")
    if then is None:
        reader.error(join(path, "then"), N_("%(path)s: required."))
        return None
    prompt = _prompt(reader, join(path, "then"), then, prompt_ids)
    return FollowUpRule(rule_id, condition, prompt) if prompt else None


def _check_references(reader, scenario):
    journalists = {j.id for j in scenario.journalists}
    items = {item.id for item in scenario.restricted}
    messages = {message.id for message in scenario.key_messages}
    prompts = [(join("prompts", i), p) for i, p in enumerate(scenario.prompts)]
    prompts += [(join(join("follow_ups", i), "then"), rule.prompt) for i, rule in enumerate(scenario.follow_ups)]
    prompt_ids = {prompt.id for _path, prompt in prompts}
    for path, prompt in prompts:
        if prompt.journalist not in journalists:
            reader.error(join(path, "journalist"), N_("%(path)s: unknown journalist \"%(value)s\"."),
                         value=prompt.journalist)
        for index, item_id in enumerate(prompt.touches):
            if item_id not in items:
                reader.error(join(join(path, "touches"), index), N_("%(path)s: unknown restricted item "
                                                                    "\"%(value)s\"."), value=item_id)
    internal = {fact.id for fact in scenario.internal}
    for index, item in enumerate(scenario.restricted):
        if item.fact and item.fact not in internal:
            reader.error(join(join("restricted", index), "fact"), N_("%(path)s: unknown internal fact \"%(value)s\"."),
                         value=item.fact)
    for index, rule in enumerate(scenario.follow_ups):
        path, when = join(join("follow_ups", index), "when"), rule.when
        if when.kind == RESTRICTED_DISCLOSED and when.item not in items:
            reader.error(join(path, "item"), N_("%(path)s: unknown restricted item \"%(value)s\"."), value=when.item)
        if when.kind == KEY_MESSAGE_MISSING_AFTER:
            if when.message not in messages:
                reader.error(join(path, "message"), N_("%(path)s: unknown key message \"%(value)s\"."),
                             value=when.message)
            if when.after > len(scenario.prompts):
                reader.error(join(path, "after"), N_("%(path)s: must be between %(low)s and %(high)s."), low=1,
                             high=len(scenario.prompts))
        elif when.prompt != ANY_PROMPT and when.prompt not in prompt_ids:
            reader.error(join(path, "prompt"), N_("%(path)s: unknown prompt \"%(value)s\"."), value=when.prompt)


def _check_loops(reader, scenario):
    rules = scenario.follow_ups
    for cycle in follow_up_cycles(rules):
        first = rules[cycle[0]]
        path = join(join(join("follow_ups", cycle[0]), "when"), "prompt")
        if len(cycle) == 1:
            reader.error(path, N_("%(path)s: follow-up rule \"%(rule)s\" can trigger itself: it watches the prompt it "
                                  "inserts (\"%(prompt)s\")."), rule=first.id, prompt=first.prompt.id)
        else:
            loop = " → ".join(rules[i].id for i in (*cycle, cycle[0]))
            reader.error(path, N_("%(path)s: follow-up rules trigger each other in a loop: %(loop)s."), loop=loop)


def dump_scenario(scenario):
    """Return ``scenario`` as JSON-ready data in the versioned schema."""
    data = {
        "schema": SCHEMA, "slug": scenario.slug, "title": scenario.title, "city": scenario.city,
        "notice": scenario.notice, "role": scenario.role, "situation": scenario.situation,
        "facts": {"on_record": [{"id": f.id, "text": f.text} for f in scenario.on_record],
                  "internal": [_with_ref({"id": f.id, "text": f.text, "legal_ground": f.legal_ground}, f)
                               for f in scenario.internal]},
        "key_messages": [{"id": m.id, "title": m.title, "text": m.text, "cues": list(m.cues)}
                         for m in scenario.key_messages],
        "restricted": [_with_ref(_without_empty({"id": i.id, "label": i.label, "legal_ground": i.legal_ground,
                                                 "cues": list(i.cues), "fact": i.fact}, ("fact",)), i)
                       for i in scenario.restricted],
        "journalists": [_without_empty({"id": j.id, "name": j.name, "outlet": j.outlet, "tone": j.tone}, ("outlet",))
                        for j in scenario.journalists],
        "prompts": [_dump_prompt(p) for p in scenario.prompts],
        "follow_ups": [{"id": r.id, "when": _dump_condition(r.when), "then": _dump_prompt(r.prompt)}
                       for r in scenario.follow_ups],
    }
    if scenario.preparation_minutes:
        data["preparation_minutes"] = scenario.preparation_minutes
    rubric = dump_rubric(scenario.rubric)
    if rubric is not None:
        data["rubric"] = rubric
    return data


def _dump_prompt(prompt):
    data = {"id": prompt.id, "journalist": prompt.journalist, "channel": prompt.channel, "tone": prompt.tone,
            "text": prompt.text, "time_limit": prompt.time_limit, "loaded_words": list(prompt.loaded_words),
            "coaching": prompt.coaching, "written": prompt.written, "template": prompt.template,
            "touches": list(prompt.touches)}
    return _without_empty(data, ("tone", "template", "coaching"))


def _dump_condition(when):
    if when.kind == KEY_MESSAGE_MISSING_AFTER:
        return {"kind": when.kind, "message": when.message, "after": when.after}
    data = {"kind": when.kind, "prompt": when.prompt}
    if when.kind == RESTRICTED_DISCLOSED:
        data["item"] = when.item
    return data


def _with_ref(data, item):
    if item.legal_ref is not None:
        data["legal_ref"] = {"document": item.legal_ref.document, "article": item.legal_ref.article}
    return data


def _without_empty(data, optional):
    return {key: value for key, value in data.items() if value or key not in optional}
