"""Find phrases, words, sentences and numbers in an answer, with offsets into the answer (pure).

Answers are compared in Unicode NFC, case-insensitively, on whole words. Diacritics are
handled in one of three modes:

* ``EXACT``: letters must carry the same diacritics ("miễn" finds only "miễn");
* ``LENIENT`` (default): a letter typed *without* diacritics matches any accented form
  ("mien binh luan" finds "miễn bình luận"), but a letter typed *with* diacritics must be
  the right one, so "thường" (usually) never counts as "thương" (to care);
* ``FOLDED``: diacritics are ignored on both sides (``training.core.text.fold``).

Rather than folding the answer and mapping offsets back, each phrase becomes a regular
expression whose letters are character classes of their accepted forms (built with
``fold``). The expression runs on the NFC answer itself, so every match is an exact
substring of it with its own start and end offsets, ready to be highlighted.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from training.core.text import fold, nfc

EXACT, LENIENT, FOLDED = "exact", "lenient", "folded"
MODES = (EXACT, LENIENT, FOLDED)
NUMBER_PLACEHOLDER = "{N}"
_NUMBER_SOURCE = r"\d+(?:[.,:h]\d+)?"
# A number: digits with thousands or decimal separators, optionally joined by ":" or "/" (02:00, 24/7, 3/6).
# Letters may follow ("72h", "3km"); a letter or sign before it makes it part of a code ("F28", "D+1").
NUMBER = re.compile(r"(?<![\w+\-/.,:])(\d+(?:[.,]\d+)*(?:[:/]\d+(?:[.,]\d+)*)*)")
WORD = re.compile(r"\w+(?:[.,:/'’-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n+")
# Letters that carry diacritics, grouped by their folded base letter, for the FOLDED mode.
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))


@dataclass(frozen=True)
class Span:
    """A match: ``text[start:end]`` of the NFC answer, and the phrase (or value) that found it."""

    start: int
    end: int
    text: str
    phrase: str


@lru_cache(maxsize=1)
def _folded_letters():
    groups = {}
    for low, high in _LATIN_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            if char.isalpha():
                base = fold(char)
                if len(base) == 1:
                    groups.setdefault(base, set()).add(char)
    return {base: "".join(sorted(chars)) for base, chars in groups.items()}


def _letter_source(char, mode):
    """Return the regex source that matches ``char`` in ``mode`` (case is handled by IGNORECASE)."""
    if not char.isalpha():
        return re.escape(char)
    base = fold(char)
    if mode == EXACT or len(base) != 1:
        return re.escape(char)
    if mode == FOLDED:
        return "[" + re.escape(_folded_letters().get(base, char + base)) + "]"
    if base == char.casefold():
        return re.escape(char)
    return "[" + re.escape(char + base) + "]"


def phrase_source(phrase, mode=LENIENT):
    """Return the regex source matching ``phrase`` word for word (any run of spaces between words)."""
    words = nfc(phrase).split()
    parts = []
    for word in words:
        chunks = word.split(NUMBER_PLACEHOLDER)
        parts.append(_NUMBER_SOURCE.join("".join(_letter_source(c, mode) for c in chunk) for chunk in chunks))
    return r"\s+".join(parts)


@lru_cache(maxsize=512)
def _compiled(phrases, mode):
    # Longest phrases first: at one position the alternation takes the first that matches.
    ordered = sorted({nfc(p).strip() for p in phrases if p and p.strip()}, key=lambda p: (-len(p), p))
    if not ordered:
        return None, ()
    body = "|".join(f"(?P<p{i}>{phrase_source(p, mode)})" for i, p in enumerate(ordered))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), tuple(ordered)


def find_phrases(text, phrases, mode=LENIENT):
    """Return the non-overlapping matches of any of ``phrases`` in ``nfc(text)``, left to right."""
    if mode not in MODES:
        raise ValueError(f"unknown matching mode {mode!r}")
    pattern, ordered = _compiled(tuple(phrases), mode)
    if pattern is None or not text:
        return ()
    text = nfc(text)
    spans = []
    for match in pattern.finditer(text):
        phrase = ordered[int(match.lastgroup[1:])]
        spans.append(Span(match.start(), match.end(), match.group(), phrase))
    return tuple(spans)


def find_pair(text, openers, closers, mode=LENIENT, within=80):
    """Return spans where an opener is followed by a closer in the same sentence ("nếu ... thì")."""
    text = nfc(text or "")
    first = "|".join(phrase_source(p, mode) for p in openers)
    second = "|".join(phrase_source(p, mode) for p in closers)
    pattern = re.compile(rf"(?<!\w)(?:{first})(?!\w)[^.!?…\n]{{1,{within}}}?(?<!\w)(?:{second})(?!\w)",
                         re.IGNORECASE)
    return tuple(Span(m.start(), m.end(), m.group(), "") for m in pattern.finditer(text))


def words(text):
    """Return the words of ``text`` (Vietnamese syllables; "2,3" and "24/7" count as one)."""
    return WORD.findall(nfc(text or ""))


def sentences(text, abbreviations=()):
    """Return the sentences of ``nfc(text)`` as spans (a full stop after an abbreviation does not count)."""
    text = nfc(text or "")
    result, start = [], 0
    for end_match in _SENTENCE_END.finditer(text):
        before = text[start:end_match.start()].split()
        if end_match.group() == "." and before and _is_abbreviation(before[-1], abbreviations):
            continue
        _append_sentence(result, text, start, end_match.end())
        start = end_match.end()
    _append_sentence(result, text, start, len(text))
    return tuple(result)


def _is_abbreviation(word, abbreviations):
    # A single capital is an initial ("bà N."), not the end of a sentence.
    return word in abbreviations or (len(word) == 1 and word.isupper())


def _append_sentence(result, text, start, end):
    piece = text[start:end]
    if piece.strip():
        offset = start + len(piece) - len(piece.lstrip())
        result.append(Span(offset, end, text[offset:end].rstrip(), ""))


def number_values(token):
    """Return the possible values of a number written in Vietnamese or English style.

    "2,3" is 2.3 and "1.200" is 1200 in Vietnamese; "2.3" is read as English 2.3, and "1,200"
    has both readings (English 1200, or 1.2) so a match on either counts. A token joined by ":" or
    "/" (02:00, 24/7) is a tuple of its parts.
    """
    parts = re.split(r"([:/])", token)
    readings = [()]
    for part in parts:
        if part in (":", "/"):
            readings = [r + (part,) for r in readings]
            continue
        readings = [r + (value,) for r in readings for value in _part_values(part)]
    return frozenset("".join(str(p) for p in reading) for reading in readings)


def _part_values(part):
    candidates = set()
    if "." in part and "," in part:
        candidates.add(part.replace(".", "").replace(",", "."))
    elif "." in part or "," in part:
        separator = "." if "." in part else ","
        groups = part.split(separator)
        thousands = all(len(g) == 3 for g in groups[1:])
        if thousands:
            candidates.add("".join(groups))
        # "1.200" is Vietnamese for 1200; "1,200" may be English for it, or 1.2 written with zeros.
        if len(groups) == 2 and not (thousands and separator == "."):
            candidates.add(groups[0] + "." + groups[1])
    else:
        candidates.add(part)
    values = set()
    for candidate in candidates:
        try:
            values.add(_plain(Decimal(candidate)))
        except InvalidOperation:
            continue
    return values or {part}


def _plain(value):
    normal = value.normalize()
    return format(normal, "f") if normal == normal.to_integral() else str(normal)


def find_numbers(text):
    """Return the numbers in ``nfc(text)`` as spans (``phrase`` holds the token)."""
    text = nfc(text or "")
    return tuple(Span(m.start(1), m.end(1), m.group(1), m.group(1)) for m in NUMBER.finditer(text))


def known_values(texts):
    """Return every value of the numbers in ``texts``.

    The parts of a fraction or date count too ("3/6 điểm" supports "3 trên 6 điểm"). A clock
    time adds its hour as ``clock:H`` ("02:00" supports "2 giờ" but not "2 km").
    """
    values = set()
    for text in texts:
        for span in find_numbers(text):
            values |= number_values(span.text)
            if ":" in span.text:
                values |= {f"clock:{value}" for value in number_values(span.text.split(":")[0])}
            elif "/" in span.text:
                for part in span.text.split("/"):
                    values |= number_values(part)
    return frozenset(values)


@lru_cache(maxsize=64)
def _suffix(phrases, mode):
    pattern, _ordered = _compiled(phrases, mode)
    return re.compile(pattern.pattern + r"\s*$", re.IGNORECASE) if pattern else None


def preceded_by(text, start, phrases, mode=LENIENT):
    """Return whether one of ``phrases`` ends right before ``start`` of ``nfc(text)`` (spaces between)."""
    pattern = _suffix(tuple(phrases), mode)
    return bool(pattern and pattern.search(nfc(text)[:start]))
