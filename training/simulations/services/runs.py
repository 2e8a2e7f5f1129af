"""Learner runs: start, show prompts one at a time with a server deadline, autosave, answer, finish.

The server's clock is the only clock: a prompt's ``shown_at`` and ``deadline_at`` are set when
it is first shown, the response time is ``answered_at - shown_at``, and an answer after the
limit is stored and marked late, never dropped. The next prompt comes from the pure
``flow_state`` over the answers so far, so follow-ups appear exactly as the scenario's rules say.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from training.core import filestore
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import nfc
from training.courses.services.progress import record_item_result
from training.extensions import db
from training.simulations.analysis import analyse_answer, known_numbers
from training.simulations.audio import sniff_audio
from training.simulations.findings import Answer, Finding
from training.simulations.flow import flow_state
from training.simulations.models import Run, RunPrompt, RunState
from training.simulations.scoring import score_run
from training.simulations.services.scenarios import current_version, pure_scenario

MAX_ANSWER_CHARS = 20000


def start_run(user, simulation, enrollment, now):
    """Start a new run of ``simulation`` on its scenario's current version (one open run at a time)."""
    open_run = open_run_of(user, simulation)
    if open_run is not None:
        return open_run
    version = current_version(simulation.scenario)
    minutes = simulation.prep_minutes or pure_scenario(version).preparation_minutes
    run = Run(simulation_id=simulation.id, item_id=simulation.item_id, user_id=user.id,
              enrollment_id=enrollment.id if enrollment is not None else None, version_id=version.id,
              state=RunState.IN_PROGRESS.value, started_at=now, prep_started_at=now,
              prep_seconds=minutes * 60 if minutes else None)
    db.session.add(run)
    db.session.flush()
    return run


def open_run_of(user, simulation):
    """Return ``user``'s run of ``simulation`` still in progress, or ``None``."""
    return db.session.scalar(select(Run).where(Run.user_id == user.id, Run.simulation_id == simulation.id,
                                               Run.state == RunState.IN_PROGRESS.value))


def runs_of(user, simulation):
    """Return ``user``'s runs of ``simulation``, newest first."""
    return db.session.scalars(select(Run).where(Run.user_id == user.id, Run.simulation_id == simulation.id)
                              .order_by(Run.started_at.desc(), Run.id.desc())).all()


def shown_prompts(run):
    """Return the run's shown prompts in order."""
    return db.session.scalars(select(RunPrompt).where(RunPrompt.run_id == run.id)
                              .order_by(RunPrompt.position)).all()


def scenario_of(run):
    """Return the pure scenario the run plays (its frozen version)."""
    return pure_scenario(run.version)


def _answers_and_findings(rows):
    answers, findings = [], []
    for row in rows:
        if row.is_answered:
            answers.append(Answer(row.prompt_id, row.answer or "", row.seconds))
            findings.extend(Finding.from_dict(item) for item in row.findings or ())
    return answers, findings


def begin(run, now):
    """Leave the brief ("I am ready"): show the first prompt (its countdown starts now)."""
    if run.briefed_at is None:
        run.briefed_at = now
    return current_prompt(run, now)


def close_preparation(run, now):
    """End timed preparation that has run out; it is recorded as ending at its deadline, not at ``now``."""
    deadline = run.prep_deadline
    if run.briefed_at is None and not run.is_finished and deadline is not None and now >= deadline:
        run.briefed_at = deadline
    return run.briefed_at is not None


def current_prompt(run, now, rows=None):
    """Return the prompt being answered, showing the next one if none is open; finish the run when done.

    :return: the open ``RunPrompt``, or ``None`` when the run is finished (or not briefed yet).
    """
    if run.is_finished or not close_preparation(run, now):
        return None
    rows = shown_prompts(run) if rows is None else rows
    open_rows = [row for row in rows if not row.is_answered]
    if open_rows:
        return open_rows[0]
    scenario = scenario_of(run)
    answers, findings = _answers_and_findings(rows)
    state = flow_state(scenario, answers, findings)
    if state.next_prompt is None:
        finish(run, now, rows)
        return None
    prompt = state.next_prompt
    row = RunPrompt(run_id=run.id, position=len(rows) + 1, prompt_id=prompt.id,
                    follow_up_rule=state.inserted_by.get(prompt.id, ""), shown_at=now,
                    deadline_at=now + timedelta(seconds=prompt.time_limit), draft="")
    db.session.add(row)
    db.session.flush()
    return row


def _open_row(run, prompt_row_id):
    row = db.session.get(RunPrompt, prompt_row_id)
    if row is None or row.run_id != run.id:
        raise DomainError(N_("This question is not part of your run."), status=404)
    if run.is_finished:
        raise DomainError(N_("This run is finished; answers can no longer change."), status=409)
    return row


