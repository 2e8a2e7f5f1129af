"""Translation catalogues.

    python scripts/i18n.py extract          refresh every .pot and .po from the code
    python scripts/i18n.py init FEATURE     start training/FEATURE/translations/ (then extract)
    python scripts/i18n.py fill FILE.json   put Vietnamese texts ({"msgid": "text" or ["text"]})
                                            into every vi catalogue that has the msgid
    python scripts/i18n.py missing          list the msgids still without Vietnamese
    python scripts/i18n.py compile          build the .mo files (make does this)
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.core.catalogs import LOCALES, catalogues  # noqa: E402

WIDTH = "100"  # the width `fill` writes with, so that extract and fill agree and never rewrap each other
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]
KEYWORDS = ["-k", "_l", "-k", "N_", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]


_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*\\n"$', re.MULTILINE)


def _stable_header(path):
    """Drop the extraction time from a catalogue's header.

    Without this every extract rewrites every catalogue's header, so two branches that each add a
    message to different features conflict on that line in every file when they are merged.
    """
    text = path.read_text(encoding="utf-8")
    fixed = '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"'
    path.write_text(_CREATION_DATE.sub(lambda _match: fixed, text, count=1), encoding="utf-8")


def extract():
    for directory, sources in catalogues(ROOT / "training"):
        pot = directory / "messages.pot"
        subprocess.run([*PYBABEL, "extract", "-F", str(ROOT / "babel.cfg"), *KEYWORDS, "--no-location",
                        "--sort-output", "--width", WIDTH, "-o", str(pot), *map(str, sources)], check=True, capture_output=True)
        for locale in LOCALES:
            po = directory / locale / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            args = ["-i", str(pot), "-d", str(directory), "-l", locale, "--width", WIDTH]
            if command == "update":
                args.append("--no-fuzzy-matching")
            subprocess.run([*PYBABEL, command, *args], check=True, capture_output=True)
            _stable_header(po)
        _stable_header(pot)
        print(f"extracted {directory.relative_to(ROOT)}")


def compile_all():
    for directory, _sources in catalogues(ROOT / "training"):
        for locale in LOCALES:
            po = directory / locale / "LC_MESSAGES" / "messages.po"
            if po.exists():
                subprocess.run([*PYBABEL, "compile", "-i", str(po), "-o", str(po.with_suffix(".mo"))],
                               check=True, capture_output=True)


def _vi_catalogues():
    from babel.messages.pofile import read_po

    for directory, _sources in catalogues(ROOT / "training"):
        path = directory / "vi" / "LC_MESSAGES" / "messages.po"
        if path.exists():
            with open(path, "rb") as fh:
                yield path, read_po(fh, locale="vi")


def fill(files):
    """Copy translations from JSON files into the vi catalogues; return the msgids still missing."""
    import json

    from babel.messages.pofile import write_po

    mapping = {}
    for name in files:
        mapping.update(json.loads(Path(name).read_text(encoding="utf-8")))
    missing = []
    for path, catalog in _vi_catalogues():
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in mapping:
                value = mapping[key]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                message.flags.discard("fuzzy")
            elif not (message.string if isinstance(message.string, str) else message.string[0]):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100)
    return missing


def init(feature):
    directory = ROOT / "training" / feature / "translations"
    directory.mkdir(parents=True, exist_ok=True)
    extract()


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "extract"
    if action == "extract":
        extract()
    elif action == "compile":
        compile_all()
    elif action == "init" and len(sys.argv) == 3:
        init(sys.argv[2])
    elif action in ("fill", "missing"):
        left = fill(sys.argv[2:])
        print("\n".join(left) if left else "every message has its Vietnamese")
    else:
        sys.exit(__doc__)
