"""Answer checks: each kind, the matched words and offsets, levels and red flags (pure: no app)."""

import json
import unicodedata
from decimal import Decimal

import pytest

from tests.simulations.builders import answers_for, demo, load_ok, minimal
from training.core.text import nfc
from training.simulations.analysis import CHECKS, analyse_answer, analyse_run, key_message_counts
from training.simulations.findings import GOOD, NOTE, RED_FLAG, WARNING, Answer, Finding
from training.simulations.matching import EXACT
from training.simulations.model import KINDS, Prompt

SCENARIO_1 = demo("ca-chet-kenh-bau-sen")
SCENARIO_3 = demo("tin-don-nuoc-may")


def _findings(prompt_id, text, kind=None, scenario=SCENARIO_1, seconds=None, **options):
    found = analyse_answer(scenario, Answer(prompt_id, text, seconds), **options)
    return [f for f in found if kind is None or f.kind == kind]


def test_the_registry_has_one_check_per_kind_in_the_documented_order():
    assert tuple(CHECKS) == KINDS


@pytest.mark.parametrize(("prompt_id", "text", "kind", "match", "level"), [
    ("p1", "An toàn của người dân là ưu tiên số một.", "key_message", "An toàn của người dân", GOOD),
    ("p5", "Chúng tôi không bình luận về Công ty X.", "restricted_disclosure", "Công ty X", RED_FLAG),
    ("p5", "Về cong ty x thì chưa có kết luận.", "restricted_disclosure", "cong ty x", RED_FLAG),
    ("p7", "Miễn bình luận.", "evasive", "Miễn bình luận", WARNING),
    ("p7", "Mien binh luan.", "evasive", "Mien binh luan", WARNING),
    ("p7", "No comment.", "evasive", "No comment", WARNING),
    ("p7", "Tôi không có gì để nói thêm.", "evasive", "không có gì để nói", WARNING),
    ("p2", "Có lẽ trạm bị mất điện.", "speculation", "Có lẽ", WARNING),
    ("p2", "Chắc là do mưa lớn.", "speculation", "Chắc là", WARNING),
    ("p2", "Tôi đoán trạm hỏng.", "speculation", "Tôi đoán", WARNING),
    ("p2", "Cá chết có thể là do thiếu oxy.", "speculation", "có thể là do", WARNING),
    ("p6", "Nếu có kim loại nặng thì sẽ xử lý.", "speculation", "Nếu có kim loại nặng thì", WARNING),
    ("p1", "Đã thu gom khoảng 5 tấn cá.", "unsupported_number", "5", RED_FLAG),
    ("p4", "Không hề có chuyện bảo kê.", "loaded_words", "bảo kê", WARNING),
    ("p4", "Khong he co chuyen bao ke.", "loaded_words", "bao ke", WARNING),
    ("p3", "Tôi rất hiểu sự lo lắng của chị. Chưa ai nhập viện.", "empathy", "Tôi rất hiểu", GOOD),
    ("p8", "Kết quả sẽ có trong khoảng 72 giờ.", "commitment", "trong khoảng 72 giờ", GOOD),
    ("p8", "Kết quả sẽ đăng trên Cổng TTĐT.", "commitment", "Cổng TTĐT", GOOD),
    ("p1", "Đề nghị người dân không dùng cá chết.", "commitment", "Đề nghị người dân", GOOD),
    ("p7", "Chưa thể công bố vì vụ việc đang thanh tra.", "legal_basis", "đang thanh tra", GOOD),
    ("p7", "Chưa thể công bố thông tin này.", "legal_basis", "Chưa thể công bố", WARNING),
    ("p3", "Không có gì nghiêm trọng đâu chị.", "speculation", "Không có gì nghiêm trọng", RED_FLAG),
    ("p4", "Đây là câu hỏi ngớ ngẩn.", "loaded_words", "câu hỏi ngớ ngẩn", RED_FLAG),
    ("p6", "Thành phố sẽ đóng cửa khu công nghiệp.", "commitment", "sẽ đóng cửa", RED_FLAG),
    ("p2", "Nước kênh an toàn rồi.", "speculation", "Nước kênh an toàn", RED_FLAG),
])
def test_each_check_reports_the_matched_words_at_their_offsets(prompt_id, text, kind, match, level):
    found = [f for f in _findings(prompt_id, text, kind) if f.match == match]
    assert found, _findings(prompt_id, text)
    finding = found[0]
    assert finding.level == level and finding.prompt_id == prompt_id
    assert text[finding.start:finding.end] == match


