"""Certificate serials and verification codes (pure).

A serial is the human number of the register (``GCN-2026-000123``), made from a pattern the
administrators configure and a sequence number the database hands out. It is public: it appears
in the verification link and in file names. The verification code is the secret half: random,
from an alphabet without look-alike characters so it can be typed from paper, and grouped for
reading (``K7QX-3MNP-2R``).
"""

import hmac
import re
import secrets
import string
from dataclasses import dataclass

from training.core.messages import N_, Issue

DEFAULT_PATTERN = "GCN-{year}-{seq:06d}"
# No 0/O, 1/I/L: a code read aloud over the phone or typed from a printout stays unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31**10, about 2**49 codes per serial; the verify page is rate-limited too
MIN_CODE_LENGTH = 10
CODE_GROUP = 4
# Letters, digits and - . _ only: a serial goes into URLs (/verify/<serial>) and file names.
_LITERAL = re.compile(r"[A-Za-z0-9._-]*")
# "{seq:06d}" pads with zeros; "{seq:6d}" would pad with spaces, which have no place in a URL.
_SEQ_SPEC = re.compile(r"(?:0([1-9]\d?))?d")
# Dashes that word processors substitute for "-" when a serial is copied from a document.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-"})


@dataclass(frozen=True)
class SerialPattern:
    """A checked pattern: the text to format and the regular expression that reads it back."""

    pattern: str
    regex: re.Pattern

    def format(self, seq, year):
        """Return the serial of sequence number ``seq`` in ``year``."""
        if not isinstance(seq, int) or seq < 1:
            raise ValueError("the sequence number must be a positive integer")
        if not 1000 <= year <= 9999:
            raise ValueError("the year must have four digits")
        # Upper case, as normalize_serial() reads a typed serial back.
        return self.pattern.format(seq=seq, year=year).upper()

    def parse(self, serial):
        """Return ``(year or None, seq)`` read from ``serial``, or ``None`` if it does not match."""
        match = self.regex.fullmatch(normalize_serial(serial))
        if not match:
            return None
        year = match.groupdict().get("year")
        return (int(year) if year else None), int(match.group("seq"))


def _pattern_issue(pattern):
    """Return ``(issue, regex)``: why ``pattern`` is unusable, or the regex that parses it."""
    parts, seen = [], set()
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError:
        return Issue(N_("The serial pattern has unbalanced braces.")), None
    for literal, name, spec, conversion in fields:
        if not _LITERAL.fullmatch(literal):
            return Issue(N_("A serial may contain only letters, digits and - . _ besides {year} and {seq}.")), None
        parts.append(re.escape(literal.upper()))
        if name is None:
            continue
        if name not in ("year", "seq") or conversion or name in seen:
            return Issue(N_("The serial pattern may use {year} and {seq} once each, and nothing else.")), None
        seen.add(name)
        if name == "year":
            if spec not in ("", "d", "04d"):
                return Issue(N_("Write the year as {year}.")), None
            parts.append(r"(?P<year>\d{4})")
        else:
            spec_match = _SEQ_SPEC.fullmatch(spec or "d")
            if not spec_match:
                return Issue(N_("Write the number as {seq} or with a width such as {seq:06d}.")), None
            digits = int(spec_match.group(1) or 1)
            parts.append(rf"(?P<seq>\d{{{digits},}})")
    if "seq" not in seen:
        return Issue(N_("The serial pattern needs {seq}, the running number.")), None
    if len(pattern) > 60:
        return Issue(N_("The serial pattern is too long (at most %(limit)s characters)."), params={"limit": 60}), None
    return None, re.compile("".join(parts))


def check_pattern(pattern):
    """Return ``None`` if ``pattern`` can number certificates, or an :class:`Issue` saying why not."""
    return _pattern_issue(pattern)[0]


def compile_pattern(pattern=DEFAULT_PATTERN):
    """Return the :class:`SerialPattern` for ``pattern``.

    :raises ValueError: when :func:`check_pattern` refuses it.
    """
    issue, regex = _pattern_issue(pattern)
    if issue is not None:
        raise ValueError(issue.message % issue.params if issue.params else issue.message)
    return SerialPattern(pattern, regex)


def format_serial(seq, year, pattern=DEFAULT_PATTERN):
    """Return the serial of sequence number ``seq`` in ``year`` (``GCN-2026-000123``)."""
    return compile_pattern(pattern).format(seq, year)


def parse_serial(serial, pattern=DEFAULT_PATTERN):
    """Return ``(year, seq)`` read from ``serial``, or ``None`` if it is not of ``pattern``."""
    return compile_pattern(pattern).parse(serial)


def normalize_serial(text):
    """Return a typed or pasted serial as stored: trimmed, upper case, plain hyphens."""
    return "".join((text or "").translate(_DASHES).split()).upper()


def new_verification_code(length=CODE_LENGTH):
    """Return a new random verification code of ``length`` characters, grouped (``K7QX-3MNP-2R``)."""
    if length < MIN_CODE_LENGTH:
        raise ValueError(f"a verification code needs at least {MIN_CODE_LENGTH} characters")
    return group_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(length)))


def group_code(code):
    """Return ``code`` in groups of four separated by hyphens."""
    raw = normalize_code(code)
    return "-".join(raw[start:start + CODE_GROUP] for start in range(0, len(raw), CODE_GROUP))


def normalize_code(text):
    """Return a typed code without spaces or hyphens, in upper case (``k7qx 3mnp-2r`` -> ``K7QX3MNP2R``)."""
    return "".join(char for char in normalize_serial(text) if char != "-")


def codes_match(stored, typed):
    """Tell whether ``typed`` is the ``stored`` code, comparing in constant time."""
    expected, given = normalize_code(stored), normalize_code(typed)
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())
