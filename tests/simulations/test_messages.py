"""Every message id of the simulation modules has a Vietnamese translation (pure: no app).

Until the feature's ``training/simulations/translations`` catalogue exists, the translations
live in ``translations-simulations-core.json`` ({msgid: Vietnamese}); the catalogue test of
tests/test_translations.py takes over once they are merged into it.
"""

import json
import re

import pytest
from babel.messages.extract import extract_from_file

from tests.paths import ROOT

CATALOGUE = ROOT / "translations-simulations-core.json"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
SOURCES = sorted((ROOT / "training" / "simulations").glob("*.py"))

pytestmark = pytest.mark.skipif(not CATALOGUE.exists(), reason="translations merged into the feature catalogue")


def _message_ids():
    found = {}
    for source in SOURCES:
        for lineno, message, _comments, _context in extract_from_file("python", str(source), keywords={"N_": None}):
            found.setdefault(message, f"{source.name}:{lineno}")
    return found


def _catalogue():
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_every_message_id_has_a_vietnamese_translation():
    catalogue = _catalogue()
    missing = [f"{where}: {message}" for message, where in _message_ids().items() if not catalogue.get(message)]
    assert not missing, "\n".join(missing)


def test_the_catalogue_has_no_stale_entries():
    stale = set(_catalogue()) - set(_message_ids())
    assert not stale, stale


def test_translations_keep_the_placeholders():
    problems = [(msgid, text) for msgid, text in _catalogue().items()
                if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text))]
    assert not problems, problems


def test_path_messages_start_with_the_path_in_vietnamese_too():
    problems = [msgid for msgid, text in _catalogue().items() if msgid.startswith("%(path)s:")
                and not text.startswith("%(path)s:")]
    assert not problems, problems
