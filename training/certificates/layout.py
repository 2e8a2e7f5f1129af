"""Fitting text into a certificate: measuring, wrapping, shrinking, centring (pure).

Names and course titles come from people and can be long; they must shrink or wrap, never run
past the border. Wrapped centred lines are balanced (similar lengths) because a title broken
into one long line and a one-word orphan looks careless on a framed document.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

# A synthetic italic: the regular face sheared by about 12 degrees. A real italic would embed a
# third font, which costs as much time as the rest of the page (see docs/BENCHMARKS.md).
OBLIQUE_SHEAR = 0.21


@dataclass(frozen=True)
class Block:
    """Lines of text set in one font and size, with the leading between baselines."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float

    @property
    def height(self):
        """Return the distance from the first line's top to the last baseline."""
        return self.size + self.leading * (len(self.lines) - 1)


@lru_cache(maxsize=4096)
def _unit_width(text, font):
    return stringWidth(text, font, 1)


def width(text, font, size):
    """Return the width of ``text`` in points."""
    # Widths scale with the size, and reportlab measures TrueType text in pure Python: measure
    # each word once at size 1 and wrap by adding numbers (a page has thousands of trials).
    return _unit_width(text, font) * size


def _split_long_word(word, font, size, max_width):
    """Cut a word wider than the line (a URL, a name without spaces) into pieces that fit."""
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, font, size) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text, font, size, max_width):
    """Return ``text`` broken greedily into lines no wider than ``max_width``."""
    space = width(" ", font, size)
    lines, current, current_width = [], [], 0.0
    for word in text.split(" "):
        word_width = width(word, font, size)
        if word_width > max_width:
            if current:
                lines.append(" ".join(current))
            *whole, last = _split_long_word(word, font, size, max_width)
            lines.extend(whole)
            current, current_width = [last], width(last, font, size)
        elif current and current_width + space + word_width > max_width:
            lines.append(" ".join(current))
            current, current_width = [word], word_width
        else:
            current_width += (space if current else 0) + word_width
            current.append(word)
    if current or not lines:
        lines.append(" ".join(current))
    return lines


def wrap_url(url, font, size, max_width):
    """Return ``url`` in lines no wider than ``max_width``, broken after / ? & = where possible."""
    # Breaking "...?code=K7QX3MNP" inside the code would make it look like two codes.
    tokens = [token for token in re.split(r"(?<=[/?&=])", url) if token]
    lines, current = [], ""
    for token in tokens:
        if current and width(current + token, font, size) > max_width:
            lines.append(current)
            current = ""
        current += token
        if width(current, font, size) > max_width:
            *whole, current = _split_long_word(current, font, size, max_width)
            lines.extend(whole)
    return [*lines, current] if current else lines


def balanced_wrap(text, font, size, max_width):
    """Return ``text`` in as few lines as :func:`wrap` needs, but of similar lengths."""
    lines = wrap(text, font, size, max_width)
    if len(lines) == 1:
        return lines
    # The narrowest width that still needs no extra line gives the most even lines.
    low, high = max_width / len(lines), max_width
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap(text, font, size, middle)) > len(lines):
            low = middle
        else:
            high = middle
    return wrap(text, font, size, high)


def fit(text, font, size, max_width, max_lines=1, min_size=None, leading=1.22):
    """Return a :class:`Block` for ``text``: shrunk from ``size`` towards ``min_size`` until it
    fits ``max_lines`` lines of ``max_width``; at ``min_size`` it takes the lines it needs.
    """
    min_size = min_size or size
    current = size
    while True:
        lines = balanced_wrap(text, font, current, max_width)
        if len(lines) <= max_lines or current <= min_size:
            return Block(tuple(lines), font, current, round(current * leading, 2))
        current = max(min_size, current - 0.5)


def draw_centred(canvas, block, centre_x, baseline):
    """Draw ``block`` centred on ``centre_x``, first baseline at ``baseline``; return the last."""
    canvas.setFont(block.font, block.size)
    y = baseline
    for index, line in enumerate(block.lines):
        y = baseline - index * block.leading
        canvas.drawCentredString(centre_x, y, line)
    return y


def draw_oblique_centred(canvas, text, font, size, centre_x, baseline):
    """Draw one line of ``text`` centred and slanted like italic, without an italic font."""
    obj = canvas.beginText()
    obj.setFont(font, size)
    obj.setTextTransform(1, 0, OBLIQUE_SHEAR, 1, centre_x - width(text, font, size) / 2, baseline)
    obj.textOut(text)
    canvas.drawText(obj)
