"""Suggest rubric scores from the findings of a run (pure); the trainer's score is final.

Each criterion of the common rubric (content-brief section 6) gets a fraction of its points,
computed from the findings by a documented rule, with the reasons that moved it:

* legal (1): minus 1/2 per restricted item disclosed, minus 1/4 per answer that withholds
  information without a legal basis;
* accuracy (2): minus 1/4 per figure not on record and per answer with speculation;
* key_messages (3): each key message counts up to two deliveries (the rubric asks for at
  least two): delivered deliveries / (2 x number of messages);
* technique (4): minus 1/4 per answer with an evasive phrase, with the journalist's loaded
  words repeated, or with an "if ... then" answer to a hypothetical question;
* empathy (5): on emotional and hostile prompts, 1 when the worry is acknowledged first,
  1/2 when only after the facts, 0 when not at all (averaged; full marks when no such prompt
  was answered);
* action (6): a third each for a time for updates, a channel, and advice to the public
  anywhere in the run, minus 1/4 per follow-up prompt answered without a time or channel;
* delivery (7): the share of answers with no length warning that were not late (the text
  cannot show calm, eye contact or pace; the trainer judges those).

A red flag raised by cue phrases also takes 1/4 off the criterion it weighs on
(``RedFlag.weighs_on``: a promise beyond one's authority the legal criterion, blame or
reassurance before any result the accuracy, an insult the empathy and respect), as a human
grader would mark the criterion down besides the red-flag penalty.

Fractions stay within 0..1; points are rounded half up. Red flags are counted once per
distinct thing (a restricted item, a figure, a cue red flag), each minus its penalty. The
bonus is added when its cue appears early enough. The total stays within 0..max; the run
passes when the total reaches the threshold and there are fewer red flags than the limit.
"""

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from training.core.messages import N_
from training.simulations.findings import GOOD, NOTE, WARNING, Reason
from training.simulations.matching import find_phrases
from training.simulations.model import FIXED_FLAG_KINDS

QUARTER, HALF = Fraction(1, 4), Fraction(1, 2)


@dataclass(frozen=True)
class CriterionScore:
    """A suggested score for one criterion, with the reasons for it."""

    id: str
    label: str
    points: int
    score: int
    reasons: tuple = ()


@dataclass(frozen=True)
class RedFlagHit:
    """A red flag raised in the run: where it was first seen and what it costs."""

    id: str
    label: str
    penalty: int
    prompt_id: str
    match: str
    ref: str


@dataclass(frozen=True)
class BonusHit:
    """Bonus points earned, and the words that earned them."""

    label: str
    points: int
    prompt_id: str
    match: str


@dataclass(frozen=True)
class RubricScore:
    """The suggested rubric score of a run."""

    criteria: tuple
    red_flags: tuple
    bonus: BonusHit | None
    total: int
    max_points: int
    threshold: int
    passed: bool
    key_message_counts: dict


def key_message_counts(scenario, findings):
    """Return ``{key message id: number of answers that delivered it}`` in the scenario's order."""
    delivered = {(f.prompt_id, f.ref) for f in findings if f.kind == "key_message"}
    counts = Counter(ref for _prompt, ref in delivered)
    return {message.id: counts.get(message.id, 0) for message in scenario.key_messages}


def score_run(scenario, answers, findings):
    """Return the suggested ``RubricScore`` of a run from its answers and their findings."""
    rubric = scenario.rubric
    counts = key_message_counts(scenario, findings)
    rules = {"legal": _legal, "accuracy": _accuracy, "key_messages": _key_messages, "technique": _technique,
             "empathy": _empathy, "action": _action, "delivery": _delivery}
    flagged = _cue_flags_by_criterion(scenario, findings)
    criteria = []
    for criterion in rubric.criteria:
        fraction, reasons = rules[criterion.id](scenario, answers, findings, counts)
        if flagged.get(criterion.id):
            fraction -= flagged[criterion.id] * QUARTER
            reasons = [*reasons, Reason(N_("Red flags that also lower this criterion: %(count)s."),
                                        {"count": flagged[criterion.id]})]
        fraction = min(Fraction(1), max(Fraction(0), fraction))
        score = int(criterion.points * fraction + HALF)
        criteria.append(CriterionScore(criterion.id, criterion.label, criterion.points, score, tuple(reasons)))
    hits = red_flag_hits(scenario, findings)
    bonus = _bonus(scenario, answers, findings)
    raw = sum(c.score for c in criteria) + (bonus.points if bonus else 0) - sum(h.penalty for h in hits)
    total = max(0, min(rubric.max_points, raw))
    passed = total >= rubric.pass_threshold and len(hits) < rubric.red_flags_to_fail
    return RubricScore(tuple(criteria), hits, bonus, total, rubric.max_points, rubric.pass_threshold, passed, counts)


def red_flag_hits(scenario, findings):
    """Return the red flags raised, once per distinct (red flag, item or figure), in order of appearance."""
    flags = {flag.id: flag for flag in scenario.rubric.red_flags}
    hits, seen = [], set()
    for finding in findings:
        flag = flags.get(finding.red_flag)
        if flag is None or (flag.id, finding.ref) in seen:
            continue
        seen.add((flag.id, finding.ref))
        hits.append(RedFlagHit(flag.id, flag.label, flag.penalty, finding.prompt_id, finding.match, finding.ref))
    return tuple(hits)


