"""The certificate PDF: reproducible, Vietnamese-exact, embedded fonts, nothing overflowing."""

import io
import re
import unicodedata
from dataclasses import fields, replace
from datetime import date

import pytest
from pypdf import PdfReader

from tests.certificates import poppler
from tests.certificates.samples import jpeg, sample, seal_png, signature_png, with_images
from training.certificates import qr
from training.certificates.pdf import (
    INNER_FRAME,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_SIZE,
    QR_X,
    QR_Y,
    CertificateData,
    ImageError,
    render_certificate,
)
from training.certificates.wording import LABELS_EN

LONG_COURSE = ("Bồi dưỡng kỹ năng phát ngôn, cung cấp thông tin cho báo chí và xử lý khủng hoảng truyền "
               "thông của các cơ quan nhà nước I")
LONG_NAME = "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Huyền Trang Công Tằng Tôn Nữ Diệu Huyền"
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def _nfd(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, tuple):
        return tuple(_nfd(item) for item in value)
    if isinstance(value, dict):
        return {key: _nfd(item) for key, item in value.items()}
    return value


def _words(text):
    """Return the set of words of ``text`` (letters and digits; punctuation is not a word)."""
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text)))


def test_long_course_title_has_120_characters():
    assert len(LONG_COURSE) == 120


def test_the_same_data_gives_the_same_bytes():
    data = with_images()
    assert render_certificate(data) == render_certificate(replace(data))


def test_different_data_gives_different_bytes():
    assert render_certificate(sample()) != render_certificate(sample(learner_name="Nguyễn Thị Thanh Hường"))


@pytest.mark.parametrize("labels", [{}, LABELS_EN], ids=["vi", "en"])
def test_decomposed_input_gives_the_same_bytes_as_composed(labels):
    composed = with_images(labels=dict(labels), signer_title="KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
                           watermark="ĐÃ THU HỒI")
    decomposed = CertificateData(**{f.name: _nfd(getattr(composed, f.name)) for f in fields(composed)})
    assert decomposed.learner_name != composed.learner_name  # the input really is NFD
    assert render_certificate(decomposed) == render_certificate(composed)


def test_a4_landscape_one_page_with_metadata():
    reader = PdfReader(io.BytesIO(render_certificate(sample())))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (841.9, 595.3)
    meta = reader.metadata
    assert meta.title == "Giấy chứng nhận GCN-2026-000123 - Nguyễn Thị Thanh Hương"
    assert meta.author == "Ban Tuyên giáo Thành ủy Vũng Tàu"
    assert meta.subject == "Kỹ năng phát ngôn và cung cấp thông tin cho báo chí"
    assert meta.creator == "Nền tảng đào tạo người phát ngôn"
    assert meta["/CreationDate"].startswith("D:20261126")
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_every_font_is_an_embedded_dejavu_subset():
    reader = PdfReader(io.BytesIO(render_certificate(with_images(watermark="ĐÃ THU HỒI"))))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVuSerif" in font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_pdffonts_lists_only_embedded_fonts():
    rows = poppler.fonts(render_certificate(with_images()))
    assert rows
    for row in rows:
        assert not row[0].split("+")[-1].startswith(STANDARD_14), row
        emb = row[-5]  # columns: name type... encoding emb sub uni object ID
        assert emb == "yes", row


