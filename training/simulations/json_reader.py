"""Read typed values out of decoded JSON, recording each problem with its JSON path (pure).

Every issue is an ``Issue`` whose ``column`` is the JSON path (``prompts[3].journalist``,
indices from 0 as in JSONPath) and whose message starts with ``%(path)s:``, so the text a
person reads says where to look even when only the message is shown.
"""

import re

from training.core.messages import N_, Issue
from training.core.text import nfc

MAX_TEXT = 5000
MAX_ITEMS = 200
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MISSING = object()


def join(path, key):
    """Return the JSON path of ``key`` (a field name or a list index) under ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class JsonReader:
    """Collects issues while reading; the reading methods return a safe default on a problem."""

    def __init__(self):
        self.issues = []

    def error(self, path, message, **params):
        """Record an issue at ``path``."""
        self.issues.append(Issue(message, column=path, params={"path": path or "$", **params}))

    def object(self, value, path, fields):
        """Return ``value`` if it is an object with only ``fields``; record the problem otherwise."""
        if not isinstance(value, dict):
            self.error(path, N_("%(path)s: expected an object."))
            return None
        for key in value:
            if key not in fields:
                self.error(join(path, str(key)), N_("%(path)s: unknown field."))
        return value

    def _get(self, data, key, path, required):
        if key in data and data[key] is not None:
            return data[key]
        if required:
            self.error(join(path, key), N_("%(path)s: required."))
        return MISSING

    def text(self, data, key, path, *, required=True, default="", limit=MAX_TEXT):
        """Return the NFC, stripped string at ``key`` (empty counts as missing when required)."""
        value = self._get(data, key, path, required)
        if value is MISSING:
            return default
        where = join(path, key)
        if not isinstance(value, str):
            self.error(where, N_("%(path)s: expected text."))
            return default
        value = nfc(value).strip()
        if required and not value:
            self.error(where, N_("%(path)s: required."))
        elif len(value) > limit:
            self.error(where, N_("%(path)s: longer than %(limit)s characters."), limit=limit)
        return value

    def identifier(self, data, key, path, *, required=True):
        """Return an id: 1-64 letters, digits, dots, hyphens or underscores."""
        value = self.text(data, key, path, required=required, limit=64)
        if value and not IDENTIFIER.match(value):
            self.error(join(path, key), N_("%(path)s: \"%(value)s\" is not a valid id (letters, digits, \".\", \"-\" "
                                           "and \"_\")."), value=value)
        return value

    def integer(self, data, key, path, *, required=True, default=0, low=None, high=None):
        """Return the whole number at ``key``, checked against ``low`` and ``high``."""
        value = self._get(data, key, path, required)
        if value is MISSING:
            return default
        where = join(path, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(where, N_("%(path)s: expected a whole number."))
            return default
        if low is not None and high is not None and not low <= value <= high:
            self.error(where, N_("%(path)s: must be between %(low)s and %(high)s."), low=low, high=high)
        elif low is not None and value < low:
            self.error(where, N_("%(path)s: must be at least %(low)s."), low=low)
        return value

    def boolean(self, data, key, path, *, default=False):
        """Return the true/false value at ``key`` (optional)."""
        value = self._get(data, key, path, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.error(join(path, key), N_("%(path)s: expected true or false."))
            return default
        return value

    def choice(self, data, key, path, choices, *, required=True, default=""):
        """Return the string at ``key`` if it is one of ``choices``."""
        value = self.text(data, key, path, required=required, default=default, limit=64)
        if value and value not in choices:
            self.error(join(path, key), N_("%(path)s: \"%(value)s\" is not one of: %(choices)s."), value=value,
                       choices=", ".join(choices))
            return default
        return value

    def array(self, data, key, path, *, required=True):
        """Return ``[(item path, item)]`` for the list at ``key``."""
        value = self._get(data, key, path, required)
        if value is MISSING:
            return []
        where = join(path, key)
        if not isinstance(value, list):
            self.error(where, N_("%(path)s: expected a list."))
            return []
        if required and not value:
            self.error(where, N_("%(path)s: at least one item is required."))
        if len(value) > MAX_ITEMS:
            self.error(where, N_("%(path)s: more than %(limit)s items."), limit=MAX_ITEMS)
            value = value[:MAX_ITEMS]
        return [(join(where, index), item) for index, item in enumerate(value)]

    def texts(self, data, key, path, *, required=False, limit=500):
        """Return the non-empty NFC strings of the list at ``key`` as a tuple."""
        result = []
        for where, item in self.array(data, key, path, required=required):
            if not isinstance(item, str) or not item.strip():
                self.error(where, N_("%(path)s: expected non-empty text."))
            elif len(item) > limit:
                self.error(where, N_("%(path)s: longer than %(limit)s characters."), limit=limit)
            else:
                result.append(nfc(item).strip())
        return tuple(result)

    def unique(self, seen, value, path):
        """Record a duplicate id; ``seen`` maps ids to the path where each first appeared."""
        if not value:
            return
        if value in seen:
            self.error(path, N_("%(path)s: duplicate id \"%(value)s\" (first at %(first)s)."), value=value,
                       first=seen[value])
        else:
            seen[value] = path
