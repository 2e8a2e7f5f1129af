"""Structured scenario authoring through the test client: one page per part, each save a whole-scenario check."""

import pytest
from sqlalchemy import func, select

from training.courses.models import LegalCitation, LegalDocument
from training.extensions import db
from training.simulations import parts
from training.simulations.models import ScenarioVersion
from training.simulations.services import scenarios


def _url(record, part):
    return f"/manage/scenarios/{record.id}/parts/{part}"


def _current(record):
    db.session.expire_all()
    return scenarios.current_version(record)


def _versions(record):
    return db.session.scalar(select(func.count()).select_from(ScenarioVersion)
                             .where(ScenarioVersion.scenario_id == record.id))


def _form(record, part, change=None):
    """Return the POST data the part's page would send for the current version, after ``change(values)``."""
    spec = parts.part(part)
    values = parts.part_values(_current(record).data, spec)
    if change:
        change(values)
    data = {"base_version": str(record.current_version)}
    for name, value in values["fields"].items():
        data[name] = value
    for list_name, rows in values["lists"].items():
        for index, row in enumerate(rows):
            for name, value in row.items():
                if name == "origin":
                    value = "" if value is None else str(value)
                if value is False:
                    continue
                data[f"{list_name}-{index}-{name}"] = "y" if value is True else value
            data.setdefault(f"{list_name}-{index}-position", str(index + 1))
    return data


@pytest.fixture
def trainer(login_as, small):
    return login_as("trainer")


@pytest.mark.parametrize("part", parts.PART_NAMES)
def test_every_part_page_shows_the_current_values_in_vietnamese(trainer, small, part):
    page = trainer.get(_url(small["record"], part)).get_data(as_text=True)
    assert "Kiểm tra và lưu" in page
    assert "JSON (nâng cao)" in page
    if part == "journalists":
        assert "Phóng viên A" in page and "Báo A (giả định)" in page


@pytest.mark.parametrize("part", parts.PART_NAMES)
def test_saving_a_part_unchanged_makes_no_new_version(trainer, small, part):
    record = small["record"]
    before = _versions(record)
    response = trainer.post(_url(record, part), data=_form(record, part))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert _versions(record) == before


def test_adding_a_journalist_makes_a_new_version_with_a_fresh_id(trainer, small):
    record = small["record"]

    def add(values):
        values["lists"]["rows"].append({"origin": None, "id": "", "name": "Nhà báo Lê Văn C", "outlet": "Đài C (giả định)",
                                        "tone": "accountability"})

    response = trainer.post(_url(record, "journalists"), data=_form(record, "journalists", add))
    assert response.status_code == 302
    version = _current(record)
    assert version.number == 2
    assert version.data["journalists"][-1] == {"id": "j3", "name": "Nhà báo Lê Văn C", "outlet": "Đài C (giả định)",
                                               "tone": "accountability"}
    assert "phiên bản 2" in trainer.get(response.headers["Location"]).get_data(as_text=True)


def test_an_invalid_tone_is_refused_next_to_its_field_and_nothing_changes(trainer, small):
    record = small["record"]

    def bad(values):
        values["lists"]["rows"][1]["tone"] = "giận dữ"

    response = trainer.post(_url(record, "journalists"), data=_form(record, "journalists", bad))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="rows-1-tone-error"' in page
    error = page.split('id="rows-1-tone-error"', 1)[1].split("</div>", 1)[0]
    assert "Giọng điệu" in error and "giận dữ" in error
    assert _versions(record) == 1


def test_removing_a_journalist_the_prompts_use_is_refused_with_the_prompt_named(trainer, small):
    record = small["record"]

    def remove(values):
        values["lists"]["rows"][1]["remove"] = True

    response = trainer.post(_url(record, "journalists"), data=_form(record, "journalists", remove))
    assert response.status_code == 400
    assert "prompts[1].journalist" in response.get_data(as_text=True)
    assert _versions(record) == 1