@pytest.mark.parametrize(("prompt_id", "text", "kind"), [
    ("p7", "Chúng tôi sẽ trả lời khi có kết luận.", "evasive"),
    ("p2", "Chắc chắn là trạm đã mất tín hiệu từ 02:00 đến 04:00.", "speculation"),
    ("p2", "Cá chết có thể gây mùi.", "speculation"),
    ("p3", "Nếu cháu sốt thì đưa đến trạm y tế.", "speculation"),
    ("p4", "Chúng tôi hiểu sự bức xúc của người dân.", "loaded_words"),
    ("p1", "Đã thu gom 2,3 tấn trên đoạn kênh khoảng 1,2 km.", "unsupported_number"),
    ("p5", "Tôi không nêu tên doanh nghiệp nào.", "restricted_disclosure"),
    ("p1", "Chúng tôi hiểu mọi người lo lắng.", "empathy"),
    ("p1", "Đã thu gom 2,3 tấn cá.", "legal_basis"),
    ("p1", "Đã thu gom 2,3 tấn cá.", "late"),
])
def test_checks_stay_quiet_when_there_is_nothing_to_report(prompt_id, text, kind):
    assert _findings(prompt_id, text, kind) == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Đã thu gom 2,3 tấn trên khoảng 1,2 km; lấy 6 mẫu nước và 2 mẫu nước thải.", []),
    ("Đã thu gom 2.3 tấn.", []),
    ("Oxy hòa tan thấp ở 3 trên 6 điểm; số liệu 48 giờ qua trong ngưỡng.", []),
    ("Trạm mất tín hiệu từ 2 giờ đến 4 giờ sáng.", []),
    ("Video đạt 300.000 lượt xem.", []),
    ("Theo Điều 38 khoản 2 Luật Báo chí 2016 và khoản 3 Điều 8 Nghị định 09/2017/NĐ-CP.", []),
    ("Chúng tôi cập nhật lúc 17 giờ, vào lúc 9:30 và trước 20 giờ.", []),
    ("Kết quả trong 72 giờ; giám sát 24/7; đường dây nóng 1900-xxxx.", []),
    ("Khoảng 5 tấn cá trên 10 km kênh.", ["5", "10"]),
    ("Đã có 1.200 con cá chết, 92% là cá rô.", ["1.200", "92"]),
    ("Kết quả trong 48 giờ.", []),
    ("Kết quả trong 36 giờ.", ["36"]),
    ("Nước kênh ô nhiễm 4 km.", []),
    ("Nước kênh ô nhiễm 8 km.", ["8"]),
])
def test_numbers_not_on_record_are_flagged(text, flagged):
    assert [f.match for f in _findings("p1", text, "unsupported_number")] == flagged


def test_a_restricted_figure_is_one_disclosure_not_also_an_invented_figure():
    scenario = demo("khieu-nai-boi-thuong-gpmb")
    found = _findings("p5", "Hộ bà N. được 1,46 tỷ, hàng xóm được 3,2 tỷ.", scenario=scenario)
    assert [(f.kind, f.match) for f in found if f.level == RED_FLAG] == [
        ("restricted_disclosure", "1,46 tỷ"), ("unsupported_number", "3,2")]


def test_minutes_after_an_hour_are_part_of_a_clock_time():
    assert _findings("p8", "Cập nhật lúc 7 giờ 30 sáng mai.", "unsupported_number") == []


def test_a_number_the_journalist_used_may_be_repeated():
    assert _findings("p2", "Vâng, đúng 2 giờ đêm trạm mất tín hiệu.", "unsupported_number") == []
    assert _findings("p5", "Chúng tôi sẽ trả lời trong 20 phút.", "unsupported_number")[0].match == "20"
    assert _findings("p5", "Tôi lỡ mua 20 bình.", "unsupported_number", scenario=SCENARIO_3) == []


def test_a_restricted_disclosure_carries_its_legal_ground_and_red_flag():
    (finding,) = _findings("p5", "Công ty X đang bị thanh tra.", "restricted_disclosure")
    assert finding.ref == "cong-ty-x" and finding.red_flag == "restricted_disclosure"
    assert "Điều 38 khoản 2 điểm c" in finding.params["ground"]
    assert "Công ty X" in finding.text(str)


