"""Live sessions: start, push prompts (scripted or improvised), collect answers, close.

The server's clock is the only clock: a pushed prompt's deadline is set at the push, an
answer's time is measured from the push to the save, and an answer after the limit (or after
the trainer moved on) is stored and marked late, never dropped. Every write takes the next
number of the session's change counter first (an atomic ``UPDATE ... RETURNING`` that also
holds the session's row lock until commit), so the polls' cursors never miss a row.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, select, update

from training.accounts.models import User
from training.core import audit
from training.core.database import insert_ignoring_conflicts
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import nfc
from training.courses.models import Enrollment, EnrollmentStatus, TrainingClass
from training.extensions import db
from training.simulations.analysis import analyse_answer, known_numbers
from training.simulations.findings import Answer
from training.simulations.live_models import LiveAnswer, LivePrompt, LiveSession, LiveStatus
from training.simulations.model import TONES, Prompt
from training.simulations.models import ScenarioRecord, ScenarioVersion
from training.simulations.services.scenarios import current_version, pure_scenario

MAX_ANSWER_CHARS = 20000
MAX_QUESTION_CHARS = 2000
TIME_LIMITS = (10, 3600)


def start_session(actor, training_class, record, now):
    """Open a live session of ``record``'s current version for ``training_class``.

    A class runs one live session at a time: if one is open, it is returned unchanged.
    :return: ``(session, created)``.
    """
    existing = open_session_of_class(training_class.id)
    if existing is not None:
        return existing, False
    version = current_version(record)
    if version is None:
        raise DomainError(N_("This scenario has no saved version yet."), field="scenario_id")
    session = LiveSession(class_id=training_class.id, version_id=version.id, trainer_id=actor.id,
                          status=LiveStatus.OPEN.value, started_at=now, seq=0)
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "simulation.live_start", "sim_live_session", session.id,
                 {"class": training_class.id, "scenario": record.slug, "version": version.number}, now)
    return session, True


def open_session_of_class(class_id):
    """Return the class's open live session, or ``None``."""
    return db.session.scalar(select(LiveSession).where(LiveSession.class_id == class_id,
                                                       LiveSession.status == LiveStatus.OPEN.value))


def open_session_for_learner(user, course_id=None):
    """Return the open live session of a class ``user`` is actively enrolled in (one query), or ``None``."""
    query = (select(LiveSession).join(Enrollment, Enrollment.class_id == LiveSession.class_id)
             .where(Enrollment.user_id == user.id, Enrollment.status == EnrollmentStatus.ACTIVE.value,
                    LiveSession.status == LiveStatus.OPEN.value).order_by(LiveSession.id.desc()).limit(1))
    if course_id is not None:
        query = query.where(Enrollment.course_id == course_id)
    return db.session.scalar(query)


def scenario_of(session):
    """Return the pure scenario the session plays (its frozen version)."""
    return pure_scenario(session.version)


def _next_seq(session):
    """Take the session's next change number (locks its row); ``None`` once the session is closed."""
    table = LiveSession.__table__
    return db.session.execute(update(table).where(table.c.id == session.id, table.c.status == LiveStatus.OPEN.value)
                              .values(seq=table.c.seq + 1).returning(table.c.seq)).scalar()


def _closed():
    return DomainError(N_("The live session has ended; nothing more can be sent."), status=409)


def prompts_of(session):
    """Return the prompts pushed so far, in order."""
    return db.session.scalars(select(LivePrompt).where(LivePrompt.session_id == session.id)
                              .order_by(LivePrompt.position)).all()


def _push(session, fields, now):
    seq = _next_seq(session)
    if seq is None:
        raise _closed()
    position = (db.session.scalar(select(func.max(LivePrompt.position))
                                  .where(LivePrompt.session_id == session.id)) or 0) + 1
    row = LivePrompt(session_id=session.id, position=position, pushed_at=now, seq=seq,
                     deadline_at=now + timedelta(seconds=fields["time_limit"]), **fields)
    db.session.add(row)
    db.session.flush()
    return row


