"""Phrase lists the answer checks look for (pure data): Vietnamese first, English equivalents after.

Phrases are matched case-insensitively on whole words; a letter typed without its diacritics
matches the accented letter ("mien binh luan" finds "miễn bình luận"), see ``matching.py``.
``{N}`` stands for a number ("trong {N} giờ" finds "trong 72 giờ"). Lists prefer several
words over one: a single syllable such as "thương" (to care) would also catch "thường"
(usually) when diacritics are missing, or unrelated uses.

Sources of the lists: content-brief F64 (CERC: empathy, promote action, be right) and F67
(interview technique: no "no comment", no speculation, do not repeat loaded words), and the
rubric of section 6. Trainers tune them against sample answers with ``flask simulations check``.
"""

# "No comment" and its relatives: the public assumes the worst (F67).
EVASIVE = (
    "miễn bình luận", "xin miễn bình luận", "không bình luận", "miễn trả lời", "xin miễn trả lời",
    "không có gì để nói", "không có ý kiến gì", "không có gì để bình luận", "không muốn trả lời",
    "no comment", "nothing to say", "I won't answer",
)

# Guesses about causes or outcomes: say what is known, unknown and being done instead (F64 Be Right).
SPECULATION = (
    "có lẽ", "chắc là", "chắc do", "tôi đoán", "đoán là", "có thể là do", "có khả năng là do", "nhiều khả năng",
    "hình như", "dường như", "tôi nghĩ là", "tôi cho là", "tôi tin là do",
    "I guess", "probably", "maybe", "perhaps", "most likely",
)
# An "if ... then" answer to a hypothetical question: the first word opens the condition.
HYPOTHETICAL_IF = ("nếu", "if")
HYPOTHETICAL_THEN = ("thì", "then", "we will", "we would")

# Words of empathy and respect (F64 Express Empathy, Show Respect; rubric criterion 5).
EMPATHY = (
    "xin chia sẻ", "chia sẻ nỗi lo", "chia sẻ sự lo lắng", "chia sẻ với gia đình", "thấu hiểu", "chúng tôi hiểu",
    "tôi hiểu", "tôi rất hiểu", "hoàn toàn hiểu", "xin lỗi", "rất tiếc", "đồng cảm", "lo lắng của", "nỗi lo của",
    "sự lo lắng", "sự bức xúc", "bức xúc của", "nỗi bức xúc", "trân trọng ý kiến", "cảm ơn chị đã", "cảm ơn anh đã",
    "cảm ơn bà đã", "cảm ơn ông đã",
    "I understand", "we understand", "I am sorry", "we are sorry", "we share your concern",
)

# A time for the next update (F64 Be First; rubric criterion 6).
COMMITMENT_TIME = (
    "trong {N} giờ", "trong vòng {N} giờ", "trong khoảng {N} giờ", "trong {N} ngày", "trong vòng {N} ngày",
    "trong khoảng {N} ngày", "lúc {N} giờ", "lúc {N}", "vào lúc {N}", "trước {N} giờ", "chậm nhất {N}",
    "ngay khi có kết quả", "ngay khi có kết luận", "ngay khi có thông tin", "ngay sau khi có kết quả",
    "cập nhật định kỳ", "hằng ngày", "hàng ngày", "mỗi ngày", "hằng tuần", "hàng tuần",
    "within {N} hours", "within {N} days", "at {N}", "as soon as we have",
)
# Where updates will appear (F09: the six forms of speaking to the press; Điều 4 NĐ 09/2017).
COMMITMENT_CHANNEL = (
    "Cổng TTĐT", "cổng thông tin điện tử", "cổng thông tin", "trang thông tin điện tử", "trang TTĐT",
    "trang mạng xã hội chính thức", "trang MXH chính thức", "fanpage chính thức", "tài khoản chính thức",
    "đường dây nóng", "họp báo tiếp theo", "buổi họp báo tới", "họp báo tiếp", "thông cáo báo chí",
    "official website", "official page", "hotline", "press release",
)
# Concrete advice to the public (F64 Promote Action).
ADVICE = (
    "khuyến cáo", "đề nghị người dân", "đề nghị bà con", "người dân nên", "người dân không nên", "người dân cần",
    "bà con nên", "bà con không nên", "bà con cần", "xin người dân", "mong người dân",
    "we advise", "residents should", "people should",
)

