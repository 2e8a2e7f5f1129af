"""Simulation journey in Chromium: a learner runs scenario 1, names "Công ty X" on prompt 5 and is pressed
on it, answers another prompt with "miễn bình luận", records one spoken answer (fake microphone),
reloads without losing a draft, sees the debrief; a trainer reviews the run (hearing the recording)
and the learner's course progress updates."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

GOOD = ("Tôi rất chia sẻ lo lắng của người dân. An toàn của người dân là ưu tiên số một. Chúng tôi sẽ thông tin "
        "lúc 17 giờ trên Cổng thông tin điện tử.")


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def _send(page, text):
    page.locator("#sim-text").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi câu trả lời").click()


@pytest.fixture
def page(browser):
    """A page in a Chromium whose microphone is a fake device (no permission prompt)."""
    from tests.e2e.conftest import CHROMIUM_ARGS, _chromium_path

    media = browser.browser_type.launch(executable_path=_chromium_path(), args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"])
    context = media.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()
    media.close()


@pytest.fixture
def sim(app, world):
    from tests.simulations.conftest import build_course, enrol

    built = build_course(world)
    enrol(world, built["course"])
    return built


def test_learner_runs_the_press_conference_and_the_trainer_reviews_it(page, server_url, sim, world):
    _login(page, server_url, world["people"]["learner"].email)
    page.goto(f"{server_url}/simulations/items/{sim['item'].id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bắt đầu diễn tập").click()
    expect(page.get_by_text("Dữ kiện được công bố")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Vào phòng họp báo").click()
    expect(page.get_by_text("Đến giờ có bao nhiêu cá chết")).to_be_visible()
    assert page.locator("#sim-countdown").inner_text().startswith("1:")

    # Typed text is saved as the learner types and survives a reload.
    page.locator("#sim-text").press_sequentially("Đang soạn câu trả lời")
    page.wait_for_selector("#sim-saved:has-text('Đã lưu lúc')")
    page.reload()
    assert page.locator("#sim-text").input_value() == "Đang soạn câu trả lời"

    _send(page, GOOD)
    _send(page, "Miễn bình luận.")
    # Prompt 3: a spoken answer recorded with the fake microphone, with typed notes alongside.
    page.get_by_role("button", name="Ghi âm câu trả lời").click()
    page.wait_for_selector("#sim-record-status:has-text('Đang ghi âm')")
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Dừng ghi âm").click()
    page.wait_for_selector("#sim-record-status:has-text('Đã lưu bản ghi âm')")
    assert page.locator("#sim-audio").get_attribute("src")
    _send(page, GOOD)
    _send(page, GOOD)
    expect(page.get_by_text("Chúng tôi có nguồn tin là Công ty X")).to_be_visible()
    _send(page, "Đúng là Công ty X đang bị thanh tra.")
    expect(page.get_by_text("Vậy ông xác nhận Công ty X vi phạm?")).to_be_visible()
    expect(page.get_by_text("Hỏi tiếp", exact=True)).to_be_visible()
    while page.locator("#sim-text").count():
        _send(page, GOOD)

    assert "/debrief" in page.url
    disclosure = page.locator("mark[data-kind=restricted_disclosure]").first
    assert disclosure.inner_text() == "Công ty X"
    expect(page.get_by_text("Điều 38").first).to_be_visible()
    assert page.locator("mark[data-kind=evasive]").first.inner_text() == "Miễn bình luận"
    expect(page.get_by_text("Giảng viên sẽ chấm và kết luận")).to_be_visible()
    assert page.locator(".sim-answer audio").count() == 1
    page.screenshot(path="/tmp/simulations-full-e2e-debrief.png", full_page=True)

    page.context.clear_cookies()
    _login(page, server_url, world["people"]["trainer"].email)
    page.goto(f"{server_url}/manage/simulations/reviews")
    with page.expect_navigation():
        page.get_by_role("link", name="Chấm bài", exact=True).first.click()
    audio = page.locator(".sim-answer audio").first.get_attribute("src")
    assert page.request.get(server_url + audio).status == 200
    for criterion, points in (("legal", 10), ("accuracy", 18), ("key_messages", 15), ("technique", 12),
                              ("empathy", 10), ("action", 10), ("delivery", 10)):
        page.locator(f"#criterion-{criterion}").fill(str(points))
    page.locator("#flag-restricted_disclosure").uncheck()
    page.get_by_label("Nhận xét chung cho học viên").fill("Không nhắc tên doanh nghiệp khi đang thanh tra.")
    page.get_by_label("Đạt", exact=True).check()
    page.screenshot(path="/tmp/simulations-full-e2e-review.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu kết quả chấm").click()
    expect(page.get_by_text("Đã lưu kết quả chấm")).to_be_visible()

    from training.courses.models import ItemResult
    from training.extensions import db

    db.session.expire_all()
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == sim["item"].id))
    assert result.passed and result.completed_at is not None

    page.context.clear_cookies()
    _login(page, server_url, world["people"]["learner"].email)
    page.goto(f"{server_url}/courses/{sim['course'].slug}")
    expect(page.get_by_text("100%").first).to_be_visible()