def push_scenario_prompt(actor, session, prompt_id, now):
    """Push the scenario's prompt ``prompt_id`` (scripted or follow-up) to the learners."""
    scenario = scenario_of(session)
    prompt = scenario.prompt(prompt_id or "")
    if prompt is None:
        raise DomainError(N_("This question is not in the scenario."), status=404)
    if db.session.scalar(select(LivePrompt.id).where(LivePrompt.session_id == session.id,
                                                     LivePrompt.prompt_id == prompt.id)):
        raise DomainError(N_("This question has already been asked in this session."), status=409)
    journalist = scenario.journalist(prompt.journalist)
    return _push(session, {"prompt_id": prompt.id, "text": prompt.text, "time_limit": prompt.time_limit,
                           "journalist_name": journalist.name if journalist else "",
                           "outlet": journalist.outlet if journalist else "", "tone": scenario.tone(prompt),
                           "channel": prompt.channel}, now)


def next_scripted_prompt(session, pushed):
    """Return the first scripted prompt not pushed yet (``None`` when all were asked)."""
    asked = {row.prompt_id for row in pushed}
    return next((p for p in scenario_of(session).prompts if p.id not in asked), None)


def push_improvised(actor, session, data, now):
    """Push a question the trainer types as a journalist (name, outlet, tone, time limit, text)."""
    text = nfc(data.get("text") or "").strip()
    if not text:
        raise DomainError(N_("Type the question."), field="text")
    if len(text) > MAX_QUESTION_CHARS:
        raise DomainError(N_("The question is too long (at most %(limit)s characters)."), field="text",
                          limit=MAX_QUESTION_CHARS)
    tone = data.get("tone") or "neutral"
    if tone not in TONES:
        raise DomainError(N_("Choose a tone from the list."), field="tone")
    limit = data.get("time_limit") or 90
    if not TIME_LIMITS[0] <= limit <= TIME_LIMITS[1]:
        raise DomainError(N_("The time limit must be between %(low)s and %(high)s seconds."), field="time_limit",
                          low=TIME_LIMITS[0], high=TIME_LIMITS[1])
    return _push(session, {"prompt_id": "", "text": text, "time_limit": limit, "tone": tone,
                           "journalist_name": nfc(data.get("journalist_name") or "").strip()[:255],
                           "outlet": nfc(data.get("outlet") or "").strip()[:255], "channel": "press_conference"}, now)


def close_session(actor, session, now):
    """Close the session: learners see it has ended and no answer is accepted after this."""
    if _next_seq(session) is None:
        return False
    session.status, session.closed_at = LiveStatus.CLOSED.value, now
    db.session.flush()
    audit.record(actor, "simulation.live_close", "sim_live_session", session.id, {"class": session.class_id}, now)
    return True


def pure_prompt(scenario, row):
    """Return the pure ``Prompt`` the answer checks read: the scenario's, or one built for an improvised question."""
    if row.prompt_id:
        prompt = scenario.prompt(row.prompt_id)
        if prompt is not None:
            return prompt
    return Prompt(f"live-{row.position}", "", row.text, row.time_limit, channel=row.channel, tone=row.tone)


