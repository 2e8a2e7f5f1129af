"""What the answer checks report (pure): answers in, findings and reasons out.

A finding is explainable: its kind, the matched words as an exact substring of the answer
(NFC) with start and end offsets for highlighting, and a detail message id with parameters.
Parameters named in ``translate`` are message ids too (default rubric labels), so the edge
translates them along with the message.
"""

from dataclasses import dataclass, field
from decimal import Decimal

GOOD, NOTE, WARNING, RED_FLAG = "good", "note", "warning", "red_flag"
LEVELS = (GOOD, NOTE, WARNING, RED_FLAG)


@dataclass(frozen=True)
class Answer:
    """An answer to one prompt: its text (NFC) and the response time in seconds, if measured."""

    prompt_id: str
    text: str
    seconds: int | Decimal | None = None


@dataclass(frozen=True)
class Reason:
    """A translatable explanation: a message id and its parameters."""

    message: str
    params: dict = field(default_factory=dict)
    translate: tuple = ()

    def text(self, gettext):
        """Return the message translated with ``gettext`` and filled with its parameters."""
        return _render(gettext, self.message, self.params, self.translate)


@dataclass(frozen=True)
class Finding:
    """One check result on one answer.

    :param kind: one of ``model.KINDS``.
    :param level: ``good`` (something done well), ``note``, ``warning`` or ``red_flag``.
    :param match: the matched words, ``text[start:end]`` of the NFC answer; empty (and
        ``start``/``end`` ``None``) when the finding is about something missing.
    :param ref: what was matched: a key message, restricted item or red flag id, a number
        value, or the sub-kind (``time``, ``channel``, ``advice``) of a commitment.
    :param red_flag: the rubric red flag this finding raises, if any.
    """

    prompt_id: str
    kind: str
    level: str
    detail: str
    params: dict = field(default_factory=dict)
    match: str = ""
    start: int | None = None
    end: int | None = None
    ref: str = ""
    red_flag: str = ""
    translate: tuple = ()

    def text(self, gettext):
        """Return the detail translated with ``gettext`` and filled with its parameters."""
        return _render(gettext, self.detail, self.params, self.translate)

    def as_dict(self):
        """Return the finding as JSON-ready data (to store with the answer); decimals become text."""
        return {"prompt_id": self.prompt_id, "kind": self.kind, "level": self.level, "detail": self.detail,
                "params": {key: str(value) if isinstance(value, Decimal) else value
                           for key, value in self.params.items()},
                "match": self.match, "start": self.start, "end": self.end, "ref": self.ref,
                "red_flag": self.red_flag, "translate": list(self.translate)}

    @classmethod
    def from_dict(cls, data):
        """Return the finding stored by ``as_dict``."""
        return cls(data["prompt_id"], data["kind"], data["level"], data["detail"], dict(data.get("params") or {}),
                   data.get("match", ""), data.get("start"), data.get("end"), data.get("ref", ""),
                   data.get("red_flag", ""), tuple(data.get("translate") or ()))


def _render(gettext, message, params, translate):
    translated = gettext(message)
    if not params:
        return translated
    values = {key: gettext(value) if key in translate and value else value for key, value in params.items()}
    return translated % values
