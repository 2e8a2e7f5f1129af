"""Explainable automatic checks on a spokesperson's answers (pure).

Each check is a small function in the ``CHECKS`` registry, one per finding kind of
DESIGN.md section 7. A check reads one answer in its context (the scenario, the prompt, the
numbers on record) and returns findings that name the matched words with their offsets, so
the debrief can highlight them and say why. The phrase lists live in ``phrases.py``; the
rubric mapping is in ``scoring.py`` (``score_run`` is re-exported here).

The checks are heuristics that point a trainer at likely problems; the trainer's score is final.
"""

import re
from collections import Counter
from dataclasses import dataclass

from training.core.messages import N_
from training.core.text import nfc
from training.simulations import phrases
from training.simulations.findings import GOOD, NOTE, RED_FLAG, WARNING, Answer, Finding
from training.simulations.matching import (
    LENIENT,
    find_numbers,
    find_pair,
    find_phrases,
    known_values,
    number_values,
    preceded_by,
    sentences,
    words,
)
from training.simulations.model import EMPATHY_TONES, NUMBER_FLAG, RESTRICTED_FLAG, SPOKEN_CHANNELS
from training.simulations.scoring import score_run

__all__ = ["CHECKS", "Answer", "Context", "Finding", "analyse_answer", "analyse_run", "key_message_counts",
           "known_numbers", "score_run"]