def test_pdftotext_gives_back_every_vietnamese_word():
    data = with_images(signer_title="KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", course_title=LONG_COURSE)
    text = poppler.text(render_certificate(data))
    extracted = _words(text)
    expected = " ".join([data.learner_name, data.course_title, data.signer_name, data.signer_title,
                         *data.authority_lines, data.learner_position, data.learner_unit,
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc GIẤY CHỨNG NHẬN"])
    missing = _words(expected) - extracted
    assert not missing, missing
    for line in ("Vũng Tàu, ngày 26 tháng 11 năm 2026", "Sinh ngày: 12/03/1979", "Kết quả: 92,5%",
                 "Số: GCN-2026-000123", "Mã xác minh: K7QX-3MNP-2R",
                 "Giấy chứng nhận có giá trị đến hết ngày 26/11/2028."):
        assert line in text, line


@pytest.mark.parametrize("name", ["<script>alert(1)</script> Lê Văn Nam", "{{7*7}} Lê Văn Nam",
                                  "Lê %(serial)s %s Nam", "Lê Văn Nam & <b>Đỗ</b>"])
def test_names_with_markup_or_template_syntax_print_literally(name):
    text = poppler.text(render_certificate(sample(learner_name=name)))
    assert name in text
    assert "49" not in text


def test_control_characters_and_stray_spaces_are_cleaned():
    text = poppler.text(render_certificate(sample(learner_name="  Lê\x00Văn \n\t Nam\x07 ")))
    assert "Lê Văn Nam" in text


def test_status_watermark_is_printed_only_when_given():
    assert "ĐÃ THU HỒI" in poppler.text(render_certificate(sample(watermark="ĐÃ THU HỒI")), "-raw")
    assert "THU HỒI" not in poppler.text(render_certificate(sample()), "-raw")


def test_english_labels_print_the_english_variant():
    text = poppler.text(render_certificate(sample(labels=dict(LABELS_EN))))
    for line in ("SOCIALIST REPUBLIC OF VIET NAM", "CERTIFICATE", "This is to certify that",
                 "Vũng Tàu, 26/11/2026", "Result: 92.5%", "No.: GCN-2026-000123"):
        assert line in text, line
    assert "GIẤY CHỨNG NHẬN" not in text
    assert PdfReader(io.BytesIO(render_certificate(sample(labels=dict(LABELS_EN))))).trailer["/Root"]["/Lang"] == "en"


def test_optional_parts_are_left_out_cleanly():
    data = sample(learner_birth_date=None, learner_position="", learner_unit="", score=None, expiry_date=None,
                  authority_lines=(), course_version=" ")
    text = poppler.text(render_certificate(data))
    for absent in ("Sinh ngày", "Chức vụ", "Kết quả", "giá trị đến", "Phiên bản"):
        assert absent not in text
    assert "BAN TUYÊN GIÁO THÀNH ỦY VŨNG TÀU" in text  # the issuer's name heads the page instead


VARIANTS = {
    "standard": {},
    "long course": {"course_title": LONG_COURSE},
    "long name": {"learner_name": LONG_NAME, "course_title": LONG_COURSE},
    "long everything": {"learner_name": LONG_NAME, "course_title": LONG_COURSE * 2,
                        "learner_unit": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân " * 3,
                        "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\nỦY BAN NHÂN DÂN",
                        "authority_lines": ("ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU TỈNH BÀ RỊA - VŨNG TÀU",
                                            "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"),
                        "verification_url": "https://daotao.vungtau.gov.vn/chung-nhan/xac-minh/" + "x" * 90},
    "minimal": {"learner_birth_date": None, "learner_position": "", "learner_unit": "", "score": None,
                "expiry_date": None},
    "english": {"labels": dict(LABELS_EN)},
}


def _overlap(a, b, tolerance=0.3):
    return a[1] < b[3] - tolerance and b[1] < a[3] - tolerance and a[2] < b[4] - tolerance and b[2] < a[4] - tolerance


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_text_stays_inside_the_frame_without_overlapping(changes):
    data = with_images(**changes)
    words = poppler.words(render_certificate(data))
    margin = INNER_FRAME + 4
    for word in words:
        assert margin <= word[1] and word[3] <= PAGE_WIDTH - margin, word
        assert margin <= word[2] and word[4] <= PAGE_HEIGHT - margin, word
    clashes = [(a[0], b[0]) for i, a in enumerate(words) for b in words[i + 1:] if _overlap(a, b)]
    assert not clashes
    quiet = QR_SIZE / len(qr.qr_modules(data.verification_url)) * qr.QUIET_ZONE
    qr_box = ("QR", QR_X - quiet, PAGE_HEIGHT - QR_Y - QR_SIZE - quiet, QR_X + QR_SIZE + quiet, PAGE_HEIGHT - QR_Y + quiet)
    assert not [word for word in words if _overlap(word, qr_box)]


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_every_word_survives_long_texts(changes):
    data = sample(**changes)
    extracted = _words(poppler.text(render_certificate(data)))
    missing = _words(f"{data.learner_name} {data.course_title} {data.signer_title}") - extracted
    assert not missing


def test_qr_code_on_the_certificate_opens_the_verification_url():
    zbarimg = poppler.shutil.which("zbarimg")
    if not zbarimg:
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools); the QR is checked module by module in test_qr")
    image = poppler.raster(render_certificate(with_images()), 200)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    result = poppler.subprocess.run([zbarimg, "-q", "--raw", "-"], input=buffer.getvalue(), capture_output=True)
    assert result.stdout.decode().strip() == sample().verification_url


def test_signature_and_seal_are_embedded_as_images():
    reader = PdfReader(io.BytesIO(render_certificate(with_images())))
    assert len(reader.pages[0].images) == 2
    reader = PdfReader(io.BytesIO(render_certificate(sample(signature_image=jpeg()))))
    assert len(reader.pages[0].images) == 1


def test_large_scans_are_scaled_down_before_embedding():
    big = with_images(signature_image=signature_png((3000, 1200)), seal_image=seal_png(1800))
    reader = PdfReader(io.BytesIO(render_certificate(big)))
    sizes = sorted(image.image.size for image in reader.pages[0].images)
    assert all(width <= 700 and height <= 350 for width, height in sizes), sizes


@pytest.mark.parametrize("field_name", ["signature_image", "seal_image"])
@pytest.mark.parametrize("content", [b"not an image at all", b'<svg xmlns="http://www.w3.org/2000/svg"/>'])
def test_a_bad_signature_or_seal_is_refused(field_name, content):
    with pytest.raises(ImageError) as caught:
        render_certificate(sample(**{field_name: content}))
    assert caught.value.issue.message


@pytest.mark.parametrize("changes", [{"learner_name": "  "}, {"serial": ""}, {"verification_url": ""},
                                     {"issue_date": "2026-11-26"}, {"completion_date": None}])
def test_incomplete_data_is_refused(changes):
    with pytest.raises(ValueError):
        sample(**changes)


def test_unknown_labels_are_refused():
    with pytest.raises(ValueError, match="titel"):
        sample(labels={"titel": "GIẤY CHỨNG NHẬN"})


def test_reprint_of_an_old_certificate_keeps_its_own_date():
    old = render_certificate(sample(issue_date=date(2025, 1, 5)))
    assert PdfReader(io.BytesIO(old)).metadata["/CreationDate"].startswith("D:20250105")
    assert "Vũng Tàu, ngày 05 tháng 01 năm 2025" in poppler.text(old)