def save_draft(run, prompt_row_id, text, now):
    """Autosave what the learner has typed so far (nothing is lost on reload)."""
    row = _open_row(run, prompt_row_id)
    if row.is_answered:
        raise DomainError(N_("This question has already been answered."), status=409)
    text = nfc(text or "")
    if len(text) > MAX_ANSWER_CHARS:
        raise DomainError(N_("The answer is too long (at most %(limit)s characters)."), status=413,
                          limit=MAX_ANSWER_CHARS)
    row.draft = text
    row.draft_saved_at = now
    return row


def attach_audio(run, prompt_row_id, data, seconds, now, *, max_bytes, max_seconds):
    """Store a spoken answer recorded for an open prompt (it replaces an earlier recording of it).

    The bytes must be a recording (sniffed, whatever the browser claims), within the size and
    length limits; otherwise nothing is stored.
    """
    row = _open_row(run, prompt_row_id)
    if row.is_answered:
        raise DomainError(N_("This question has already been answered."), status=409)
    if len(data) > max_bytes:
        raise DomainError(N_("The recording is too large (at most %(limit)s MB)."), status=413,
                          limit=round(max_bytes / (1024 * 1024), 1))
    if seconds is None or not 0 < seconds <= max_seconds:
        raise DomainError(N_("The recording must be at most %(limit)s seconds long."), status=413, limit=max_seconds)
    content_type = sniff_audio(data)
    if content_type is None:
        raise DomainError(N_("This file is not an audio recording."), status=415)
    row.audio_sha256 = filestore.store_bytes(data)
    row.audio_type, row.audio_size, row.audio_seconds = content_type, len(data), int(seconds)
    row.draft_saved_at = now
    return row


def submit_answer(run, prompt_row_id, text, now):
    """Record the answer to an open prompt with its server-measured time and the checks' findings.

    A late answer is kept and marked late. Returns the next open prompt (``None`` when finished).
    """
    row = _open_row(run, prompt_row_id)
    if row.is_answered:
        raise DomainError(N_("This question has already been answered."), status=409)
    text = nfc(text or "").strip()
    if len(text) > MAX_ANSWER_CHARS:
        raise DomainError(N_("The answer is too long (at most %(limit)s characters)."), status=413,
                          limit=MAX_ANSWER_CHARS)
    scenario = scenario_of(run)
    seconds = Decimal((now - row.shown_at).total_seconds()).quantize(Decimal("0.1"), ROUND_HALF_UP)
    prompt = scenario.prompt(row.prompt_id)
    findings = analyse_answer(scenario, Answer(row.prompt_id, text, seconds), known=known_numbers(scenario),
                              prompt=prompt)
    row.answer, row.draft, row.answered_at, row.seconds = text, text, now, seconds
    row.is_late = any(f.kind == "late" for f in findings)
    row.findings = [f.as_dict() for f in findings]
    db.session.flush()
    return current_prompt(run, now)


def finish(run, now, rows=None):
    """Score the finished run; without a required review its suggested result goes to the ledger."""
    rows = shown_prompts(run) if rows is None else rows
    scenario = scenario_of(run)
    answers, findings = _answers_and_findings(rows)
    score = score_run(scenario, answers, findings)
    run.state = RunState.FINISHED.value
    run.finished_at = now
    run.suggested_score, run.suggested_max, run.suggested_passed = score.total, score.max_points, score.passed
    if not run.simulation.requires_review:
        run.final_score, run.passed = score.total, score.passed
        record_result(run, now)
    db.session.flush()
    return score


def record_result(run, now):
    """Write the run's final result to the course ledger (previews have no enrolment: nothing)."""
    if run.enrollment_id is None:
        return None
    from training.courses.models import Enrollment, Item

    enrollment = db.session.get(Enrollment, run.enrollment_id)
    item = db.session.get(Item, run.item_id)
    maximum = run.suggested_max or 100
    percent = (Decimal(run.final_score) * 100 / Decimal(maximum)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return record_item_result(enrollment, item, now, completed=bool(run.passed), score=percent,
                              passed=bool(run.passed), source="simulation")


def rubric_score(run, rows=None):
    """Return the suggested ``RubricScore`` of a run as it stands."""
    rows = shown_prompts(run) if rows is None else rows
    answers, findings = _answers_and_findings(rows)
    return score_run(scenario_of(run), answers, findings)


def finished_count(simulation):
    """Return how many runs of ``simulation`` are finished (for the authoring page)."""
    return db.session.scalar(select(func.count()).select_from(Run).where(
        Run.simulation_id == simulation.id, Run.state != RunState.IN_PROGRESS.value))

