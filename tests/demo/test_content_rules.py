"""Content rules: lessons follow the brief's outline, are long enough, cite what they state, teach no UNVERIFIED item."""

import re

import pytest

from tests.demo import brief
from training.demo.content_loader import load_courses, load_quiz_bank

COURSES = load_courses()
BANK = load_quiz_bank(courses=COURSES)
LESSONS = [(course, lesson) for course in COURSES for lesson in course.lessons]
IDS = [f"{course.slug}/{lesson.file}" for course, lesson in LESSONS]
# A sentence that names an unverified point must also say so with one of these.
CAVEATS = ("chưa được xác minh", "chưa xác minh", "không dạy", "chưa được đối chiếu", "chưa đối chiếu",
           "cần đối chiếu", "pháp chế đối chiếu", "chưa tìm thấy", "không viện dẫn", "không nêu con số")
# How a lesson names a document right after an article ("khoản 2 Điều 5 NĐ 09/2017/NĐ-CP").
DOCUMENT_NAMES = {
    "NĐ 09/2017": "nd-09-2017", "Nghị định 09/2017": "nd-09-2017", "NĐ 119/2020": "nd-119-2020",
    "Luật Báo chí 2016": "luat-bao-chi-2016", "QĐ 874/QĐ-BTTTT": "qd-874-btttt",
}
ARTICLE_MENTION = re.compile(r"Điều (\d+) (" + "|".join(map(re.escape, DOCUMENT_NAMES)) + ")")


def sentences(text):
    """Split Markdown into lines, then lines into sentences (bold markers removed)."""
    for line in text.replace("**", "").splitlines():
        yield from (part for part in re.split(r"(?<=[.!?])\s+", line) if part.strip())


def all_texts():
    """Every prose text a learner sees: lesson bodies and titles, course notices, questions and feedback."""
    for course in COURSES:
        yield course.slug, course.summary + "\n" + course.legal_notice
        for module in course.modules:
            yield course.slug, module.title + "\n" + module.summary
        for lesson in course.lessons:
            yield f"{course.slug}/{lesson.file}", lesson.title + "\n" + lesson.body
    for question in BANK.questions:
        parts = [question.text, question.general_feedback, *(choice.feedback for choice in question.choices)]
        yield question.id, "\n".join(parts)
    for quiz in BANK.quizzes:
        yield quiz.slug, quiz.intro


# ---------------------------------------------------------------- structure follows section 4 of the brief


def test_courses_modules_and_lessons_carry_the_titles_of_the_outline():
    ours = [(c.title, [(m.title, [lesson.title for lesson in m.lessons]) for m in c.modules]) for c in COURSES]
    assert ours == brief.outline()


def test_simulations_point_at_the_scenarios_of_the_simulation_feature():
    placeholders = {(course.slug, lesson.scenario) for course, lesson in LESSONS if lesson.kind == "simulation_placeholder"}
    assert placeholders == {("ky-nang-hop-bao-phong-van", "ca-chet-kenh-bau-sen"),
                            ("xu-ly-khung-hoang-cai-chinh", "tin-don-nuoc-may")}
    assert COURSES[1].lessons[11].alternative_scenarios == ("khieu-nai-boi-thuong-gpmb",)
    assert COURSES[1].lessons[11].kind == COURSES[2].lessons[9].kind == "simulation_placeholder"


# ---------------------------------------------------------------- length


@pytest.mark.parametrize("lesson", COURSES[0].lessons, ids=lambda lesson: lesson.file)
def test_every_lesson_of_course_one_is_written_in_full(lesson):
    assert lesson.depth == "full"
    assert lesson.word_count >= 350, f"{lesson.file}: {lesson.word_count} words"
    for heading in ("## Mục tiêu bài học", "## Hoạt động", "## Ghi nhớ"):
        assert heading in lesson.body, f"{lesson.file} lacks {heading}"


@pytest.mark.parametrize("course", COURSES[1:], ids=lambda course: course.slug)
def test_courses_two_and_three_have_full_lessons_and_real_short_ones(course):
    full = [lesson for lesson in course.lessons if lesson.depth == "full"]
    assert len(full) >= 2
    for lesson in full:
        assert lesson.word_count >= 350, lesson.file
        assert "## Hoạt động" in lesson.body, lesson.file
    for lesson in course.lessons:
        assert lesson.word_count >= 120, f"{lesson.file}: {lesson.word_count} words"
        assert "## Mục tiêu bài học" in lesson.body and "## Ghi nhớ" in lesson.body, lesson.file


