"""A starting point for a new scenario: every part of the schema once, in Vietnamese (pure data).

It validates as it is (tests/simulations/test_skeleton.py), so an author who changes one part
at a time always sees only the problems of what they changed. The rubric is left out, so the
common rubric of the content brief applies until the author writes one.
"""

from training.simulations.model import SCHEMA

SKELETON = {
    "schema": SCHEMA,
    "slug": "kich-ban-moi",
    "title": "Tên kịch bản",
    "city": "Tên thành phố",
    "notice": "Toàn bộ tên người, doanh nghiệp, cơ quan báo chí và số liệu là GIẢ ĐỊNH phục vụ đào tạo.",
    "role": "Bạn là người phát ngôn của …",
    "situation": "Mô tả tình huống: điều gì xảy ra, khi nào, mạng xã hội và báo chí đang nói gì.",
    "facts": {
        "on_record": [{"id": "su-kien", "text": "Dữ kiện đã xác minh, được công bố."}],
        "internal": [{"id": "dang-thanh-tra", "text": "Doanh nghiệp Y đang bị thanh tra (chỉ dùng nội bộ).",
                      "legal_ground": "Điều 38 khoản 2 điểm c Luật Báo chí 2016"}],
    },
    "key_messages": [{"id": "an-toan", "title": "An toàn của người dân là trên hết",
                      "text": "An toàn của người dân là ưu tiên số một.", "cues": ["an toàn của người dân"]}],
    "restricted": [{"id": "doanh-nghiep-y", "label": "Tên doanh nghiệp đang bị thanh tra",
                    "legal_ground": "Điều 38 khoản 2 điểm c Luật Báo chí 2016", "cues": ["doanh nghiệp Y"],
                    "fact": "dang-thanh-tra"}],
    "journalists": [{"id": "pv1", "name": "Phóng viên A", "outlet": "Báo A (giả định)", "tone": "neutral"}],
    "prompts": [{"id": "p1", "journalist": "pv1", "channel": "press_conference",
                 "text": "Câu hỏi của phóng viên?", "time_limit": 90, "loaded_words": [],
                 "coaching": "Gợi ý hiện trong phần rút kinh nghiệm."}],
    "follow_ups": [{"id": "hoi-tiep", "when": {"kind": "restricted_disclosed", "item": "doanh-nghiep-y", "prompt": "p1"},
                    "then": {"id": "p1-hoi-tiep", "journalist": "pv1", "tone": "follow_up",
                             "text": "Vậy ông xác nhận doanh nghiệp Y vi phạm?", "time_limit": 60}}],
}
