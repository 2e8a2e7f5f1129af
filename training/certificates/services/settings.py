"""Per-course certificate settings: issuing mode, validity, serial pattern, issuer, signer, images."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from training.certificates.images import check_image
from training.certificates.models import CertificateSettings, IssueMode
from training.certificates.serials import check_pattern, compile_pattern
from training.core import audit
from training.core.errors import DomainError
from training.core.filestore import store_bytes
from training.core.messages import N_
from training.core.text import clean_line
from training.courses.models import Course
from training.extensions import db
from training.orgunits.models import Unit

FIELDS = ("mode", "valid_months", "serial_pattern", "issuer_unit_id", "header_lines", "place", "signer_name",
          "signer_title", "refresher_course_id")
IMAGE_KINDS = ("signature", "seal")
MAX_VALID_MONTHS = 240


@dataclass(frozen=True)
class IssueConfig:
    """What issuing needs from the configuration: the public address and the display timezone."""

    base_url: str
    tz: str
    image_max_bytes: int

    @classmethod
    def from_config(cls, config):
        """Return the issuing configuration of a Flask ``config``."""
        return cls(str(config["PUBLIC_BASE_URL"]).rstrip("/"), config["TIMEZONE"],
                   int(config["UPLOAD_IMAGE_MAX_BYTES"]))


def settings_for(course_id):
    """Return the certificate settings of a course, or ``None`` when none were saved."""
    return db.session.scalar(select(CertificateSettings).where(CertificateSettings.course_id == course_id))


def mode_of(settings):
    """Return the issuing mode; a course without settings queues completions for approval."""
    return settings.mode if settings is not None else IssueMode.APPROVAL.value


def missing_settings(settings):
    """Return the message ids of what is missing before certificates can be issued (empty: ready)."""
    if settings is None:
        return [N_("certificate settings")]
    missing = []
    if settings.issuer_unit_id is None:
        missing.append(N_("issuing unit"))
    if not settings.signer_name:
        missing.append(N_("signer's name"))
    if not settings.signer_title:
        missing.append(N_("signer's title"))
    if not settings.place:
        missing.append(N_("place of the date line"))
    return missing


def authority_lines(settings):
    """Return the header lines at the top left: the configured ones, else the issuer's parent and name."""
    lines = tuple(line for line in (clean_line(x) for x in (settings.header_lines or "").splitlines()) if line)
    if lines:
        return lines
    unit = settings.issuer_unit
    if unit is None:
        return ()
    parent = unit.parent
    return tuple(name.upper() for name in ((parent.name,) if parent else ()) + (unit.name,))


def counter_key(pattern, year):
    """Return the key of the counter numbering ``pattern`` (per year when the pattern shows it)."""
    return f"{pattern}|{year}" if "{year" in pattern else pattern


def _overlapping_course(course, pattern, year):
    """Return a course whose different pattern can print the same serials as ``pattern``."""
    mine = compile_pattern(pattern)
    others = db.session.execute(select(CertificateSettings.serial_pattern, Course.title)
                                .join(Course, CertificateSettings.course_id == Course.id)
                                .where(CertificateSettings.course_id != course.id)).all()
    for other_pattern, title in others:
        if other_pattern == pattern:
            continue  # the same pattern shares one counter: no duplicate is possible
        theirs = compile_pattern(other_pattern)
        for seq in (1, 7, 42, 123, 4567, 99999, 123456, 1234567):
            if theirs.parse(mine.format(seq, year)) or mine.parse(theirs.format(seq, year)):
                return title
    return None


def _clean_data(course, data, today):
    values = {field: data.get(field) for field in FIELDS}
    if values["mode"] not in {m.value for m in IssueMode}:
        raise DomainError(N_("Choose how certificates are issued."), field="mode")
    months = values["valid_months"]
    if months is not None and not 1 <= months <= MAX_VALID_MONTHS:
        raise DomainError(N_("Enter a validity between 1 and %(max)s months, or leave it empty."),
                          field="valid_months", max=MAX_VALID_MONTHS)
    pattern = (values["serial_pattern"] or "").strip()
    issue = check_pattern(pattern)
    if issue is not None:
        raise DomainError(issue.message, field="serial_pattern", **issue.params)
    other = _overlapping_course(course, pattern, today.year)
    if other:
        raise DomainError(N_("This pattern can give the same serials as the pattern of %(course)s. Use the same "
                             "pattern (one shared numbering) or a different prefix."), field="serial_pattern",
                          course=other)
    values["serial_pattern"] = pattern
    if values["issuer_unit_id"] and db.session.get(Unit, values["issuer_unit_id"]) is None:
        raise DomainError(N_("Choose the issuing unit."), field="issuer_unit_id")
    refresher = values["refresher_course_id"] or None
    if refresher == course.id:
        raise DomainError(N_("A course cannot be its own refresher; create a separate refresher course."),
                          field="refresher_course_id")
    if refresher and db.session.get(Course, refresher) is None:
        raise DomainError(N_("Choose the refresher course."), field="refresher_course_id")
    values["refresher_course_id"] = refresher
    values["issuer_unit_id"] = values["issuer_unit_id"] or None
    for field in ("place", "signer_name"):
        values[field] = clean_line(values[field])
    for field in ("header_lines", "signer_title"):
        lines = [clean_line(line) for line in (values[field] or "").splitlines()]
        values[field] = "\n".join(line for line in lines if line)
    return values


def save_settings(actor, course, data, images, now, today: date, max_bytes, remove=()):
    """Create or change ``course``'s certificate settings; images are checked by content.

    :param images: ``{"signature": bytes, "seal": bytes}`` for newly uploaded images.
    :param remove: image kinds to take off the certificate.
    :raises DomainError: on any invalid value; nothing is changed then.
    """
    values = _clean_data(course, data, today)
    checked = {}
    for kind in IMAGE_KINDS:
        content = images.get(kind)
        if content is None:
            continue
        issue = check_image(content, max_bytes)
        if issue is not None:
            raise DomainError(issue.message, field=kind, **issue.params)
        checked[kind] = content
    settings = settings_for(course.id)
    creating = settings is None
    if creating:
        settings = CertificateSettings(course_id=course.id, updated_at=now)
        db.session.add(settings)
    diff = {} if creating else audit.changes(settings, FIELDS, values)
    for field, value in values.items():
        setattr(settings, field, value)
    for kind in IMAGE_KINDS:
        if kind in checked:
            setattr(settings, f"{kind}_sha256", store_bytes(checked[kind]))
            diff[kind] = "uploaded"
        elif kind in remove and getattr(settings, f"{kind}_sha256"):
            setattr(settings, f"{kind}_sha256", None)
            diff[kind] = "removed"
    settings.updated_at = now
    settings.updated_by_id = actor.id if actor else None
    db.session.flush()
    audit.record(actor, "certificate.settings", "course", course.id,
                 {"course": course.slug, "created": creating, "changes": {k: v for k, v in diff.items()}}, now)
    return settings
