"""Vietnamese is complete: every string the code can show has a Vietnamese translation."""

import re

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from tests.paths import ROOT
from training.core.catalogs import catalogues

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None,
            "lazy_ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}}
CATALOGUES = catalogues(ROOT / "training")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalog(locale, directory=ROOT / "training" / "translations"):
    path = directory / locale / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def _source_messages(sources):
    found = {}
    for source in sources:
        if source.is_file():
            items = [(source.name, *item) for item in extract_from_file("python", str(source), keywords=KEYWORDS)]
        else:
            items = extract_from_dir(str(source), METHOD_MAP, options_map=OPTIONS, keywords=KEYWORDS)
        for filename, lineno, message, _comments, _context in items:
            key = message if isinstance(message, str) else message[0]
            if key:
                found.setdefault(key, f"{source.name}/{filename}:{lineno}")
    return found


@pytest.mark.parametrize("directory,sources", CATALOGUES, ids=[str(d.relative_to(ROOT)) for d, _s in CATALOGUES])
def test_every_string_in_the_code_has_a_vietnamese_translation(directory, sources):
    catalog = _catalog("vi", directory)
    missing = []
    for key, where in _source_messages(sources).items():
        message = catalog.get(key)
        string = message.string if message else None
        first = string[0] if isinstance(string, tuple) else string
        if not first or (message and message.fuzzy):
            missing.append(f"{where}: {key}")
    assert not missing, "untranslated (run make extract-messages, then translate):\n" + "\n".join(missing)


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("directory", [d for d, _s in CATALOGUES], ids=[str(d.relative_to(ROOT)) for d, _s in CATALOGUES])
def test_placeholders_survive_translation(locale, directory):
    problems = []
    for message in _catalog(locale, directory):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{message.id!r} -> {string!r}")
    assert not problems, problems


def test_vietnamese_plural_forms_are_declared():
    assert _catalog("vi").plural_forms == "nplurals=1; plural=0;"


def test_pages_speak_vietnamese_by_default_and_english_on_request(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="vi"' in page and "Đăng nhập" in page and "Mật khẩu" in page
    client.post("/language", data={"locale": "en", "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="en"' in page and "Log in" in page and "Password" in page


@pytest.mark.parametrize("locale", ["vi"])
def test_a_message_shared_by_two_catalogues_has_one_translation(locale):
    """Flask-Babel merges the catalogues, so one feature's wording would silently replace another's."""
    seen, clashes = {}, []
    for directory, _sources in catalogues(ROOT / "training"):
        for message in _catalog(locale, directory):
            if not message.id or not message.string or message.fuzzy:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            owner = seen.setdefault(key, (directory.parent.name, message.string))
            if owner[1] != message.string:
                clashes.append(f"{key!r}: {owner[0]} {owner[1]!r} / {directory.parent.name} {message.string!r}")
    assert not clashes, "\n".join(clashes)
