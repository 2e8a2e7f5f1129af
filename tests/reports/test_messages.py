"""Every message id of the reports' pure code has a Vietnamese translation with the same placeholders.

Until the feature's catalogue (``training/reports/translations``) exists, the translations live in
``translations-reports-core.json`` at the repository root, to be merged into the catalogue.
"""

import json
import re

from babel.messages.extract import extract_from_dir

from tests.paths import ROOT

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
JSON_FILE = ROOT / "translations-reports-core.json"
PO_FILE = ROOT / "training" / "reports" / "translations" / "vi" / "LC_MESSAGES" / "messages.po"


def _translations():
    if JSON_FILE.exists():
        return json.loads(JSON_FILE.read_text(encoding="utf-8"))
    from babel.messages.pofile import read_po

    with open(PO_FILE, "rb") as fh:
        return {m.id: m.string for m in read_po(fh, locale="vi") if m.id}


def _message_ids():
    found = extract_from_dir(str(ROOT / "training" / "reports"), [("**.py", "python")], keywords={"N_": None})
    return {message for _file, _line, message, _comments, _context in found}


def test_every_message_id_is_translated_with_the_same_placeholders():
    translations = _translations()
    ids = _message_ids()
    assert ids, "no N_() message found: the extraction itself is broken"
    missing = sorted(i for i in ids if not translations.get(i))
    assert not missing, missing
    wrong = [i for i in ids if set(PLACEHOLDER.findall(i)) != set(PLACEHOLDER.findall(translations[i]))]
    assert not wrong, wrong