# ---------------------------------------------------------------- citations


@pytest.mark.parametrize(("course", "lesson"), LESSONS, ids=IDS)
def test_a_lesson_that_names_an_article_has_citations(course, lesson):
    if re.search(r"Điều \d+", lesson.body):
        assert [c for c in lesson.citations if c.article.startswith("Điều")], lesson.file


@pytest.mark.parametrize(("course", "lesson"), LESSONS, ids=IDS)
def test_every_cited_article_appears_in_the_lesson(course, lesson):
    for citation in lesson.citations:
        if m := re.match(r"Điều (\d+)(?: khoản (\d+))?", citation.article):
            assert re.search(rf"Điều {m.group(1)}\b", lesson.body), f"{lesson.file}: {citation}"
            if m.group(2):
                clause = rf"(khoản {m.group(2)}\b[^.;|]*Điều {m.group(1)}\b|Điều {m.group(1)} k(hoản )?{m.group(2)}\b)"
                assert re.search(clause, lesson.body, re.IGNORECASE), f"{lesson.file}: {citation}"


@pytest.mark.parametrize(("course", "lesson"), LESSONS, ids=IDS)
def test_every_article_named_in_the_text_is_in_the_citation_list(course, lesson):
    cited = {(c.document, c.article.split(" khoản")[0]) for c in lesson.citations}
    for sentence in sentences(lesson.body):
        if any(c in sentence.lower() for c in CAVEATS):
            continue  # an article named only to say it is not verified (Điều 7 NĐ 09) is not cited
        for number, name in ARTICLE_MENTION.findall(sentence):
            assert (DOCUMENT_NAMES[name], f"Điều {number}") in cited, f"{lesson.file}: Điều {number} {name}"


def test_lessons_that_cite_the_2016_law_are_the_ones_to_flag_when_it_is_superseded():
    citing = {lesson.file for course, lesson in LESSONS if any(c.document == "luat-bao-chi-2016" for c in lesson.citations)}
    assert len(citing) >= 15
    assert sum(any(c.document == "luat-bao-chi-2016" for c in q.citations) for q in BANK.questions) >= 8


# ---------------------------------------------------------------- legal currency (section 1) and corrections (section 3)


def test_course_one_presents_the_2016_framework_as_applying_until_30_june_2026():
    course = COURSES[0]
    assert "khung áp dụng đến 30/6/2026 — nền tảng nghiệp vụ" in course.legal_notice
    update = course.lessons[0].body
    for needle in ("126/2025/QH15", "01/7/2026", "10/12/2025", "4 chương, 51 điều", "khung áp dụng đến 30/6/2026"):
        assert needle in update
    assert all(c.legal_notice for c in COURSES)


def test_the_2025_law_is_cited_without_article_numbers():
    for where, text in all_texts():
        assert not re.search(r"Điều \d+ (của )?Luật Báo chí 2025", text), where
        assert "Điều 35" not in text, where  # the draft's number for removal of content, not verified
    for course, lesson in LESSONS:
        assert all(c.article == "" for c in lesson.citations if c.document == "luat-bao-chi-2025"), lesson.file


