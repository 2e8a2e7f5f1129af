"""Where the translation catalogues live and which sources each covers (pure).

Each feature package owns ``training/<feature>/translations/`` for the strings in its own
code and templates, so features can be written side by side without fighting over one
``messages.po``. The shared catalogue ``training/translations/`` covers the factory, the
CLI, ``core``, ``demo`` and the shared templates. Flask-Babel merges them all at run time.
"""

from pathlib import Path

SHARED_SOURCES = ("app.py", "cli.py", "config.py", "extensions.py", "__init__.py", "core", "templates", "demo")
LOCALES = ("vi", "en")


def catalogues(package_root):
    """Return ``[(catalogue_dir, [source paths])]`` for the ``training`` package at ``package_root``."""
    root = Path(package_root)
    result = [(root / "translations", [root / name for name in SHARED_SOURCES if (root / name).exists()])]
    for child in sorted(root.iterdir()):
        if child.is_dir() and child.name not in SHARED_SOURCES and (child / "translations").is_dir():
            result.append((child / "translations", [child]))
    return result
