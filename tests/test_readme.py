"""The README documents every configuration key and every command (so it stays true)."""

import click

from tests.paths import ROOT
from training.config import DOCUMENTED_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    head = README[:2500]
    assert "make run" in head and "make test" in head


def test_every_configuration_key_is_documented():
    missing = [key for key in DOCUMENTED_KEYS if f"| `{key}` |" not in README]
    assert not missing, missing


def _commands(group, prefix):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_documented(app):
    ours = [c for c in _commands(app.cli, "flask") if not c.startswith(("flask db", "flask routes", "flask shell",
                                                                           "flask run"))]
    missing = [c for c in ours if f"`{c}" not in README]
    assert not missing, missing