# Each pattern names an UNVERIFIED item (or a correction of section 3); a sentence that matches it must
# carry a caveat (or the listed exception) — otherwise a lesson would be teaching it as a fact.
UNVERIFIED_CLAIMS = {
    "F15 (24 hours: only the press-conference notice of Điều 41)": (r"24 giờ", ("Điều 41",)),
    "F20 (later clauses of Điều 8)": (r"khoản [4-9] Điều 8 (NĐ|Nghị định) 09|Điều 8 (NĐ 09[^ ]* )?khoản [4-9]|khoản tiếp theo của Điều 8", ()),
    "F23 (Điều 7 NĐ 09, head's duties)": (r"Điều 7 (NĐ|Nghị định) 09|trách nhiệm của người đứng đầu", ()),
    "F29 (drafts being prepared)": (r"đang soạn thảo", ()),
    "F35 (deadline for corrections)": (r"khoản 5 Điều 42|thời hạn[^.]*cải chính|cải chính[^.]*thời hạn", ("Điều 9 NĐ",)),
    "F45 (civil servants' own rules)": (r"báo cáo cơ quan chủ quản|quy tắc riêng|số điều[^.]*từng nhóm", ()),
    "F55 (sanction for spokesperson rules)": (r"xử phạt riêng", ()),
    "W3 (new decree issued)": (r"[Nn]ghị định mới", ("dự thảo",)),
    "W6 (NĐ 119 amended)": (r"14/2022|(NĐ|Nghị định) 119[^.]*(sửa đổi|thay thế)", ()),
    "W7 (NĐ 09 no longer in force)": (r"(NĐ|Nghị định) 09[^.]*(hết hiệu lực|tình trạng hiệu lực)", ()),
    "F62 (number of the 2019 circular)": (r"\d+/2019/TT-BTTTT", ()),
}


@pytest.mark.parametrize(("pattern", "exceptions"), UNVERIFIED_CLAIMS.values(), ids=UNVERIFIED_CLAIMS.keys())
def test_no_unverified_item_is_taught_as_a_fact(pattern, exceptions):
    offenders = []
    for where, text in all_texts():
        for sentence in sentences(text):
            if not re.search(pattern, sentence):
                continue
            lowered = sentence.lower()
            if not any(c in lowered for c in CAVEATS) and not any(e in sentence for e in exceptions):
                offenders.append(f"{where}: {sentence}")
    assert not offenders, "\n".join(offenders)


def test_the_old_correction_deadlines_are_not_taught():
    for where, text in all_texts():
        for sentence in sentences(text):
            if "cải chính" in sentence:
                assert not re.search(r"\b(5|10) ngày\b", sentence), f"{where}: {sentence}"


CORRECTIONS = {
    "Điều 38 is not a right of access": (r"Điều 38[^.]*quyền tiếp cận", ("không phải",)),
    "Điều 8 is not 'cases of not speaking'": (r"Điều 8[^.]*các trường hợp không phát ngôn", ("không",)),
    "UBND tỉnh holds press conferences at least quarterly": (r"họp báo hằng tháng", ("ít nhất 3 tháng",)),
    "UBND tỉnh needs no permission 24 hours ahead": (r"xin phép[^.]*(họp báo|24 giờ)|(họp báo|24 giờ)[^.]*xin phép", ("không", "trách nhiệm")),
}


@pytest.mark.parametrize(("pattern", "needs"), CORRECTIONS.values(), ids=CORRECTIONS.keys())
def test_the_corrections_of_section_3_are_respected(pattern, needs):
    for where, text in all_texts():
        for sentence in sentences(text):
            if re.search(pattern, sentence):
                assert any(n in sentence for n in needs), f"{where}: {sentence}"


@pytest.mark.parametrize(("course", "lesson"), LESSONS, ids=IDS)
def test_lessons_rely_only_on_verified_or_partial_facts(course, lesson):
    assert not set(lesson.facts) & brief.UNVERIFIED, lesson.file
    assert set(lesson.unverified_mentions) <= brief.UNVERIFIED, lesson.file
    if lesson.unverified_mentions:
        lowered = lesson.body.lower()
        assert any(c in lowered for c in CAVEATS), lesson.file


def test_the_unverified_list_matches_the_brief_tally():
    tally = re.search(r"\| Dữ kiện F01–F67 \|[^\n]*\((F[^)]*)\)", brief.text()).group(1)
    assert {f.strip() for f in tally.split(",")} == {f for f in brief.UNVERIFIED if f.startswith("F")}


def test_the_24_hour_claim_is_flagged_where_urgent_statements_are_taught():
    urgent = COURSES[0].lessons[7]
    assert "F15" in urgent.unverified_mentions
    assert 'không dạy "NĐ 09 quy định 24 giờ"' in urgent.body.replace("**", "").lower().replace("nđ", "NĐ")
    assert "chậm nhất là một (01) ngày" in urgent.body and "QĐ 25/2013" in urgent.body