def save_answer(user, session, prompt_row_id, text, rev, now):
    """Store ``user``'s answer to a pushed prompt; an edit with a higher ``rev`` replaces the stored one.

    A resend (same ``rev``) or an older edit changes nothing. Once a later prompt was pushed,
    a first answer is still stored (marked late), but an existing one can no longer change.
    :return: ``(LiveAnswer, changed)``.
    """
    text = nfc(text or "").strip()
    if not text:
        raise DomainError(N_("Write your answer before sending it."), field="text")
    if len(text) > MAX_ANSWER_CHARS:
        raise DomainError(N_("The answer is too long (at most %(limit)s characters)."), status=413,
                          limit=MAX_ANSWER_CHARS)
    row = db.session.get(LivePrompt, prompt_row_id)
    if row is None or row.session_id != session.id:
        raise DomainError(N_("This question is not part of the live session."), status=404)
    seq = _next_seq(session)
    if seq is None:
        raise _closed()
    latest = db.session.scalar(select(func.max(LivePrompt.position)).where(LivePrompt.session_id == session.id))
    superseded = row.position < latest
    existing = db.session.scalar(select(LiveAnswer).where(LiveAnswer.prompt_id == row.id,
                                                          LiveAnswer.user_id == user.id))
    if existing is not None and superseded:
        raise DomainError(N_("The trainer has moved on to the next question; your answer to this one is kept "
                             "as it was."), status=409)
    if existing is not None and existing.rev >= rev:
        return existing, False
    values = _checked(session, row, text, rev, now, superseded)
    values["seq"] = seq
    if existing is None:
        insert_ignoring_conflicts(db.session, LiveAnswer.__table__, [
            {"session_id": session.id, "prompt_id": row.id, "user_id": user.id, **values}], ["prompt_id", "user_id"])
    else:
        table = LiveAnswer.__table__
        db.session.execute(update(table).where(table.c.id == existing.id, table.c.rev < rev).values(**values))
    answer = db.session.scalar(select(LiveAnswer).where(LiveAnswer.prompt_id == row.id, LiveAnswer.user_id == user.id)
                               .execution_options(populate_existing=True))
    return answer, answer.rev == rev


def _checked(session, row, text, rev, now, superseded):
    scenario = scenario_of(session)
    seconds = Decimal((now - row.pushed_at).total_seconds()).quantize(Decimal("0.1"), ROUND_HALF_UP)
    prompt = pure_prompt(scenario, row)
    findings = analyse_answer(scenario, Answer(prompt.id, text, seconds), known=known_numbers(scenario),
                              prompt=prompt)
    return {"text": text, "rev": rev, "answered_at": now, "seconds": seconds,
            "is_late": superseded or seconds > row.time_limit, "findings": [f.as_dict() for f in findings]}


def learner_view(session_id, user_id):
    """Return ``(current LivePrompt, the learner's LiveAnswer to it)`` in one query (``(None, None)`` before a push)."""
    row = db.session.execute(
        select(LivePrompt, LiveAnswer)
        .outerjoin(LiveAnswer, and_(LiveAnswer.prompt_id == LivePrompt.id, LiveAnswer.user_id == user_id))
        .where(LivePrompt.session_id == session_id).order_by(LivePrompt.position.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (None, None)


def answers_since(session, since):
    """Return ``[(LiveAnswer, full name)]`` written after change number ``since``, oldest first (one query)."""
    return db.session.execute(
        select(LiveAnswer, User.full_name).join(User, LiveAnswer.user_id == User.id)
        .where(LiveAnswer.session_id == session.id, LiveAnswer.seq > since).order_by(LiveAnswer.seq)).all()


def roster(session):
    """Return ``[(user id, full name)]`` of the learners actively enrolled in the session's class."""
    return db.session.execute(
        select(User.id, User.full_name).join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.class_id == session.class_id, Enrollment.status == EnrollmentStatus.ACTIVE.value)
        .order_by(User.full_name)).all()


def sessions_for(class_ids=None, limit=50):
    """Return recent live sessions (open first) as rows ``(LiveSession, class name, trainer name, scenario title)``.

    Only the given classes when ``class_ids`` is not ``None``; one query, however many sessions.
    """
    query = (select(LiveSession, TrainingClass.name, User.full_name, ScenarioRecord.title)
             .join(TrainingClass, LiveSession.class_id == TrainingClass.id)
             .join(User, LiveSession.trainer_id == User.id)
             .join(ScenarioVersion, LiveSession.version_id == ScenarioVersion.id)
             .join(ScenarioRecord, ScenarioVersion.scenario_id == ScenarioRecord.id)
             .order_by((LiveSession.status == LiveStatus.OPEN.value).desc(), LiveSession.started_at.desc())
             .limit(limit))
    if class_ids is not None:
        query = query.where(LiveSession.class_id.in_(class_ids))
    return db.session.execute(query).all()
