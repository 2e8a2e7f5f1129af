"""A short Vietnamese summary written from the report's figures (pure).

The report is an official Vietnamese document, so these sentences are Vietnamese data, not
translatable interface strings. Every number comes from the figures; nothing is invented, and
a sentence whose figures are missing (no quiz taken, no previous period) is left out.
"""

from decimal import Decimal

from training.reports.figures import path_key
from training.reports.formatting import format_decimal, format_int, format_percent
from training.reports.periods import RANGE

LOW_COVERAGE = Decimal(50)
MAX_NAMES = 5


def narrative(report, low=LOW_COVERAGE, max_names=MAX_NAMES):
    """Return the summary paragraphs (Vietnamese) of a :class:`~training.reports.figures.CoverageReport`."""
    paragraphs = [_coverage(report), _activity(report)]
    paragraphs.append(_results(report.total))
    paragraphs.append(_units(report, low, max_names))
    paragraphs.append(_attention(report))
    return [p for p in paragraphs if p]


def _fraction(certified, spokespersons):
    return f"{format_int(certified)}/{format_int(spokespersons)}"


def _coverage(report):
    total = report.total
    if not total.spokespersons:
        return f"{report.period.during}, phạm vi báo cáo chưa có người phát ngôn nào được cử."
    text = (f"{report.period.during}, {_fraction(total.certified_spokespersons, total.spokespersons)} "
            f"người phát ngôn ({format_percent(total.coverage)}) đã có giấy chứng nhận bồi dưỡng còn hiệu lực")
    previous = report.previous_total
    if previous is not None and report.previous_period is not None:
        text += _comparison(total, previous, report.previous_period)
    return text + "."


def _comparison(total, previous, period):
    delta = total.certified_spokespersons - previous.certified_spokespersons
    compared = period.phrase if period.kind != RANGE else f"kỳ liền trước ({period.phrase})"
    if delta > 0:
        text = f", tăng {format_int(delta)} người so với {compared}"
    elif delta < 0:
        text = f", giảm {format_int(-delta)} người so với {compared}"
    else:
        text = f", không thay đổi so với {compared}"
    if previous.spokespersons:
        fraction = _fraction(previous.certified_spokespersons, previous.spokespersons)
        text += f" ({fraction}, {format_percent(previous.coverage)})"
    return text


def _activity(report):
    total = report.total
    text = f"Phạm vi báo cáo có {format_int(total.people)} cán bộ"
    if not total.enrolled:
        return text + "; chưa có lượt ghi danh khóa bồi dưỡng nào."
    text += (f"; các khóa bồi dưỡng có {format_int(total.enrolled)} lượt ghi danh, "
             f"{format_int(total.completed_in_period)} lượt hoàn thành trong kỳ "
             f"(lũy kế {format_int(total.completed_ever)} lượt hoàn thành)")
    if total.overdue:
        text += f"; {format_int(total.overdue)} lượt đã quá hạn nhưng chưa hoàn thành"
    return text + "."


def _results(total):
    parts = []
    if total.average_quiz_score is not None:
        parts.append(f"điểm bình quân các bài kiểm tra đạt {format_decimal(total.average_quiz_score)}/100 "
                     f"({format_int(total.quiz_scored)} bài làm)")
    if total.simulation_pass_rate is not None:
        parts.append(f"tỷ lệ đạt bài thực hành họp báo mô phỏng là {format_percent(total.simulation_pass_rate)} "
                     f"({format_int(total.simulation_passed)}/{format_int(total.simulation_runs)} lượt)")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _names(units, max_names):
    shown = [f"{u.name} ({_fraction(u.certified_spokespersons, u.spokespersons)})" for u in units[:max_names]]
    text = ", ".join(shown)
    if len(units) > max_names:
        text += f" và {format_int(len(units) - max_names)} đơn vị khác"
    return text


def _units(report, low, max_names):
    # Leaf units are the ones that designate spokespersons; a parent's rate mixes its children.
    leaves = [u for u in report.units if not u.children]
    with_spokespersons = [u for u in leaves if u.spokespersons]
    if not with_spokespersons:
        return ""
    full = [u for u in with_spokespersons if u.certified_spokespersons == u.spokespersons]
    text = (f"Có {format_int(len(full))}/{format_int(len(with_spokespersons))} đơn vị có toàn bộ người phát ngôn "
            f"đã có giấy chứng nhận còn hiệu lực")
    lows = sorted((u for u in with_spokespersons if u.coverage < low), key=lambda u: (u.coverage, path_key(u.path)))
    if lows:
        threshold = f"{format_int(int(low))}%" if low == int(low) else format_percent(low)
        text += f". Các đơn vị có tỷ lệ dưới {threshold}: {_names(lows, max_names)}"
    without = len(leaves) - len(with_spokespersons)
    if without:
        text += f". Còn {format_int(without)} đơn vị chưa có người phát ngôn trong hệ thống"
    return text + "."


def _attention(report):
    parts = []
    if report.total.uncertified_spokespersons:
        parts.append(f"{format_int(report.total.uncertified_spokespersons)} người phát ngôn chưa có giấy chứng "
                     f"nhận còn hiệu lực")
    if report.expiring:
        parts.append(f"{format_int(len(report.expiring))} giấy chứng nhận sẽ hết hạn trong "
                     f"{format_int(report.expiring_days)} ngày tới")
    if report.overdue:
        parts.append(f"{format_int(len(report.overdue))} lượt học viên quá hạn hoàn thành")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]
    return ("Hiện có " + listed + " (danh sách kèm theo); đề nghị các đơn vị bố trí cho cán bộ "
            "tham gia bồi dưỡng, hoàn thành khóa học đúng hạn.")