def test_without_the_red_flag_in_the_rubric_a_disclosure_is_only_a_warning():
    data = minimal()
    data["rubric"] = {"red_flags": [{"id": "premature_reassurance"}]}
    scenario = load_ok(data)
    (finding,) = _findings("p1", "Công ty X bị thanh tra.", "restricted_disclosure", scenario=scenario)
    assert (finding.level, finding.red_flag) == (WARNING, "")


@pytest.mark.parametrize(("prompt_id", "text", "level"), [
    ("p3", "Tôi rất hiểu sự lo lắng của chị. Chưa ai nhập viện.", GOOD),
    ("p3", "Chưa ai nhập viện. Đã khuyến cáo. Ngành y tế theo dõi. Tôi hiểu chị lo lắng.", NOTE),
    ("p3", "Chưa ai nhập viện. Đã khuyến cáo người dân.", WARNING),
    ("p4", "Không đúng. Chúng tôi đã vào cuộc.", WARNING),
])
def test_empathy_is_expected_first_on_emotional_and_hostile_questions(prompt_id, text, level):
    (finding,) = _findings(prompt_id, text, "empathy")
    assert finding.level == level


@pytest.mark.parametrize(("text", "refs"), [
    ("Chúng tôi sẽ báo sau.", {"missing"}),
    ("Chúng tôi cập nhật lúc 17 giờ.", {"time"}),
    ("Thông tin sẽ đăng trên trang mạng xã hội chính thức.", {"channel"}),
])
def test_a_follow_up_question_expects_a_time_or_channel(text, refs):
    assert {f.ref for f in _findings("p8", text, "commitment")} == refs


def test_legal_basis_is_expected_when_declining_or_when_the_question_probes_restricted_facts():
    (missing,) = _findings("p5", "Vâng, chúng tôi đang làm rõ.", "legal_basis")
    assert (missing.level, missing.match, missing.start) == (WARNING, "", None)
    (evasive,) = _findings("p1", "Miễn bình luận.", "legal_basis")
    assert (evasive.level, evasive.match) == (WARNING, "Miễn bình luận")
    (given,) = _findings("p5", "Không thể xác nhận: theo Điều 38 Luật Báo chí, vụ việc chưa có kết luận.", "legal_basis")
    assert (given.level, given.match) == (GOOD, "Điều 38")


@pytest.mark.parametrize(("prompt_id", "text", "refs"), [
    ("p1", "", {"empty"}),
    ("p1", "Đã thu gom.", {"summary", "too_short"}),
    ("p1", " ".join(["chữ"] * 160) + ".", {"summary", "too_long", "long_sentence"}),
    ("p1", ". ".join(["Câu ngắn này gồm đúng mười chữ để thử nghiệm"] * 16) + ".", {"summary", "too_long"}),
    ("p1", "Câu này vừa phải, có dữ kiện 2,3 tấn và thông điệp an toàn của người dân.", {"summary"}),
])
def test_length_counts_words_and_the_longest_sentence(prompt_id, text, refs):
    assert {f.ref for f in _findings(prompt_id, text, "length")} == refs


def test_a_long_sentence_is_highlighted_and_a_holding_statement_has_its_own_limit():
    text = "Mở đầu. " + " ".join(["chữ"] * 70) + ". Kết thúc."
    (long_sentence,) = [f for f in _findings("p1", text, "length") if f.ref == "long_sentence"]
    assert text[long_sentence.start:long_sentence.end] == long_sentence.match
    assert long_sentence.match.startswith("chữ chữ") and long_sentence.params["longest"] == 70
    holding = ". ".join(["Câu ngắn này gồm đúng mười chữ để thử nghiệm"] * 13) + "."
    (too_long,) = [f for f in _findings("p1", holding, "length", scenario=SCENARIO_3) if f.ref == "too_long"]
    assert too_long.params == {"words": 130, "limit": 120}


@pytest.mark.parametrize(("seconds", "late"), [(None, False), (89, False), (90, False), (91, True), (900, True)])
def test_late_compares_the_response_time_with_the_limit(seconds, late):
    found = _findings("p1", "Đã thu gom 2,3 tấn.", "late", seconds=seconds)
    assert bool(found) is late
    if late:
        assert found[0].params == {"seconds": seconds, "limit": 90}


