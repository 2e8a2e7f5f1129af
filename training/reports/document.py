"""What the PDF report says around the figures (pure): issuer, number, date, signer, headings.

A report to the Propaganda Board is an official Vietnamese document (báo cáo), so these words are
data with Vietnamese defaults (the demo city's Ban Tuyên giáo), not interface strings: a
deployment sets its own issuing body, recipients and signer. The date is passed in, never read
from the clock, so a frozen report prints the same date forever.
"""

from dataclasses import dataclass, field
from datetime import date

from training.reports.formatting import document_date


@dataclass(frozen=True)
class ReportLabels:
    """Headings and fixed phrases of the report (Vietnamese)."""

    general: str = "I. KẾT QUẢ CHUNG"
    by_unit: str = "II. KẾT QUẢ THEO ĐƠN VỊ"
    by_course: str = "III. KẾT QUẢ THEO KHÓA BỒI DƯỠNG"
    attention: str = "IV. NHỮNG TRƯỜNG HỢP CẦN LƯU Ý"
    proposals: str = "V. KIẾN NGHỊ, ĐỀ XUẤT"
    summary_caption: str = "Các chỉ tiêu chính"
    units_caption: str = "Kết quả bồi dưỡng theo đơn vị"
    courses_caption: str = "Kết quả theo khóa bồi dưỡng"
    uncertified: str = "1. Người phát ngôn chưa có giấy chứng nhận còn hiệu lực"
    expiring: str = "2. Giấy chứng nhận hết hạn trong %(days)s ngày tới"
    overdue: str = "3. Học viên quá hạn hoàn thành khóa bồi dưỡng"
    bar_caption: str = "Tỷ lệ người phát ngôn có giấy chứng nhận còn hiệu lực theo đơn vị"
    trend_caption: str = "Tỷ lệ người phát ngôn có giấy chứng nhận còn hiệu lực qua các kỳ"
    table: str = "Bảng %(number)s. %(caption)s"
    figure: str = "Biểu đồ %(number)s. %(caption)s"
    continued: str = "%(caption)s (tiếp theo)"
    none: str = "Không có."
    no_courses: str = "Chưa có khóa bồi dưỡng nào trong phạm vi báo cáo."
    scope: str = "(Phạm vi: %(scope)s; số liệu tính đến ngày %(as_of)s)"
    note: str = ("Ghi chú: NPN - người phát ngôn; GCN - giấy chứng nhận; KT - kiểm tra (thang điểm 100). "
                 "Số liệu của mỗi đơn vị đã bao gồm các đơn vị trực thuộc; số lượt ghi danh, hoàn thành, "
                 "quá hạn tính theo lượt đăng ký khóa học.")
    closing: str = "Trên đây là báo cáo %(subject)s./."
    recipients: str = "Nơi nhận:"


@dataclass(frozen=True)
class ReportDocument:
    """The document around the figures: header, title, closing block and PDF metadata.

    ``number`` is the registry number (left blank, the clerk writes it by hand when the report is
    registered); ``chart_depth`` limits the bar chart to the upper levels of the tree, since a
    bar per ward office of a 300-unit city would fill pages (the table has every unit).
    """

    date: date
    parent_body: str = "THÀNH ỦY VŨNG TÀU"
    issuing_body: str = "BAN TUYÊN GIÁO"
    body_mark: str = "*"
    number: str = ""
    number_label: str = "Số:"
    number_suffix: str = "BC/BTGTU"
    national_line: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    place: str = "Vũng Tàu"
    title: str = "BÁO CÁO"
    subject: str = "Kết quả bồi dưỡng người phát ngôn và cung cấp thông tin cho báo chí"
    recipients: tuple = ("Thường trực Thành ủy (để báo cáo),", "Ban Tuyên giáo Tỉnh ủy (để báo cáo),",
                         "Các chi, đảng bộ trực thuộc Thành ủy,", "Lưu Ban Tuyên giáo.")
    signer_capacity: str = "T/M BAN TUYÊN GIÁO"
    signer_title: str = "TRƯỞNG BAN"
    signer_name: str = ""
    author: str = "Ban Tuyên giáo Thành ủy Vũng Tàu"
    proposals: tuple = ()
    chart_depth: int = 1
    labels: ReportLabels = field(default_factory=ReportLabels)

    @property
    def number_line(self):
        """Return ``Số: 125-BC/BTGTU`` (with room for the number when it is not yet given)."""
        number = self.number or "\u00a0" * 6
        return f"{self.number_label} {number}-{self.number_suffix}"

    @property
    def place_date_line(self):
        """Return ``Vũng Tàu, ngày 26 tháng 11 năm 2026``."""
        return f"{self.place}, {document_date(self.date)}"

    def subtitle(self, period):
        """Return the subtitle: the subject followed by the period."""
        return f"{self.subject} {period.phrase}"
