"""Scenario authoring by part: form rows to scenario JSON and back, and issues to form fields (pure).

A trainer edits one part of a scenario at a time (brief and facts, key messages, restricted
items, journalists, prompts, follow-up rules, rubric). Each part is a few single fields and
lists of rows; a row field names the key it edits inside its JSON item (``legal_ref.document``,
``when.kind``, ``then.text``). ``apply_part`` writes the submitted rows into a copy of the stored
JSON, keeping every key the form does not show (a row remembers the item it came from), so
the whole document is then validated by ``load_scenario`` as an import would be. ``locate``
maps each issue's JSON path back to the form field that caused it.
"""

import copy
import re
from dataclasses import dataclass

from training.core.messages import N_
from training.simulations.model import DEFAULT_CRITERIA
from training.simulations.scenario import ALL_CONDITION_FIELDS, CONDITION_FIELDS


@dataclass(frozen=True)
class Field:
    """A form field and the JSON key it edits (dotted; from the document root for single fields).

    ``kind``: ``text`` (empty removes the key), ``lines`` (one list entry per line), ``int``
    (a number; anything else is passed on as typed so the validator names the problem), ``bool``.
    """

    name: str
    key: str
    kind: str = "text"


@dataclass(frozen=True)
class RowList:
    """A list of rows stored at ``path``; ``prefix`` names fresh ids (``j`` gives ``j3``).

    ``replaces``: a path used instead of ``path`` when the document has it (a rubric that
    replaces the common red flags). ``defaults``: rows shown when the list is absent; saving
    them unchanged leaves the list absent (the common rubric).
    """

    name: str
    path: str
    fields: tuple
    prefix: str
    replaces: str = ""
    defaults: tuple = ()


@dataclass(frozen=True)
class Part:
    """One authoring page."""

    name: str
    label: str
    fields: tuple = ()
    lists: tuple = ()


F = Field
PROMPT_FIELDS = (F("id", "id"), F("journalist", "journalist"), F("channel", "channel"), F("tone", "tone"),
                 F("text", "text"), F("time_limit", "time_limit", "int"), F("loaded_words", "loaded_words", "lines"),
                 F("coaching", "coaching"), F("written", "written", "bool"), F("touches", "touches", "lines"))
PARTS = (
    Part("brief", N_("Brief and facts"),
         fields=(F("title", "title"), F("city", "city"), F("role", "role"), F("notice", "notice"),
                 F("situation", "situation"), F("preparation_minutes", "preparation_minutes", "int")),
         lists=(RowList("on_record", "facts.on_record", (F("id", "id"), F("text", "text")), "f"),
                RowList("internal", "facts.internal",
                        (F("id", "id"), F("text", "text"), F("legal_ground", "legal_ground"),
                         F("legal_document", "legal_ref.document"), F("legal_article", "legal_ref.article")), "n"))),
    Part("key_messages", N_("Key messages"), lists=(RowList("rows", "key_messages", (
        F("id", "id"), F("title", "title"), F("text", "text"), F("cues", "cues", "lines")), "km"),)),
    Part("restricted", N_("Restricted items"), lists=(RowList("rows", "restricted", (
        F("id", "id"), F("label", "label"), F("fact", "fact"), F("legal_ground", "legal_ground"),
        F("legal_document", "legal_ref.document"), F("legal_article", "legal_ref.article"),
        F("cues", "cues", "lines")), "r"),)),
    Part("journalists", N_("Journalists"), lists=(RowList("rows", "journalists", (
        F("id", "id"), F("name", "name"), F("outlet", "outlet"), F("tone", "tone")), "j"),)),
    Part("prompts", N_("Prompts"), lists=(RowList("rows", "prompts", PROMPT_FIELDS, "p"),)),
    Part("follow_ups", N_("Follow-up rules"), lists=(RowList("rows", "follow_ups", (
        F("id", "id"), F("kind", "when.kind"), F("item", "when.item"), F("message", "when.message"),
        F("watched", "when.prompt"), F("after", "when.after", "int"),
        *(F(f"then_{f.name}", f"then.{f.key}", f.kind) for f in PROMPT_FIELDS if f.name not in ("written", "touches"))),
        "fu"),)),
    Part("rubric", N_("Rubric"),
         fields=(F("pass_threshold", "rubric.pass_threshold", "int"),
                 F("red_flags_to_fail", "rubric.red_flags_to_fail", "int")),
         lists=(RowList("criteria", "rubric.criteria", (F("id", "id"), F("label", "label"),
                                                        F("points", "points", "int")), "c",
                        defaults=tuple({"id": c.id, "label": "", "points": str(c.points)} for c in DEFAULT_CRITERIA)),
                RowList("red_flags", "rubric.extra_red_flags", (
                    F("id", "id"), F("label", "label"), F("penalty", "penalty", "int"), F("kind", "kind"),
                    F("cues", "cues", "lines")), "rf", replaces="rubric.red_flags"))),
)
PART_NAMES = tuple(part.name for part in PARTS)


def part(name):
    """Return the part called ``name`` (``None`` if unknown)."""
    return next((p for p in PARTS if p.name == name), None)


def list_path(row_list, data):
    """Return where ``row_list`` is stored in ``data``."""
    if row_list.replaces and _get(data, row_list.replaces) is not None:
        return row_list.replaces
    return row_list.path


