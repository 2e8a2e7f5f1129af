"""Scaffolds for written-reply prompts, from content-brief Phụ lục B (pure data).

B.1 holding statement, B.2 written reply to a press request for information, B.3 request to
publish a response or correction. These are teaching templates, not forms prescribed by law.
The scaffold text stays Vietnamese whatever the interface language: the learner writes a
Vietnamese official document. Placeholders are in square brackets; ``placeholders`` finds
the ones a learner left unfilled. Titles and checklist items are message ids.
"""

import re
from dataclasses import dataclass

from training.core.messages import N_

_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,120}\]")


@dataclass(frozen=True)
class Template:
    """A written-reply scaffold: title, Vietnamese body with placeholders, what a good reply has."""

    key: str
    title: str
    body: str
    checklist: tuple
    source: str
    max_words: int = 0


HOLDING_STATEMENT = Template(
    key="holding_statement",
    title=N_("Holding statement"),
    source="Phụ lục B.1 (CERC – F64, F65)",
    max_words=120,
    body=(
        "[Cơ quan] đã nhận được thông tin về [sự việc] lúc [giờ, ngày].\n"
        "Điều chúng tôi đã biết: [1–2 dữ kiện đã xác minh].\n"
        "Điều chúng tôi chưa biết: [nguyên nhân, phạm vi…].\n"
        "Chúng tôi đang làm: [lấy mẫu, cử đoàn kiểm tra…].\n"
        "Khuyến cáo người dân: [hành động cụ thể].\n"
        "Thông tin tiếp theo sẽ được cập nhật lúc [giờ] trên [Cổng TTĐT/trang MXH chính thức].\n"
        "Đầu mối báo chí: [họ tên, chức vụ, điện thoại, email người phát ngôn]."
    ),
    checklist=(
        N_("What is known (one or two verified facts)"),
        N_("What is not known yet"),
        N_("What is being done"),
        N_("Advice to the public"),
        N_("Time and channel of the next update"),
        N_("Press contact"),
    ),
)

WRITTEN_REPLY = Template(
    key="written_reply",
    title=N_("Written reply to a press request for information"),
    source="Phụ lục B.2 (Điều 4 khoản 4 NĐ 09/2017 – F09; Điều 39 Luật Báo chí 2016 – F30)",
    body=(
        "[TÊN CƠ QUAN]\n"
        "Số: [số]/[ký hiệu]\n"
        "V/v trả lời đề nghị cung cấp thông tin của Báo [tên báo]\n"
        "\n"
        "[Địa danh], ngày [ngày] tháng [tháng] năm [năm]\n"
        "\n"
        "Kính gửi: Báo [tên báo].\n"
        "\n"
        "Căn cứ văn bản đề nghị số [số], ngày [ngày] của Báo [tên báo], [Cơ quan] trả lời như sau:\n"
        "1. Về câu hỏi [thứ nhất]: [dữ kiện] (nguồn: [nguồn]; thời điểm: [thời điểm]).\n"
        "2. Về câu hỏi [thứ hai]: [dữ kiện] (nguồn: [nguồn]; thời điểm: [thời điểm]).\n"
        "3. Nội dung chưa thể cung cấp: [nội dung]. Căn cứ: khoản 2 Điều 38 Luật Báo chí 2016, khoản 3 Điều 8 "
        "Nghị định 09/2017/NĐ-CP; [lý do cụ thể, ví dụ: vụ việc đang giải quyết khiếu nại, chưa có kết luận]. "
        "Dự kiến có thông tin vào [thời điểm].\n"
        "\n"
        "Đề nghị Báo [tên báo] nêu rõ xuất xứ nguồn tin khi sử dụng thông tin trên (khoản 1 Điều 38 Luật Báo chí 2016).\n"
        "Đầu mối liên hệ: [họ tên, chức vụ, điện thoại, email].\n"
        "\n"
        "[NGƯỜI ĐỨNG ĐẦU / NGƯỜI PHÁT NGÔN / NGƯỜI ĐƯỢC ỦY QUYỀN]\n"
        "(Ký, ghi rõ họ tên)"
    ),
    checklist=(
        N_("Administrative form: number, subject line, reference to the request"),
        N_("Each question answered in turn: fact, source, time"),
        N_("What cannot be provided yet, with its legal ground and when it is expected"),
        N_("A request to cite the source, and a contact person"),
        N_("Signed by the head, the spokesperson or the authorised person"),
    ),
)

CORRECTION_REQUEST = Template(
    key="correction_request",
    title=N_("Request to publish a response or correction"),
    source="Phụ lục B.3 (Điều 4 khoản 6, Điều 9 khoản 2 NĐ 09/2017 – F09, F22; Điều 42 Luật Báo chí 2016 – F33)",
    body=(
        "[TÊN CƠ QUAN]\n"
        "Số: [số]/[ký hiệu]\n"
        "V/v đề nghị đăng phản hồi, cải chính\n"
        "\n"
        "Kính gửi: [Tổng Biên tập Báo …].\n"
        "\n"
        "1. Tác phẩm báo chí: bài \"[tên bài]\", chuyên mục [chuyên mục], [số báo/đường dẫn], đăng lúc [giờ, ngày].\n"
        "2. Nội dung chưa chính xác (trích nguyên văn): \"[trích dẫn]\".\n"
        "   Nội dung đúng: [nội dung đúng].\n"
        "   Bằng chứng: [văn bản, số liệu, kết luận của cơ quan có thẩm quyền – gửi kèm].\n"
        "3. Đề nghị: [đăng phản hồi / cải chính / xin lỗi] theo Điều 42 Luật Báo chí 2016 và khoản 2 Điều 9 "
        "Nghị định 09/2017/NĐ-CP; với báo điện tử, gỡ bỏ nội dung sai.\n"
        "4. Nếu đề nghị không được xử lý, [Cơ quan] sẽ kiến nghị cơ quan chủ quản, cơ quan quản lý nhà nước về "
        "báo chí [hoặc khởi kiện theo quy định].\n"
        "\n"
        "Đầu mối liên hệ: [họ tên, chức vụ, điện thoại, email].\n"
        "\n"
        "[NGƯỜI ĐỨNG ĐẦU / NGƯỜI PHÁT NGÔN]\n"
        "(Ký, ghi rõ họ tên)"
    ),
    checklist=(
        N_("The article identified exactly: title, section, issue or link, date and time"),
        N_("The wrong content quoted, the correct content, and the evidence"),
        N_("A specific request: response, correction or apology; removal from an online paper"),
        N_("What happens if the request is not handled"),
        N_("A calm, factual tone that does not attack the journalist"),
    ),
)

TEMPLATES = {template.key: template for template in (HOLDING_STATEMENT, WRITTEN_REPLY, CORRECTION_REQUEST)}


def placeholders(text):
    """Return the bracketed placeholders still in ``text``, in order ("[giờ]", ...)."""
    return tuple(_PLACEHOLDER.findall(text or ""))
