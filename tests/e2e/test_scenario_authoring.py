"""Scenario authoring in Chromium: a trainer adds a journalist and a first prompt through the part forms
(add a row, fill it, move it to the top with the arrows, save: a new version), then a learner's run
opens on the new prompt."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import _violations
from tests.e2e.test_course_journey import logout
from tests.e2e.test_simulations import _login

pytestmark = pytest.mark.e2e


@pytest.fixture
def small(app, world):
    from tests.simulations.builders import minimal
    from tests.simulations.conftest import build_course, enrol

    built = build_course(world, requires_review=False, data=minimal(), slug="soan-thao")
    enrol(world, built["course"])
    return built


def _save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra và lưu").click()


def test_trainer_adds_a_journalist_and_a_prompt_that_the_learner_then_answers(page, server_url, small, world):
    record = small["record"]
    _login(page, server_url, world["people"]["trainer"].email)
    page.goto(f"{server_url}/manage/scenarios/{record.id}/parts/journalists")
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm dòng").click()
    new = page.locator(".sim-row").nth(2)
    new.get_by_label("Tên", exact=True).fill("Đỗ Minh Quân")
    new.get_by_label("Cơ quan báo chí (giả định)").fill("Báo Tin Sáng (giả định)")
    new.get_by_label("Giọng điệu", exact=True).select_option("accountability")
    _save(page)
    expect(page.locator(".alert-success")).to_contain_text("phiên bản 2")

    page.get_by_role("link", name="Câu hỏi", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm dòng").click()
    row = page.locator(".sim-row:has(#rows-3-text)")
    row.get_by_label("Nhà báo", exact=True).select_option("j3")
    row.get_by_label("Câu hỏi hoặc nội dung").fill("Vì sao thành phố chậm công bố kết quả quan trắc?")
    row.get_by_label("Thời gian trả lời (giây)").fill("aa")
    # The arrows (JavaScript) move the row to the top and renumber the order fields.
    for _step in range(3):
        row.get_by_role("button", name="Chuyển lên").click()
    assert page.locator(".sim-row").first.locator("#rows-3-text").count() == 1
    assert row.get_by_label("Thứ tự").input_value() == "1"
    _save(page)
    # A bad number is shown next to its field, in Vietnamese; nothing is saved.
    expect(row.locator(".invalid-feedback")).to_contain_text("Thời gian trả lời (giây)")
    assert _violations(page) == []
    row.get_by_label("Thời gian trả lời (giây)").fill("90")
    _save(page)
    expect(page.locator(".alert-success")).to_contain_text("phiên bản 3")
    logout(page)

    _login(page, server_url, world["people"]["learner"].email)
    page.goto(f"{server_url}/simulations/items/{small['item'].id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bắt đầu diễn tập").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Vào phòng họp báo").click()
    expect(page.get_by_text("Vì sao thành phố chậm công bố kết quả quan trắc?")).to_be_visible()
    expect(page.get_by_text("Đỗ Minh Quân")).to_be_visible()
