"""Sample certificate data and images for the tests and the benchmark (made here, not shipped)."""

import io
import math
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from training.certificates.pdf import CertificateData
from training.core.pdf_fonts import FONT_DIR


def signature_png(size=(480, 180)):
    """Return a transparent PNG with a hand-like blue stroke."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = size
    points = [(20 + t * (width - 40) / 200, height / 2 + math.sin(t / 9) * height / 4 * math.cos(t / 31))
              for t in range(201)]
    draw.line(points, fill=(20, 40, 140, 255), width=6, joint="curve")
    draw.line([(width * 0.25, height * 0.8), (width * 0.85, height * 0.7)], fill=(20, 40, 140, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seal_png(side=300):
    """Return a transparent PNG of a round red seal with a star and an inscription."""
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 20, 30, 210)
    draw.ellipse((6, 6, side - 6, side - 6), outline=red, width=10)
    draw.ellipse((34, 34, side - 34, side - 34), outline=red, width=4)
    centre, radius = side / 2, side / 7
    star = [(centre + radius * (1 if i % 2 == 0 else 0.4) * math.sin(i * math.pi / 5),
             centre - radius * (1 if i % 2 == 0 else 0.4) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), side // 14)
    draw.text((centre, centre + radius * 1.6), "BAN TUYÊN GIÁO", font=font, fill=red, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(size=(120, 60), colour=(200, 200, 210)):
    """Return a small JPEG image."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


BASE = CertificateData(
    learner_name="Nguyễn Thị Thanh Hương",
    course_title="Kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
    course_version="2026.1",
    completion_date=date(2026, 11, 20),
    issuer_name="Ban Tuyên giáo Thành ủy Vũng Tàu",
    authority_lines=("THÀNH ỦY VŨNG TÀU", "BAN TUYÊN GIÁO"),
    signer_name="Trần Quốc Bảo",
    signer_title="TRƯỞNG BAN",
    serial="GCN-2026-000123",
    verification_url="https://daotao.vungtau.gov.vn/verify/GCN-2026-000123?code=K7QX3MNP2R",
    verification_code="K7QX-3MNP-2R",
    issue_date=date(2026, 11, 26),
    place="Vũng Tàu",
    learner_birth_date=date(1979, 3, 12),
    learner_position="Phó Chánh Văn phòng",
    learner_unit="Ủy ban nhân dân Phường Thắng Tam",
    score=Decimal("92.50"),
    expiry_date=date(2028, 11, 26),
)


def sample(**changes):
    """Return the sample certificate data with ``changes`` applied."""
    return replace(BASE, **changes)


def with_images(**changes):
    """Return the sample with a signature and a seal."""
    return sample(**{"signature_image": signature_png(), "seal_image": seal_png(), **changes})
