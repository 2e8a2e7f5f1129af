"""What the scenario authoring pages offer in their selects, and the common red flags they show.

Kept out of the routes; reads only the scenario JSON being edited and the register's documents.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from training.simulations.model import CONDITIONS, CRITERIA, DEFAULT_CRITERIA, DEFAULT_RED_FLAGS, KINDS
from training.simulations.views import CHANNELS, TONES

CONDITION_LABELS = {
    "restricted_disclosed": _l("a restricted item was disclosed"),
    "key_message_missing_after": _l("a key message is still missing after prompt N"),
    "evasive_answer": _l("the answer was evasive"),
}
NONE = ("", "—")


def _ids(data, key, label):
    items = data.get(key) or []
    return [(item["id"], f"{item['id']}: {item.get(label, '')}"[:90]) for item in items
            if isinstance(item, dict) and isinstance(item.get("id"), str)]


def part_choices(data, documents):
    """Return ``{field name or "list.field": [(value, label)]}`` for the selects of every part's rows."""
    tones = [(key, str(label)) for key, label in TONES.items()]
    channels = [(key, str(label)) for key, (label, _icon) in CHANNELS.items()]
    journalists = _ids(data, "journalists", "name")
    prompts = _ids(data, "prompts", "text")
    internal = [(f["id"], f"{f['id']}: {f.get('text', '')}"[:90]) for f in (data.get("facts") or {}).get(
        "internal", []) if isinstance(f, dict) and isinstance(f.get("id"), str)]
    criteria = {c.id: _(c.label) for c in DEFAULT_CRITERIA}
    return {
        "tone": [NONE, *tones], "then_tone": [NONE, *tones],
        "channel": channels, "then_channel": channels,
        "journalist": [NONE, *journalists], "then_journalist": [NONE, *journalists],
        "legal_document": [NONE, *documents],
        "fact": [NONE, *internal],
        "kind": [NONE, *[(k, str(CONDITION_LABELS[k])) for k in CONDITIONS]],
        "item": [NONE, *_ids(data, "restricted", "label")],
        "message": [NONE, *_ids(data, "key_messages", "title")],
        "watched": [("", _("any prompt")), *prompts],
        # The rubric's rows: keyed by list, as their names overlap the others'.
        "criteria.id": [(c, criteria.get(c, c)) for c in CRITERIA],
        "red_flags.kind": [(k, k) for k in KINDS],
    }


def common_red_flags():
    """Return the common rubric's red flags (label, penalty) that every scenario has unless replaced."""
    return [(_(flag.label), flag.penalty) for flag in DEFAULT_RED_FLAGS]
