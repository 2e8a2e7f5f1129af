"""Loading live sessions: staff who may manage the class, or learners enrolled in it (one query each).

Both loaders answer 404 for a session that does not exist and 403 for one the user may not
open: a learner not in the session's class, an admin whose units do not include the class's
unit. Each is a single statement so that the polls stay cheap.
"""

from sqlalchemy import and_, select
from sqlalchemy.orm import contains_eager

from training.core.errors import abort_with
from training.courses.loaders import can_manage_class
from training.courses.models import Enrollment, EnrollmentStatus, TrainingClass
from training.extensions import db
from training.orgunits.models import Unit
from training.simulations.live_models import LiveSession


def load_live_for_staff(user, session_id):
    """Return a live session whose class ``user`` may manage (with the class and its unit loaded)."""
    session = db.session.scalar(
        select(LiveSession).join(TrainingClass, LiveSession.class_id == TrainingClass.id)
        .join(Unit, TrainingClass.unit_id == Unit.id)
        .options(contains_eager(LiveSession.training_class).contains_eager(TrainingClass.unit))
        .where(LiveSession.id == session_id))
    if session is None:
        abort_with(404)
    if not can_manage_class(user, session.training_class):
        abort_with(403)
    return session


def load_live_for_learner(user, session_id):
    """Return a live session of a class ``user`` is actively enrolled in; 403 for anyone else."""
    row = db.session.execute(
        select(LiveSession, Enrollment.id)
        .outerjoin(Enrollment, and_(Enrollment.class_id == LiveSession.class_id, Enrollment.user_id == user.id,
                                    Enrollment.status == EnrollmentStatus.ACTIVE.value))
        .where(LiveSession.id == session_id).limit(1)).first()
    if row is None:
        abort_with(404)
    if row[1] is None:
        abort_with(403)
    return row[0]