def _answers_with(findings, kind, level=WARNING, ref=None):
    return {f.prompt_id for f in findings if f.kind == kind and f.level == level and (ref is None or f.ref == ref)}


def _cue_flags_by_criterion(scenario, findings):
    """Return ``{criterion id: number of distinct cue red flags raised that weigh on it}``."""
    flags = {flag.id: flag for flag in scenario.rubric.red_flags if flag.id not in FIXED_FLAG_KINDS}
    raised = {f.red_flag for f in findings if f.red_flag in flags}
    return Counter(flags[flag_id].weighs_on for flag_id in raised)


def _deduct(rules):
    """Return 1 minus each (count x weight) and a reason per non-zero count."""
    fraction, reasons = Fraction(1), []
    for count, weight, message in rules:
        if count:
            fraction -= count * weight
            reasons.append(Reason(message, {"count": count}))
    return fraction, reasons or [Reason(N_("No problems found by the automatic checks."))]


def _legal(scenario, answers, findings, counts):
    items = {f.ref for f in findings if f.kind == "restricted_disclosure"}
    return _deduct([
        (len(items), HALF, N_("Restricted items disclosed: %(count)s.")),
        (len(_answers_with(findings, "legal_basis", ref="missing")), QUARTER,
         N_("Answers that withhold information without a legal basis: %(count)s.")),
    ])


def _accuracy(scenario, answers, findings, counts):
    figures = {f.ref for f in findings if f.kind == "unsupported_number"}
    return _deduct([
        (len(figures), QUARTER, N_("Figures not in the on-record facts: %(count)s.")),
        (len(_answers_with(findings, "speculation", ref="")), QUARTER, N_("Answers with speculation: %(count)s.")),
    ])


def _key_messages(scenario, answers, findings, counts):
    if not counts:
        return Fraction(1), [Reason(N_("The scenario has no key messages."))]
    reached = sum(min(count, 2) for count in counts.values())
    reasons = [Reason(N_("Key message %(message)s delivered in %(count)s answers."),
                      {"message": scenario.key_message(mid).title, "count": count}) for mid, count in counts.items()]
    return Fraction(reached, 2 * len(counts)), reasons


def _technique(scenario, answers, findings, counts):
    return _deduct([
        (len(_answers_with(findings, "evasive")), QUARTER, N_("Answers with an evasive phrase: %(count)s.")),
        (len(_answers_with(findings, "loaded_words")), QUARTER,
         N_("Answers repeating the journalist's loaded words: %(count)s.")),
        (len(_answers_with(findings, "speculation", ref="hypothetical")), QUARTER,
         N_("Hypothetical questions answered with \"if ... then\": %(count)s.")),
    ])


def _empathy(scenario, answers, findings, counts):
    values = {GOOD: Fraction(1), NOTE: HALF, WARNING: Fraction(0)}
    marks = [values[f.level] for f in findings if f.kind == "empathy" and f.level in values]
    if marks:
        fraction = sum(marks) / len(marks)
        reasons = [Reason(N_("Emotional or hostile questions where the worry was acknowledged first: "
                             "%(good)s of %(total)s."), {"good": sum(1 for m in marks if m == 1), "total": len(marks)})]
    else:
        fraction, reasons = Fraction(1), [Reason(N_("No emotional or hostile question was answered."))]
    return fraction, reasons


def _action(scenario, answers, findings, counts):
    present = {f.ref for f in findings if f.kind == "commitment" and f.level == GOOD}
    fraction = Fraction(len(present & {"time", "channel", "advice"}), 3)
    reasons = [Reason(N_("Time for updates, channel and advice to the public: %(count)s of 3 given."),
                      {"count": len(present & {"time", "channel", "advice"})})]
    missing = len(_answers_with(findings, "commitment", ref="missing"))
    if missing:
        fraction -= missing * QUARTER
        reasons.append(Reason(N_("Follow-up questions answered without a time or channel: %(count)s."),
                              {"count": missing}))
    return fraction, reasons


def _delivery(scenario, answers, findings, counts):
    if not answers:
        return Fraction(0), [Reason(N_("No answers."))]
    poor = _answers_with(findings, "length") | _answers_with(findings, "late")
    good = sum(1 for answer in answers if answer.prompt_id not in poor)
    reason = Reason(N_("Answers within length and time: %(good)s of %(total)s (calm, pace and eye contact are for "
                       "the trainer to judge)."), {"good": good, "total": len(answers)})
    return Fraction(good, len(answers)), [reason]


def _bonus(scenario, answers, findings):
    bonus = scenario.rubric.bonus
    if bonus is None:
        return None
    for answer in answers:
        position = scenario.position(answer.prompt_id)
        if bonus.before and (position is None or position >= bonus.before):
            continue
        spans = find_phrases(answer.text, bonus.cues)
        if spans:
            return BonusHit(bonus.label, bonus.points, answer.prompt_id, spans[0].text)
    return None
