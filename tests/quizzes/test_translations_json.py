"""Every message id of the quiz domain modules has a Vietnamese text in translations-quizzes-core.json.

The JSON carries the translations until they are merged into training/quizzes/translations/
(then tests/test_translations.py checks them, and the JSON and this test go away).
"""

import json
import re

import pytest
from babel.messages.extract import extract_from_dir

from tests.paths import ROOT

CATALOGUE = ROOT / "translations-quizzes-core.json"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")

pytestmark = pytest.mark.skipif(not CATALOGUE.exists(), reason="merged into training/quizzes/translations")


def _message_ids():
    found = extract_from_dir(str(ROOT / "training" / "quizzes"), [("**.py", "python")], keywords={"N_": None})
    return {message for _file, _line, message, _comments, _context in found}


def test_every_message_has_a_vietnamese_text():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    missing = sorted(_message_ids() - set(catalogue))
    assert not missing, missing
    assert all(text.strip() and text != message for message, text in catalogue.items())


def test_placeholders_and_percent_signs_survive_translation():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    problems = [message for message, text in catalogue.items()
                if sorted(PLACEHOLDER.findall(message)) != sorted(PLACEHOLDER.findall(text))]
    assert not problems, problems


def test_no_stale_entries():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert set(catalogue) <= _message_ids()
