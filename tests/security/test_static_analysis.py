"""Static analysis stays clean: bandit finds nothing of medium or high severity in the app."""

import json
import shutil
import subprocess
import sys

import pytest

from tests.paths import ROOT


def test_bandit_finds_no_medium_or_high_issue():
    bandit = shutil.which("bandit") or str(ROOT / ".venv" / "bin" / "bandit")
    if not shutil.os.path.exists(bandit):
        pytest.fail("bandit is not installed (make test installs requirements-dev.txt)")
    result = subprocess.run([bandit, "-q", "-r", "training", "-ll", "-f", "json"], cwd=ROOT, capture_output=True,
                            text=True, env={"PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin"})
    report = json.loads(result.stdout)
    issues = [f"{i['filename']}:{i['line_number']} {i['test_id']} {i['issue_text']}" for i in report["results"]]
    assert not issues, "\n".join(issues)
    assert sys.version_info >= (3, 11)
