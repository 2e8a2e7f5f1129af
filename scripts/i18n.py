"""Translation catalogues: ``python scripts/i18n.py extract`` refreshes every .pot and .po,
``python scripts/i18n.py init FEATURE`` starts a feature's catalogue, ``compile`` builds .mo files.

Run through ``make extract-messages`` / ``make translations``.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.core.catalogs import LOCALES, catalogues  # noqa: E402

PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]
KEYWORDS = ["-k", "_l", "-k", "N_", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]


def extract():
    for directory, sources in catalogues(ROOT / "training"):
        pot = directory / "messages.pot"
        subprocess.run([*PYBABEL, "extract", "-F", str(ROOT / "babel.cfg"), *KEYWORDS, "--no-location",
                        "--sort-output", "-o", str(pot), *map(str, sources)], check=True, capture_output=True)
        for locale in LOCALES:
            po = directory / locale / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            args = ["-i", str(pot), "-d", str(directory), "-l", locale]
            if command == "update":
                args.append("--no-fuzzy-matching")
            subprocess.run([*PYBABEL, command, *args], check=True, capture_output=True)
        print(f"extracted {directory.relative_to(ROOT)}")


def compile_all():
    for directory, _sources in catalogues(ROOT / "training"):
        for locale in LOCALES:
            po = directory / locale / "LC_MESSAGES" / "messages.po"
            if po.exists():
                subprocess.run([*PYBABEL, "compile", "-i", str(po), "-o", str(po.with_suffix(".mo"))],
                               check=True, capture_output=True)


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
    else:
        sys.exit(__doc__)
