"""Images for lessons: checked by content, size-limited, stored once per course."""

from sqlalchemy import select

from training.core import audit
from training.core.errors import DomainError
from training.core.filestore import store_bytes
from training.core.images import EXTENSIONS, inspect_image
from training.core.text import clean_line
from training.courses.models import LessonMedia
from training.extensions import db


def add_image(actor, course, filename, data, max_bytes, now):
    """Store an uploaded image for ``course`` and return its :class:`LessonMedia`.

    :raises DomainError: when the bytes are not an acceptable image (nothing is stored).
    """
    info, issue = inspect_image(data, max_bytes)
    if issue is not None:
        raise DomainError(issue.message, field="image", status=400, **issue.params)
    digest = store_bytes(data)
    media = db.session.scalar(select(LessonMedia).where(LessonMedia.course_id == course.id, LessonMedia.sha256 == digest))
    if media is not None:
        return media
    name = clean_line(filename or "")[:200] or f"image.{EXTENSIONS[info.content_type]}"
    media = LessonMedia(course_id=course.id, sha256=digest, content_type=info.content_type, size=info.size,
                        width=info.width, height=info.height, original_name=name,
                        uploaded_by_id=actor.id if actor else None, uploaded_at=now)
    db.session.add(media)
    db.session.flush()
    audit.record(actor, "lesson.image", "course", course.id, {"media": media.id, "name": name, "bytes": info.size}, now)
    return media
