"""Translatable messages from pure code (pure).

Pure modules cannot import Flask-Babel, so they return English message ids marked with
:func:`N_` (``pybabel extract`` finds them) plus parameters; the edge translates them with
``gettext`` in the user's language.
"""

from dataclasses import dataclass, field


def N_(message):
    """Mark ``message`` for translation without translating it here."""
    return message


@dataclass(frozen=True)
class Issue:
    """A problem found in input: where (row, column, line) and what (a message id + params)."""

    message: str
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict)

    def text(self, gettext):
        """Return the message translated with ``gettext`` and filled with its parameters."""
        translated = gettext(self.message)
        return translated % self.params if self.params else translated

    def as_dict(self, gettext):
        """Return a JSON-ready dict, the message already translated."""
        return {"row": self.row, "column": self.column, "message": self.text(gettext)}