def test_prompts_are_reordered_by_their_numbers_and_a_new_prompt_is_added(trainer, small):
    record = small["record"]

    def change(values):
        rows = values["lists"]["rows"]
        rows[0]["position"], rows[2]["position"] = "3", "1"
        rows.append({"origin": None, "id": "p9", "journalist": "j2", "channel": "press_email_reply", "tone": "",
                     "text": "Đề nghị trả lời bằng văn bản trước 17 giờ.", "time_limit": "300",
                     "loaded_words": "che giấu\nbưng bít", "coaching": "Trả lời bằng văn bản, đúng hạn.",
                     "written": True, "touches": "", "position": "4"})

    response = trainer.post(_url(record, "prompts"), data=_form(record, "prompts", change))
    assert response.status_code == 302
    prompts = _current(record).data["prompts"]
    assert [p["id"] for p in prompts] == ["p3", "p2", "p1", "p9"]
    assert prompts[3]["loaded_words"] == ["che giấu", "bưng bít"]
    assert prompts[3]["written"] is True and prompts[3]["time_limit"] == 300
    assert prompts[3]["coaching"] == "Trả lời bằng văn bản, đúng hạn."


def test_a_time_limit_that_is_not_a_number_is_refused_on_that_row(trainer, small):
    record = small["record"]

    def bad(values):
        values["lists"]["rows"][0]["time_limit"] = "một phút"

    response = trainer.post(_url(record, "prompts"), data=_form(record, "prompts", bad))
    assert response.status_code == 400
    assert 'id="rows-0-time_limit-error"' in response.get_data(as_text=True)
    assert _versions(record) == 1