# A document number such as "09/2017/NĐ-CP" continues with a slash and letters.
_DOCUMENT_SUFFIX = re.compile(r"/\s*[^\W\d_]")
# A number followed by "giờ" or "h" may be a clock hour ("2 giờ sáng" for the on-record "02:00").
_HOUR_SUFFIX = re.compile(r"\s*(?:giờ|gio|h)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What a check needs: the scenario, the prompt, the NFC answer text, and the numbers on record."""

    scenario: object
    prompt: object
    text: str
    seconds: int | None
    known: frozenset
    mode: str = LENIENT

    @property
    def flag_ids(self):
        """Return the ids of the rubric's red flags."""
        return {flag.id for flag in self.scenario.rubric.red_flags}

    def find(self, cues):
        """Return the matches of ``cues`` in the answer."""
        return find_phrases(self.text, tuple(cues), self.mode)

    def finding(self, kind, level, detail, span=None, **extra):
        """Return a finding on this answer, at ``span`` if given."""
        if span is not None:
            extra.update(match=span.text, start=span.start, end=span.end)
        return Finding(self.prompt.id, kind, level, detail, **extra)


def known_numbers(scenario):
    """Return the number values a spokesperson may quote: on-record facts, key messages, the brief."""
    texts = [fact.text for fact in scenario.on_record]
    texts += [message.text for message in scenario.key_messages]
    texts += [scenario.situation, scenario.role, scenario.title]
    return known_values(texts)


def check_key_messages(ctx):
    """Report each key message the answer delivers (its first cue phrase)."""
    result = []
    for message in ctx.scenario.key_messages:
        spans = ctx.find(message.cues)
        if spans:
            result.append(ctx.finding("key_message", GOOD, N_("Key message delivered: %(message)s."), spans[0],
                                      params={"message": message.title}, ref=message.id))
    return result


def check_restricted(ctx):
    """Report every cue phrase that discloses a restricted item (a red flag), with the legal ground."""
    flag = RESTRICTED_FLAG if RESTRICTED_FLAG in ctx.flag_ids else ""
    result = []
    for item in ctx.scenario.restricted:
        for span in ctx.find(item.cues):
            result.append(ctx.finding(
                "restricted_disclosure", RED_FLAG if flag else WARNING,
                N_("Restricted information disclosed: %(item)s. Why it is withheld: %(ground)s."), span,
                params={"item": item.label, "ground": item.legal_ground}, ref=item.id, red_flag=flag))
    return result


def check_evasive(ctx):
    """Report "no comment" and similar phrases."""
    return [ctx.finding("evasive", WARNING, N_("Evasive phrase: after \"no comment\" the public assumes the worst; "
                                               "say what you can, and when more will be known."), span)
            for span in ctx.find(phrases.EVASIVE)]


def check_speculation(ctx):
    """Report guesses, and "if ... then" answers to hypothetical questions."""
    result = [ctx.finding("speculation", WARNING, N_("Speculation: say what is known, what is not known yet and "
                                                     "what is being done to find out."), span)
              for span in ctx.find(phrases.SPECULATION)]
    if ctx.scenario.tone(ctx.prompt) == "hypothetical":
        for span in find_pair(ctx.text, phrases.HYPOTHETICAL_IF, phrases.HYPOTHETICAL_THEN, ctx.mode):
            result.append(ctx.finding("speculation", WARNING, N_("Answers the hypothetical question (\"if ... "
                                                                 "then\"): explain the procedure that will be "
                                                                 "followed instead."), span, ref="hypothetical"))
    return result


def check_numbers(ctx):
    """Report numbers that are not on record (references, clock times and restricted figures excepted)."""
    flag = NUMBER_FLAG if NUMBER_FLAG in ctx.flag_ids else ""
    allowed = ctx.known | known_values([ctx.prompt.text])
    # A restricted figure ("1,46 tỷ") is already a disclosure; one red flag for it is enough.
    disclosed = [span for item in ctx.scenario.restricted for span in ctx.find(item.cues)]
    result = []
    for span in find_numbers(ctx.text):
        if _is_reference(ctx.text, span, ctx.mode) or any(d.start <= span.start < d.end for d in disclosed):
            continue
        values = number_values(span.text)
        parts = [number_values(part) for part in span.text.split("/")] if "/" in span.text else [values]
        hours = {f"clock:{value}" for value in values} if _HOUR_SUFFIX.match(ctx.text, span.end) else set()
        if values & allowed or hours & allowed or all(part & allowed for part in parts):
            continue
        result.append(ctx.finding(
            "unsupported_number", RED_FLAG if flag else WARNING,
            N_("The figure %(number)s is not in the on-record facts: check it, or do not give it."), span,
            params={"number": span.text}, ref=min(values), red_flag=flag))
    return result


def _is_reference(text, span, mode):
    if _DOCUMENT_SUFFIX.match(text, span.end):
        return True
    return (preceded_by(text, span.start, phrases.NUMBER_REFERENCE_WORDS, mode)
            or preceded_by(text, span.start, phrases.CLOCK_WORDS, mode))


def check_loaded_words(ctx):
    """Report the journalist's loaded words repeated in the answer."""
    return [ctx.finding("loaded_words", WARNING, N_("Repeats the loaded words \"%(words)s\": answer without them."),
                        span, params={"words": span.text}, ref=span.phrase)
            for span in ctx.find(ctx.prompt.loaded_words)]


def check_empathy(ctx):
    """On emotional and hostile prompts, report whether the worry is acknowledged, and whether first."""
    if ctx.scenario.tone(ctx.prompt) not in EMPATHY_TONES:
        return []
    spans = ctx.find(phrases.EMPATHY)
    if not spans:
        return [ctx.finding("empathy", WARNING, N_("No words of empathy on an emotional or hostile question: "
                                                   "acknowledge the worry or anger first."))]
    opening = sentences(ctx.text, phrases.ABBREVIATIONS)[:2]
    if opening and spans[0].start < opening[-1].end:
        return [ctx.finding("empathy", GOOD, N_("Acknowledges the worry before giving facts."), spans[0])]
    return [ctx.finding("empathy", NOTE, N_("Empathy comes only after the facts: acknowledge the worry first."),
                        spans[0])]


def check_commitment(ctx):
    """Report a time for updates, a channel and advice to the public; expect them on follow-up prompts."""
    result = []
    for ref, cues, detail in (
            ("time", phrases.COMMITMENT_TIME, N_("Gives a time for the next update.")),
            ("channel", phrases.COMMITMENT_CHANNEL, N_("Names the channel where updates will appear.")),
            ("advice", phrases.ADVICE, N_("Gives the public concrete advice."))):
        spans = ctx.find(cues)
        if spans:
            result.append(ctx.finding("commitment", GOOD, detail, spans[0], ref=ref))
    expected = ctx.scenario.tone(ctx.prompt) == "follow_up" or ctx.prompt.channel == "holding_statement"
    if expected and not any(f.ref in ("time", "channel") for f in result):
        result.append(ctx.finding("commitment", WARNING, N_("No time or channel for the next update: say when "
                                                            "and where more will be published."), ref="missing"))
    return result


def check_legal_basis(ctx):
    """When the answer withholds information (or the prompt probes restricted facts), look for a legal basis."""
    declines = ctx.find(phrases.DECLINE) or ctx.find(phrases.EVASIVE)
    if not declines and not ctx.prompt.touches:
        return []
    basis = ctx.find(phrases.LEGAL_BASIS)
    if basis:
        return [ctx.finding("legal_basis", GOOD, N_("Gives the legal basis for withholding information."), basis[0])]
    return [ctx.finding("legal_basis", WARNING, N_("Withholds information without a legal basis: cite Article 38(2) "
                                                   "of the Press Law 2016 (Article 8(3) of Decree 09/2017) and say "
                                                   "when the information is expected."),
                        declines[0] if declines else None, ref="missing")]


def check_length(ctx):
    """Report the word count and longest sentence; warn when too long to be quoted or broadcast."""
    count = len(words(ctx.text))
    if not count:
        return [ctx.finding("length", WARNING, N_("No answer was given."), ref="empty")]
    longest = max(sentences(ctx.text, phrases.ABBREVIATIONS), key=lambda s: len(words(s.text)))
    longest_words = len(words(longest.text))
    result = [ctx.finding("length", NOTE, N_("%(words)s words; the longest sentence has %(longest)s words."),
                          params={"words": count, "longest": longest_words}, ref="summary")]
    low, high = phrases.SOUND_BITE_WORDS
    spoken = ctx.prompt.channel in SPOKEN_CHANNELS
    if ctx.prompt.channel == "holding_statement" and count > phrases.MAX_HOLDING_WORDS:
        result.append(ctx.finding("length", WARNING, N_("%(words)s words: a holding statement has at most "
                                                        "%(limit)s words."),
                                  params={"words": count, "limit": phrases.MAX_HOLDING_WORDS}, ref="too_long"))
    elif spoken and count > phrases.MAX_SPOKEN_WORDS:
        result.append(ctx.finding("length", WARNING, N_("%(words)s words: too long for a spoken answer; aim for "
                                                        "%(low)s-%(high)s words (about 20 seconds) per point."),
                                  params={"words": count, "low": low, "high": high}, ref="too_long"))
    elif spoken and count < phrases.MIN_SPOKEN_WORDS:
        result.append(ctx.finding("length", WARNING, N_("%(words)s words: very short; give a fact and a key message."),
                                  params={"words": count}, ref="too_short"))
    if longest_words > phrases.MAX_SENTENCE_WORDS:
        result.append(ctx.finding("length", WARNING, N_("A sentence of %(longest)s words is too long to quote; keep "
                                                        "sentences under %(limit)s words."), longest,
                                  params={"longest": longest_words, "limit": phrases.MAX_SENTENCE_WORDS},
                                  ref="long_sentence"))
    return result


def check_late(ctx):
    """Report an answer given after the prompt's time limit."""
    if ctx.seconds is None or ctx.seconds <= ctx.prompt.time_limit:
        return []
    return [ctx.finding("late", WARNING, N_("Answered after %(seconds)s seconds; the limit is %(limit)s seconds."),
                        params={"seconds": ctx.seconds, "limit": ctx.prompt.time_limit})]


CHECKS = {
    "key_message": check_key_messages,
    "restricted_disclosure": check_restricted,
    "evasive": check_evasive,
    "speculation": check_speculation,
    "unsupported_number": check_numbers,
    "loaded_words": check_loaded_words,
    "empathy": check_empathy,
    "commitment": check_commitment,
    "legal_basis": check_legal_basis,
    "length": check_length,
    "late": check_late,
}


def _red_flag_cues(ctx, kind):
    """Return findings for the rubric red flags reported as ``kind`` whose cue phrases appear."""
    result = []
    for flag in ctx.scenario.rubric.red_flags:
        if flag.kind != kind or not flag.cues or (flag.prompts and ctx.prompt.id not in flag.prompts):
            continue
        for span in ctx.find(flag.cues):
            result.append(ctx.finding(kind, RED_FLAG, N_("Red flag: %(label)s."), span, params={"label": flag.label},
                                      ref=flag.id, red_flag=flag.id, translate=("label",)))
    return result


def analyse_answer(scenario, answer, *, mode=LENIENT, known=None, prompt=None):
    """Run every check on ``answer`` and return its findings, kind by kind, left to right.

    :param known: ``known_numbers(scenario)``, passed in when analysing many answers.
    :param prompt: the prompt answered, when it is not in the scenario (a question a trainer
        improvised in live mode); by default the scenario's prompt with the answer's id.
    :raises KeyError: if the answer's prompt is not in the scenario and none is given.
    """
    prompt = prompt or scenario.prompt(answer.prompt_id)
    if prompt is None:
        raise KeyError(answer.prompt_id)
    ctx = Context(scenario, prompt, nfc(answer.text or ""), answer.seconds,
                  known_numbers(scenario) if known is None else known, mode)
    findings = []
    for kind, check in CHECKS.items():
        found = list(check(ctx)) + _red_flag_cues(ctx, kind)
        findings.extend(sorted(found, key=lambda f: (f.start is None, f.start or 0)))
    return tuple(findings)


def analyse_run(scenario, answers, *, mode=LENIENT):
    """Return the findings of every answer, in answer order."""
    known = known_numbers(scenario)
    return tuple(f for answer in answers for f in analyse_answer(scenario, answer, mode=mode, known=known))


def key_message_counts(scenario, findings):
    """Return ``{key message id: number of answers that delivered it}`` in the scenario's order."""
    delivered = {(f.prompt_id, f.ref) for f in findings if f.kind == "key_message"}
    counts = Counter(ref for _prompt, ref in delivered)
    return {message.id: counts.get(message.id, 0) for message in scenario.key_messages}
