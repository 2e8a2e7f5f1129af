"""A specimen certificate ("MẪU") printed with a course's settings, so admins see it before issuing."""

from training.certificates.pdf import CertificateData, render_certificate
from training.certificates.serials import compile_pattern
from training.certificates.services.issuing import verification_url
from training.certificates.services.settings import authority_lines
from training.certificates.status import expiry_date
from training.core.filestore import read_bytes

SPECIMEN_CODE = "MAUM-AUMA-UM"


def sample_pdf(course, settings, config, today):
    """Return a specimen PDF of ``course``'s certificate: no serial is used, "MẪU" across the page."""
    serial = compile_pattern(settings.serial_pattern).format(1, today.year)
    images = {kind: read_bytes(getattr(settings, f"{kind}_sha256")) if getattr(settings, f"{kind}_sha256") else None
              for kind in ("signature", "seal")}
    data = CertificateData(
        learner_name="Nguyễn Văn A", course_title=course.title, course_version=str(course.version),
        completion_date=today, issuer_name=settings.issuer_unit.name, authority_lines=authority_lines(settings),
        signer_name=settings.signer_name, signer_title=settings.signer_title, serial=serial,
        verification_url=verification_url(config.base_url, serial, SPECIMEN_CODE), verification_code=SPECIMEN_CODE,
        issue_date=today, place=settings.place, learner_position="Chuyên viên", learner_unit=settings.issuer_unit.name,
        expiry_date=expiry_date(today, settings.valid_months), signature_image=images["signature"],
        seal_image=images["seal"], watermark="MẪU")
    return render_certificate(data)
