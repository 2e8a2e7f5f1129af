"""Export, then import again: the same specs come back, in GIFT and in Moodle XML."""

import pytest

from tests.paths import fixture
from training.quizzes.gift import export_gift, gift_export_warnings, parse_gift, parse_gift_bytes
from training.quizzes.moodle_xml import export_moodle_xml, parse_moodle_xml

# Items of the bank in content-brief section 5 (Luật Báo chí 2016, NĐ 09/2017, QĐ 874), plus one
# question of each other type, written the way a trainer would type them.
VIETNAMESE_BANK = """\
// Bộ đề theo Luật Báo chí 2016 (áp dụng đến 30/6/2026) và NĐ 09/2017
$CATEGORY: $course$/top/Khóa 1 — Khung pháp lý/NĐ 09//2017

// [id:Q1] [tag:NĐ 09/2017] [tag:Điều 4]
::Q1 Hình thức phát ngôn::Theo NĐ 09/2017, có bao nhiêu hình thức phát ngôn và cung cấp thông tin cho báo chí?{
\t~4
\t~5
\t=6#Đúng: Điều 4 NĐ 09/2017.
\t~8
\t####Căn cứ: NĐ 09/2017, Điều 4 (F09).
}

::Q2 Các hình thức theo Điều 4::Những hình thức nào thuộc Điều 4 NĐ 09/2017?{
\t~%33.33333%Tổ chức họp báo
\t~%33.33333%Đăng tải trên trang mạng xã hội chính thức của cơ quan
\t~%33.33333%Gửi nội dung trả lời cho nhà báo qua thư điện tử
\t~%-100%Nhắn tin trả lời qua tài khoản MXH cá nhân của người phát ngôn#Không phải kênh chính thức của cơ quan.
}

::Q5 Định kỳ hằng tháng::[markdown]Bộ và UBND cấp tỉnh phải cung cấp thông tin định kỳ cho báo chí **hằng tháng**.{T}

::Q16 Thời hạn trả lời::Cơ quan có thẩm quyền phải trả lời trên báo chí trong thời hạn {#30} ngày.

$CATEGORY: $course$/top/Khóa 1 — Khung pháp lý/Luật Báo chí 2016

::Q18 Thông báo họp báo::Phải thông báo bằng văn bản trước {~6 giờ ~12 giờ =24 giờ ~48 giờ}.

::Q28 Phạm vi áp dụng::Bộ Quy tắc ứng xử trên MXH chỉ áp dụng cho cán bộ, công chức, viên chức.{F
#Sai: áp dụng cả tổ chức, cá nhân khác.#Chính xác.}

::Q6 Người phát ngôn cấp xã::Người thực hiện phát ngôn của UBND cấp xã là ai?{=Chủ tịch UBND xã =%50%Chủ tịch xã#Gần đúng}

::Ghép điều luật::Ghép điều khoản với nội dung.{
\t=Điều 38 -> Cung cấp thông tin cho báo chí
\t=Điều 40 -> Quyền của người trả lời phỏng vấn
\t=Điều 41 -> Họp báo
\t= -> Cải chính
}

::Tình huống CERC::[html]<p>Nêu cách trả lời khi chưa đủ thông tin ("Be Right").</p>{####Nói điều đã biết, điều chưa biết.}
"""

XML_FIXTURES = ["truefalse.xml", "multichoice.xml", "sample_questions_with_old_image_tag.xml",
                "category_with_description.xml", "deprecated_category.xml", "nested_categories.xml",
                "nested_categories_with_questions.xml", "old_format_file.xml", "categories_reverse_order.xml",
                "export_category.xml", "html_chars_in_idnumbers.xml", "partial_invalid_export.xml"]
GIFT_FIXTURES = ["questions.gift.txt", "questions_in_category.gift.txt", "examples.txt"]


def test_the_vietnamese_bank_reads_as_written():
    result = parse_gift(VIETNAMESE_BANK)
    assert result.ok, result.issues
    assert result.by_type() == {"single": 2, "multiple": 1, "truefalse": 2, "numerical": 1, "shortanswer": 1,
                                "matching": 1, "essay": 1}
    q1, q2, q5, q16, q18, q28, q6, match, essay = result.questions
    assert q1.category == ("Khóa 1 — Khung pháp lý", "NĐ 09/2017") and q1.idnumber == "Q1"
    assert q1.tags == ("NĐ 09/2017", "Điều 4") and q1.general_feedback == "Căn cứ: NĐ 09/2017, Điều 4 (F09)."
    assert [c.fraction for c in q1.choices] == [0, 0, 1, 0]
    assert q2.qtype == "multiple" and q2.choices[3].feedback == "Không phải kênh chính thức của cơ quan."
    assert q5.text_format == "markdown" and q5.choices[0].fraction == 1
    assert q16.text == "Cơ quan có thẩm quyền phải trả lời trên báo chí trong thời hạn _____ ngày."
    assert q18.category == ("Khóa 1 — Khung pháp lý", "Luật Báo chí 2016")
    assert [(c.text, c.fraction, c.feedback) for c in q28.choices] == [
        ("true", 0, "Sai: áp dụng cả tổ chức, cá nhân khác."), ("false", 1, "Chính xác.")]
    assert [(c.text, c.fraction) for c in q6.choices] == [("Chủ tịch UBND xã", 1), ("Chủ tịch xã", 0.5)]
    assert match.pairs[-1].prompt == "" and essay.general_feedback == "Nói điều đã biết, điều chưa biết."


@pytest.mark.parametrize("name", GIFT_FIXTURES)
def test_gift_fixtures_survive_gift(name):
    original = parse_gift_bytes(fixture("moodle", name).read_bytes())
    again = parse_gift(export_gift(original.questions))
    assert again.ok and again.questions == original.questions
    assert gift_export_warnings(original.questions) == ()


@pytest.mark.parametrize("name", GIFT_FIXTURES)
def test_gift_fixtures_survive_moodle_xml(name):
    original = parse_gift_bytes(fixture("moodle", name).read_bytes())
    again = parse_moodle_xml(export_moodle_xml(original.questions, original.categories))
    assert again.ok and again.questions == original.questions


@pytest.mark.parametrize("name", XML_FIXTURES)
def test_moodle_xml_fixtures_survive_moodle_xml(name):
    original = parse_moodle_xml(fixture("moodle", name).read_bytes())
    assert original.questions
    again = parse_moodle_xml(export_moodle_xml(original.questions, original.categories))
    assert again.ok and again.notices == ()
    assert again.questions == original.questions and again.categories == original.categories


def test_the_vietnamese_bank_survives_both_formats():
    original = parse_gift(VIETNAMESE_BANK).questions
    assert parse_gift(export_gift(original)).questions == original
    assert parse_moodle_xml(export_moodle_xml(original)).questions == original
    via_both = parse_gift(export_gift(parse_moodle_xml(export_moodle_xml(original)).questions)).questions
    assert via_both == original


def test_xml_without_gift_only_losses_survives_gift():
    original = parse_moodle_xml(fixture("moodle", "partial_invalid_export.xml").read_bytes()).questions
    assert gift_export_warnings(original) == ()
    assert parse_gift(export_gift(original)).questions == original