def test_red_flag_cues_can_be_limited_to_some_prompts():
    in_holding = _findings("p1", "Nước máy an toàn, người dân yên tâm.", "speculation", scenario=SCENARIO_3)
    in_press = _findings("p2", "Nước máy an toàn, người dân yên tâm.", "speculation", scenario=SCENARIO_3)
    assert [f.red_flag for f in in_holding] == ["khang-dinh-an-toan-som"]
    assert in_press == []


def test_a_red_flag_label_from_the_common_rubric_is_translated_with_the_detail():
    (finding,) = _findings("p3", "Không có gì nghiêm trọng.", "speculation")
    catalogue = {"Red flag: %(label)s.": "Lỗi nghiêm trọng: %(label)s.",
                 "Said it is nothing serious before the results": "Nói không có gì nghiêm trọng"}
    assert finding.text(lambda m: catalogue.get(m, m)) == "Lỗi nghiêm trọng: Nói không có gì nghiêm trọng."


def test_decomposed_answers_are_analysed_in_nfc():
    text = unicodedata.normalize("NFD", "Vâng, miễn bình luận về Công ty X.")
    for finding in analyse_answer(SCENARIO_1, Answer("p5", text)):
        if finding.start is not None:
            assert nfc(text)[finding.start:finding.end] == finding.match
    kinds = {f.kind for f in analyse_answer(SCENARIO_1, Answer("p5", text))}
    assert {"evasive", "restricted_disclosure"} <= kinds


def test_exact_mode_needs_the_diacritics():
    assert _findings("p7", "Mien binh luan.", "evasive", mode=EXACT) == []


@pytest.mark.parametrize("name", ["ca-chet-good.json", "ca-chet-poor.json"])
def test_every_highlight_is_an_exact_substring_of_the_answer(name):
    answers = answers_for(SCENARIO_1, name)
    texts = {a.prompt_id: nfc(a.text) for a in answers}
    for finding in analyse_run(SCENARIO_1, answers):
        assert finding.kind in KINDS
        if finding.start is None:
            assert finding.match == "" and finding.end is None
        else:
            assert texts[finding.prompt_id][finding.start:finding.end] == finding.match != ""


def test_good_answers_raise_no_warning():
    findings = analyse_run(SCENARIO_1, answers_for(SCENARIO_1, "ca-chet-good.json"))
    assert [f for f in findings if f.level in (WARNING, RED_FLAG)] == []


def test_key_messages_are_counted_once_per_answer_over_the_run():
    answers = [Answer("p1", "An toàn của người dân là ưu tiên số một, không tắm ở kênh."),
               Answer("p3", "Vì sức khỏe của người dân, không tắm ở kênh."),
               Answer("p4", "Thành phố đã vào cuộc, minh bạch mọi việc.")]
    counts = key_message_counts(SCENARIO_1, analyse_run(SCENARIO_1, answers))
    assert counts == {"an-toan": 2, "vao-cuoc": 1, "minh-bach": 1}


def test_an_answer_to_an_unknown_prompt_is_a_programming_error():
    with pytest.raises(KeyError):
        analyse_answer(SCENARIO_1, Answer("p99", "x"))


def test_an_improvised_question_is_analysed_with_the_prompt_given():
    improvised = Prompt("live-1", "j4", "Ông có bảo kê không?", 30, loaded_words=("bảo kê",))
    found = analyse_answer(SCENARIO_1, Answer("live-1", "Không có chuyện bảo kê.", 45), prompt=improvised)
    assert {f.kind for f in found} >= {"loaded_words", "empathy", "late"}


def test_findings_survive_a_json_round_trip():
    answers = answers_for(SCENARIO_1, "ca-chet-poor.json")
    findings = analyse_run(SCENARIO_1, answers)
    stored = json.loads(json.dumps([f.as_dict() for f in findings], ensure_ascii=False))
    assert tuple(Finding.from_dict(data) for data in stored) == findings


def test_decimal_seconds_are_stored_as_text():
    (late,) = _findings("p1", "Đã thu gom 2,3 tấn.", "late", seconds=Decimal("90.5"))
    assert late.as_dict()["params"] == {"seconds": "90.5", "limit": 90}
    assert Finding.from_dict(late.as_dict()).text(str) == late.text(str)