# Declining to give information; then a legal basis is expected (F19, F28; rubric criterion 1).
DECLINE = (
    "chưa thể cung cấp", "không thể cung cấp", "chưa thể công bố", "không thể công bố", "chưa công bố",
    "chưa thể nêu", "không thể nêu", "không nêu tên", "không nêu danh tính", "chưa thể xác nhận",
    "không thể xác nhận", "không xác nhận", "chưa thể trả lời", "chưa thể thông tin", "không thể tiết lộ",
    "chưa được phép", "xin phép chưa", "xin phép không", "từ chối cung cấp", "từ chối trả lời",
    "cannot disclose", "cannot confirm", "not able to disclose",
)
# A legal basis for withholding: the law, or the legal situation it names (F19, F28, F37).
LEGAL_BASIS = (
    "Điều 38", "Luật Báo chí", "Nghị định 09", "Nghị định số 09", "NĐ 09", "khoản 3 Điều 8", "Điều 8 khoản 3",
    "đang thanh tra", "chưa có kết luận", "đang điều tra", "cơ quan điều tra", "đang giải quyết khiếu nại",
    "đang giải quyết tố cáo", "đang xác minh", "bí mật đời tư", "bí mật nhà nước", "thông tin cá nhân",
    "Press Law", "under investigation", "under inspection",
)

# Default cue phrases of the common red flags (content-brief section 6).
PREMATURE_BLAME = (
    "là thủ phạm", "chính là thủ phạm", "chắc chắn là do", "chắc chắn đã vi phạm", "lỗi hoàn toàn thuộc về",
    "is to blame", "is the culprit",
)
OVERPROMISE = (
    "chắc chắn sẽ kỷ luật", "sẽ kỷ luật ngay", "cam kết kỷ luật", "sẽ cách chức", "sẽ đình chỉ công tác ngay",
    "sẽ đóng cửa", "cam kết bồi thường toàn bộ",
    "will be fired", "we will shut down",
)
PREMATURE_REASSURANCE = (
    "không có gì nghiêm trọng", "không có gì đáng lo", "không có gì phải lo", "hoàn toàn an toàn",
    "nothing serious", "completely safe", "nothing to worry about",
)
INSULTS = (
    "câu hỏi ngớ ngẩn", "câu hỏi vô duyên", "hỏi linh tinh", "không hiểu gì cả", "báo lá cải", "bịa chuyện",
    "stupid question", "fake news media",
)

# Words before a number that make it a reference, not a figure ("Điều 38", "năm 2016", "NĐ 09").
NUMBER_REFERENCE_WORDS = (
    "điều", "khoản", "điểm", "chương", "mục", "số", "năm", "nghị định", "nđ", "quyết định", "qđ", "thông tư", "tt",
    "luật báo chí", "luật", "thông điệp", "câu", "phụ lục", "article", "decree", "law", "no.",
)
# Words before a number that make it a clock time, not a figure ("lúc 17 giờ", the "30" of "7 giờ 30").
CLOCK_WORDS = ("lúc", "vào lúc", "trước", "giờ", "at", "by")

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("TP", "Tp", "TS", "ThS", "PGS", "GS", "BS", "St", "Mr", "Mrs", "Dr")

# Sound-bite sizes (F67: a key message in about 20 seconds, roughly 40-60 spoken words).
SOUND_BITE_WORDS = (40, 60)
# A spoken answer longer than this is more than two or three sound bites.
MAX_SPOKEN_WORDS = 150
# A sentence longer than this cannot be quoted as it stands.
MAX_SENTENCE_WORDS = 60
# Phụ lục B.1: a holding statement has at most 120 words.
MAX_HOLDING_WORDS = 120
# A spoken answer shorter than this rarely gives facts and a message.
MIN_SPOKEN_WORDS = 12
