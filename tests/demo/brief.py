"""Read the content brief (../shared/content/content-brief.md) so tests compare the demo content with it."""

import re
from functools import cache

from tests.paths import SHARED

BRIEF = SHARED / "content" / "content-brief.md"
# Items the brief marks [UNVERIFIED] (section 2.8 tally, plus the unverified halves of W3, W6, W7).
UNVERIFIED = frozenset({"F15", "F20", "F23", "F29", "F35", "F45", "F55", "W3-issued", "W6", "W7"})


@cache
def text():
    """Return the brief's text; fail loudly when the shared folder is missing."""
    assert BRIEF.exists(), f"content brief not found: {BRIEF} (set TRAINING_SHARED_DIR)"
    return BRIEF.read_text(encoding="utf-8")


def section(start, end):
    """Return the brief between the headings that start with ``start`` and ``end``."""
    return text().split(start, 1)[1].split(end, 1)[0]


def _clean_outline(value):
    """An outline line as a title: no fact references, English glosses, bold, appendix pointers."""
    value = re.sub(r"\s*—\s*Hoạt động:.*$", "", value)
    value = re.sub(r"\s*\*\([^)]*\)\*", "", value)  # *(F01, W1)* fact references
    value = re.sub(r"\s*\(\*[^*()]+\*\)", "", value)  # (*English gloss*)
    value = re.sub(r"\s*—\s*mẫu ở Phụ lục B", "", value)
    value = re.sub(r"\.\s*\*\*Mẫu văn bản\*\* ở Phụ lục B\.?", "", value)
    value = value.replace(" (mục 6)", "").replace("**", "")
    value = re.sub(r"\*([^*]+)\*", r"\1", value)
    value = re.sub(r"\s*—\s*F\d+\w*", "", value)
    return value.strip().rstrip(".").strip()


@cache
def outline():
    """Return ``[(course title, [(module title, [lesson titles])])]`` from section 4."""
    courses = []
    for line in section("## 4. Đề cương", "## 5. Ngân hàng").splitlines():
        if m := re.match(r"^### KHÓA \d — (.*)$", line):
            courses.append((_clean_outline(m.group(1)), []))
        elif m := re.match(r"^\*\*Module \d\.\d – (.*)\*\*$", line):
            courses[-1][1].append((_clean_outline(m.group(1)), []))
        elif m := re.match(r"^- Bài \d+: (.*)$", line):
            courses[-1][1][-1][1].append(_clean_outline(m.group(1)))
    return courses


def _clean_quiz(value):
    value = value.replace("**", "")
    value = re.sub(r"\s*\*\([^)]*\)\*\s*$", "", value)  # trailing English gloss
    return re.sub(r"\*([^*]+)\*", r"\1", value).strip()


@cache
def questions():
    """Return ``{"Q1": {"type": "SC", "text": ..., "choices": [...], "answer": "C", "line": ...}}`` from section 5."""
    found, current = {}, None
    for line in section("## 5. Ngân hàng", "## 6. Ba kịch bản").splitlines():
        if m := re.match(r"^\*\*Q(\d+)\. \[(SC|MC|TF)\]\*\* (.*)$", line):
            current = found[f"Q{m.group(1)}"] = {"type": m.group(2), "text": _clean_quiz(m.group(3)), "choices": []}
        elif current is not None and line.startswith("A. "):
            current["choices"] = [_clean_quiz(re.sub(r"^[A-E]\. ", "", part)) for part in line.split(" · ")]
        elif current is not None and (m := re.match(r"^\*\*Đáp án: ([^*]+)\*\*(.*)$", line)):
            current["answer"], current["line"] = m.group(1).strip(), m.group(2)
            current = None
    return found
