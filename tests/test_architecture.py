"""The rules of docs/architecture.md that a machine can check."""

import ast
import subprocess
import sys

import pytest

from tests.paths import ROOT

TRAINING = ROOT / "training"


def _pure_modules():
    """Modules whose docstring's first line says "(pure": they must not load Flask or SQLAlchemy."""
    found = []
    for path in sorted((ROOT / "training").rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if "(pure" in (doc.strip().splitlines() or [""])[0]:
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


PURE_MODULES = _pure_modules()
# Feature order: a feature may import only features to its left (DESIGN.md section 3).
FEATURE_ORDER = ["core", "orgunits", "accounts", "courses", "quizzes", "simulations", "certificates", "reports"]
SIBLINGS = {("quizzes", "simulations"), ("simulations", "quizzes")}


def test_the_pure_layer_is_found():
    for expected in ("training.core.text", "training.quizzes.grading", "training.simulations.analysis",
                     "training.certificates.pdf", "training.reports.figures", "training.courses.outline"):
        assert expected in PURE_MODULES


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_loads_neither_flask_nor_sqlalchemy(module):
    code = (f"import sys, {module}; bad = [m for m in ('flask', 'sqlalchemy', 'flask_sqlalchemy') if m in sys.modules];"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


def _python_files():
    return sorted(p for p in TRAINING.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_features_import_only_to_their_left():
    problems = []
    for path in _python_files():
        parts = path.relative_to(TRAINING).parts
        if len(parts) < 2 or parts[0] not in FEATURE_ORDER:
            continue
        own = parts[0]
        for module in _imports(path):
            pieces = module.split(".")
            if pieces[0] != "training" or len(pieces) < 2 or pieces[1] not in FEATURE_ORDER:
                continue
            other = pieces[1]
            if other == own:
                continue
            if FEATURE_ORDER.index(other) > FEATURE_ORDER.index(own) or (own, other) in SIBLINGS:
                problems.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not problems, "\n".join(problems)


def test_every_module_has_a_docstring():
    missing = [str(p.relative_to(ROOT)) for p in _python_files() if ast.get_docstring(ast.parse(p.read_text())) is None]
    assert not missing, missing


def test_modules_stay_small():
    too_long = {str(p.relative_to(ROOT)): n for p in _python_files() if (n := len(p.read_text().splitlines())) > 450}
    assert not too_long, too_long


def test_no_asset_is_loaded_from_the_internet():
    offenders = []
    for path in TRAINING.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'href="http://', 'src="//', 'href="//', "@import url(http"):
            if marker in text:
                offenders.append(f"{path.relative_to(ROOT)}: {marker}")
    for path in (TRAINING / "static").rglob("*.css"):
        if "url(http" in path.read_text(encoding="utf-8"):
            offenders.append(str(path))
    assert not offenders, offenders


def test_services_never_touch_the_request():
    forbidden = {"flask.request", "flask.session", "flask_login.current_user", "flask.flash", "flask.url_for"}
    problems = []
    for path in TRAINING.rglob("services.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("flask", "flask_login"):
                for alias in node.names:
                    if f"{node.module}.{alias.name}" in forbidden:
                        problems.append(f"{path.relative_to(ROOT)} imports {alias.name}")
    assert not problems, problems