def part_values(data, part_):
    """Return ``{"fields": {name: value}, "lists": {name: [row]}}`` of a stored document, for the form.

    Each row has its field values as the form shows them (text; lines joined by newlines;
    numbers as text) and ``origin``, the index of the item it shows.
    """
    fields = {f.name: _show(_get(data, f.key), f.kind) for f in part_.fields}
    lists = {}
    for row_list in part_.lists:
        items = _get(data, list_path(row_list, data))
        if items is None and row_list.defaults:
            lists[row_list.name] = [dict(row, origin=None) for row in row_list.defaults]
            continue
        lists[row_list.name] = [dict({f.name: _show(_get(item, f.key), f.kind) for f in row_list.fields}, origin=i)
                                for i, item in enumerate(items or ()) if isinstance(item, dict)]
    return {"fields": fields, "lists": lists}


def apply_part(data, part_, values):
    """Return a copy of ``data`` with the part's fields and lists replaced by ``values``.

    :param values: as :func:`part_values` returns, rows in their new order; a row's ``origin``
        (the index of the stored item it edits, or ``None`` for a new row) keeps the keys the
        form does not show. A blank id gets a fresh one.
    """
    result = copy.deepcopy(data)
    taken = _ids(result)
    for f in part_.fields:
        _set(result, f.key, _parse(values["fields"].get(f.name), f.kind))
    for row_list in part_.lists:
        path = list_path(row_list, data)
        stored = _get(data, path)
        stored = stored if isinstance(stored, list) else []
        rows = values["lists"].get(row_list.name, [])
        if row_list.defaults and _same_rows(rows, row_list):
            _set(result, path, None)
            continue
        items = []
        for row in rows:
            origin = row.get("origin")
            item = copy.deepcopy(stored[origin]) if isinstance(origin, int) and 0 <= origin < len(stored) else {}
            if not isinstance(item, dict):
                item = {}
            for f in row_list.fields:
                _set(item, f.key, _parse(row.get(f.name), f.kind))
            if not item.get("id"):
                item["id"] = _fresh_id(row_list.prefix, taken)
            if row_list.name == "rows" and path == "follow_ups":
                _clean_condition(item)
            items.append(item)
        _set(result, path, items if items or _get(data, path) is not None else None)
    if result.get("rubric") == {}:
        del result["rubric"]
    return result


def locate(part_, data, path):
    """Return where an issue at JSON ``path`` belongs in the part's form.

    :return: ``("field", name)``, ``("row", list name, index, field name or None)``,
        ``("list", list name)`` or ``None`` (elsewhere in the scenario).
    """
    for f in part_.fields:
        if _under(path, f.key):
            return ("field", f.name)
    for row_list in part_.lists:
        where = list_path(row_list, data)
        match = re.match(re.escape(where) + r"\[(\d+)\](?:\.(.*))?$", path) or re.match(
            re.escape(where) + r"\[(\d+)\](\[.*)$", path)
        if match:
            rest = match.group(2) or ""
            name = next((f.name for f in row_list.fields if rest and (_under(rest, f.key) or f.key.startswith(rest + "."))),
                        None)
            return ("row", row_list.name, int(match.group(1)), name)
        if path == where:
            return ("list", row_list.name)
    return None


def _under(path, key):
    return path == key or path.startswith(key + ".") or path.startswith(key + "[")


def _same_rows(rows, row_list):
    keys = [f.name for f in row_list.fields]
    shown = [{k: str(row.get(k) or "").strip() for k in keys} for row in rows]
    return shown == [{k: str(row.get(k) or "") for k in keys} for row in row_list.defaults]


def _clean_condition(item):
    """Keep only the condition keys its kind uses (the form shows them all)."""
    when = item.get("when")
    if isinstance(when, dict):
        allowed = CONDITION_FIELDS.get(when.get("kind"), ALL_CONDITION_FIELDS)
        for key in [k for k in when if k not in allowed]:
            del when[key]


def _ids(data):
    found = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.add(value["id"])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def _fresh_id(prefix, taken):
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def _show(value, kind):
    if value is None:
        return False if kind == "bool" else ""
    if kind == "lines":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind == "bool":
        return bool(value)
    return value if isinstance(value, str) else str(value)


def _parse(value, kind):
    """Return the JSON value of a form value (``None``: remove the key)."""
    if kind == "bool":
        return True if value else None
    text = "" if value is None else str(value).strip()
    if kind == "lines":
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines or None
    if not text:
        return None
    if kind == "int":
        return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
    return text


def _get(data, key):
    for part_ in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part_)
    return data


def _set(data, key, value):
    """Set (or with ``None`` remove) a dotted key, dropping objects it leaves empty."""
    *parents, last = key.split(".")
    chain = [data]
    for name in parents:
        child = chain[-1].get(name)
        if not isinstance(child, dict):
            if value is None:
                return
            child = chain[-1][name] = {}
        chain.append(child)
    if value is None:
        chain[-1].pop(last, None)
    else:
        chain[-1][last] = value
    for parent, name in zip(reversed(chain[:-1]), reversed(parents), strict=True):
        if parent.get(name) == {}:
            del parent[name]