def test_the_add_row_button_shows_an_empty_row_and_saves_nothing(trainer, small):
    record = small["record"]
    response = trainer.post(_url(record, "key_messages"), data={**_form(record, "key_messages"), "add": "rows"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'name="rows-1-id"' in page and 'name="rows-2-id"' not in page
    assert _versions(record) == 1


def test_brief_sets_the_preparation_time_and_refuses_one_out_of_range(trainer, small):
    record = small["record"]

    def too_long(values):
        values["fields"]["preparation_minutes"] = "500"

    response = trainer.post(_url(record, "brief"), data=_form(record, "brief", too_long))
    assert response.status_code == 400
    assert 'id="preparation_minutes-error"' in response.get_data(as_text=True)

    def ten(values):
        values["fields"]["preparation_minutes"] = "10"
        values["lists"]["on_record"].append({"origin": None, "id": "", "text": "Đường dây nóng 1900 xxxx (giả định)."})

    assert trainer.post(_url(record, "brief"), data=_form(record, "brief", ten)).status_code == 302
    data = _current(record).data
    assert data["preparation_minutes"] == 10
    assert data["facts"]["on_record"][-1]["text"] == "Đường dây nóng 1900 xxxx (giả định)."


def test_a_legal_ground_cites_a_register_document_which_then_lists_the_scenario(trainer, small):
    record = small["record"]

    def unknown(values):
        values["lists"]["rows"][0].update(legal_document="luat-khong-co", legal_article="Điều 1")

    response = trainer.post(_url(record, "restricted"), data=_form(record, "restricted", unknown))
    assert response.status_code == 400
    assert "luat-khong-co" in response.get_data(as_text=True).split('id="rows-0-legal_document-error"', 1)[1][:400]
    assert _versions(record) == 1

    def cite(values):
        values["lists"]["rows"][0].update(legal_document="luat-bao-chi-2016", legal_article="Điều 38 khoản 2 điểm c")

    assert trainer.post(_url(record, "restricted"), data=_form(record, "restricted", cite)).status_code == 302
    assert _current(record).data["restricted"][0]["legal_ref"] == {"document": "luat-bao-chi-2016",
                                                                   "article": "Điều 38 khoản 2 điểm c"}
    document = db.session.scalar(select(LegalDocument).where(LegalDocument.code == "luat-bao-chi-2016"))
    citation = db.session.scalar(select(LegalCitation).where(LegalCitation.target_type == "scenario"))
    assert (citation.document_id, citation.target_id, citation.article) == (document.id, record.id,
                                                                            "Điều 38 khoản 2 điểm c")
    register = trainer.get(f"/manage/legal/{document.id}").get_data(as_text=True)
    assert record.title in register


def test_a_follow_up_rule_keeps_only_the_condition_fields_of_its_kind(trainer, small):
    record = small["record"]

    def add(values):
        values["lists"]["rows"].append({
            "origin": None, "id": "", "kind": "evasive_answer", "item": "x", "message": "km1", "watched": "p2",
            "after": "", "then_id": "f2", "then_journalist": "j1", "then_channel": "press_conference", "then_tone": "",
            "then_text": "Ông chưa trả lời câu hỏi của tôi?", "then_time_limit": "45", "then_loaded_words": "",
            "then_coaching": ""})

    assert trainer.post(_url(record, "follow_ups"), data=_form(record, "follow_ups", add)).status_code == 302
    rule = _current(record).data["follow_ups"][-1]
    assert rule["when"] == {"kind": "evasive_answer", "prompt": "p2"}
    assert rule["then"]["id"] == "f2" and rule["then"]["time_limit"] == 45


def test_the_rubric_defaults_to_the_common_one_and_refuses_criteria_not_adding_up(trainer, small):
    record = small["record"]
    page = trainer.get(_url(record, "rubric")).get_data(as_text=True)
    assert page.count('name="criteria-') >= 7 * 3

    def threshold(values):
        values["fields"]["pass_threshold"] = "80"

    assert trainer.post(_url(record, "rubric"), data=_form(record, "rubric", threshold)).status_code == 302
    assert _current(record).data["rubric"] == {"pass_threshold": 80}

    def points(values):
        values["lists"]["criteria"][0]["points"] = "10"

    response = trainer.post(_url(record, "rubric"), data=_form(record, "rubric", points))
    assert response.status_code == 400
    assert "90" in response.get_data(as_text=True)
    assert _current(record).data["rubric"] == {"pass_threshold": 80}


def test_a_save_over_a_newer_version_is_refused(trainer, small):
    record = small["record"]
    stale = _form(record, "key_messages")
    assert trainer.post(_url(record, "journalists"), data=_form(record, "journalists", lambda v: v["lists"]["rows"][0]
                                                                .update(name="Phóng viên A2"))).status_code == 302
    assert trainer.post(_url(record, "key_messages"), data=stale).status_code == 409
    assert _versions(record) == 2


def test_an_unknown_part_is_not_found(trainer, small):
    assert trainer.get(_url(small["record"], "khac")).status_code == 404


def test_a_new_scenario_starts_from_the_skeleton_under_its_own_title_and_address(trainer, small):
    response = trainer.post("/manage/scenarios/new", data={"title": "Ngập lụt cục bộ (giả định)", "slug": "ngap-lut"})
    assert response.status_code == 302
    record = scenarios.db_scenario_by_slug("ngap-lut")
    assert response.headers["Location"].endswith(f"/manage/scenarios/{record.id}/parts/brief")
    assert _current(record).data["title"] == "Ngập lụt cục bộ (giả định)"
    assert _current(record).data["journalists"][0]["id"] == "pv1"


@pytest.mark.parametrize(("slug", "message"), [("thu-nghiem", "Đã có kịch bản với địa chỉ này"), ("Ngập Lụt", "chữ thường")])
def test_a_new_scenario_needs_an_address_of_its_own(trainer, small, slug, message):
    response = trainer.post("/manage/scenarios/new", data={"title": "Kịch bản", "slug": slug})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _versions(small["record"]) == 1
