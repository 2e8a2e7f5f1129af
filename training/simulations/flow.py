"""Which prompt comes next in a run, with follow-ups inserted by the scenario's rules (pure).

The run's sequence starts as the scripted prompts. After each answer, in answer order, every
follow-up rule that has not fired yet is tested against that answer's findings; the prompts of
the rules that apply are inserted right after the answered prompt, in rule order. Each rule
fires at most once per run. The next prompt is the first one in the sequence not answered yet;
the run is finished when there is none. The result depends only on the inputs.

Conditions:

* ``restricted_disclosed`` (item, prompt): the answer disclosed the restricted item;
* ``evasive_answer`` (prompt): the answer contains an evasive phrase;
* ``key_message_missing_after`` (message, after): answering scripted prompt number ``after``
  (1-based), the key message has not been delivered in any answer so far.

``prompt`` is a prompt id or ``any``. ``any`` means any *scripted* prompt: a follow-up answer
is watched only by a rule that names its prompt, so chains of follow-ups are always written
out, and ``follow_up_cycles`` can find the ones that loop.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from training.simulations.model import ANY_PROMPT, EVASIVE_ANSWER, KEY_MESSAGE_MISSING_AFTER, RESTRICTED_DISCLOSED


@dataclass(frozen=True)
class FlowState:
    """Where a run stands: the sequence so far, what was answered, which rules fired, what comes next."""

    sequence: tuple
    answered: tuple
    fired: tuple
    next_prompt: object = None
    inserted_by: dict = field(default_factory=dict)

    @property
    def finished(self):
        """Return whether every prompt of the sequence has been answered."""
        return self.next_prompt is None

    @property
    def progress(self):
        """Return ``(answered, total)`` over the sequence as it stands (it may still grow)."""
        ids = {prompt.id for prompt in self.sequence}
        return len([pid for pid in self.answered if pid in ids]), len(self.sequence)


def flow_state(scenario, answers, findings):
    """Return the ``FlowState`` of a run from its answers (in the order given) and their findings.

    Answers to prompts that are not in the sequence (unknown ids, follow-ups whose rule has not
    fired) and repeated answers to the same prompt are ignored for sequencing.
    """
    by_prompt = defaultdict(list)
    for finding in findings:
        by_prompt[finding.prompt_id].append(finding)
    sequence = list(scenario.prompts)
    answered, fired, inserted_by, delivered = [], [], {}, set()
    for answer in answers:
        index = next((i for i, prompt in enumerate(sequence) if prompt.id == answer.prompt_id), None)
        if index is None or answer.prompt_id in answered:
            continue
        answered.append(answer.prompt_id)
        own = by_prompt[answer.prompt_id]
        delivered |= {f.ref for f in own if f.kind == "key_message"}
        due = [rule for rule in scenario.follow_ups
               if rule.id not in fired and rule_applies(scenario, rule, answer.prompt_id, own, delivered)]
        for offset, rule in enumerate(due, start=1):
            sequence.insert(index + offset, rule.prompt)
            fired.append(rule.id)
            inserted_by[rule.prompt.id] = rule.id
    upcoming = next((prompt for prompt in sequence if prompt.id not in answered), None)
    return FlowState(tuple(sequence), tuple(answered), tuple(fired), upcoming, inserted_by)


def next_prompt(scenario, answers, findings):
    """Return the prompt to ask next, or ``None`` when the run is finished."""
    return flow_state(scenario, answers, findings).next_prompt


def rule_applies(scenario, rule, prompt_id, answer_findings, delivered):
    """Return whether ``rule`` fires after the answer to ``prompt_id`` with ``answer_findings``.

    :param delivered: the key message ids delivered so far, this answer included.
    """
    when = rule.when
    if when.kind == KEY_MESSAGE_MISSING_AFTER:
        return scenario.position(prompt_id) == when.after and when.message not in delivered
    if not _watches(scenario, when.prompt, prompt_id):
        return False
    if when.kind == RESTRICTED_DISCLOSED:
        return any(f.kind == "restricted_disclosure" and f.ref == when.item for f in answer_findings)
    if when.kind == EVASIVE_ANSWER:
        return any(f.kind == "evasive" for f in answer_findings)
    return False


def _watches(scenario, scope, prompt_id):
    if scope == ANY_PROMPT:
        return scenario.position(prompt_id) is not None
    return scope == prompt_id


def follow_up_cycles(rules):
    """Return the loops among follow-up rules, each as a tuple of rule indices (a self-loop has one).

    Rule B follows rule A when B watches the prompt A inserts; a loop means a follow-up could
    trigger itself, directly or through other follow-ups.
    """
    watched_by = defaultdict(list)
    for index, rule in enumerate(rules):
        if rule.when.kind in (RESTRICTED_DISCLOSED, EVASIVE_ANSWER) and rule.when.prompt != ANY_PROMPT:
            watched_by[rule.when.prompt].append(index)
    successors = {i: watched_by.get(rule.prompt.id, []) for i, rule in enumerate(rules)}
    cycles, seen = [], set()
    for start in range(len(rules)):
        _walk(start, [start], successors, cycles, seen)
    return cycles


def _walk(node, path, successors, cycles, seen):
    for successor in successors[node]:
        if successor in path:
            cycle = tuple(path[path.index(successor):])
            rotated = _rotate(cycle)
            if rotated not in seen:
                seen.add(rotated)
                cycles.append(rotated)
        elif successor > path[0]:
            # Only walk to larger indices than the start, so each loop is found from its smallest member.
            _walk(successor, [*path, successor], successors, cycles, seen)


def _rotate(cycle):
    smallest = cycle.index(min(cycle))
    return cycle[smallest:] + cycle[:smallest]
