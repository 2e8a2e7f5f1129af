"""Live mode in two browsers: the trainer pushes a question, the learner's page shows it without a reload,
the learner names a restricted item, the console shows the answer with the disclosure finding, then an
improvised question reaches the learner the same way."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(f"{base}/")


@pytest.fixture
def live_class(app, world):
    from tests.simulations.conftest import build_course
    from training.core.time import utcnow
    from training.courses.services import enrolment
    from training.extensions import db

    built = build_course(world)
    admin = world["people"]["admin"]
    training_class = enrolment.save_class(admin, None, built["course"], {
        "name": "Lớp phát ngôn khóa I/2026", "unit_id": world["units"]["PVHTT"].id,
        "trainer_id": world["people"]["trainer"].id}, utcnow())
    enrolment.enrol_people(admin, built["course"], [world["people"]["learner"]], utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=training_class)
    db.session.commit()
    return {**built, "class": training_class}


@pytest.fixture
def two_pages(browser):
    contexts = [browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}) for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(15000)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def test_trainer_runs_a_live_session_and_the_learner_follows_without_reloading(two_pages, server_url, live_class,
                                                                               world):
    trainer, learner = two_pages
    _login(trainer, server_url, world["people"]["trainer"].email)
    trainer.goto(f"{server_url}/manage/classes/{live_class['class'].id}")
    trainer.get_by_role("link", name="Chạy trực tiếp").click()
    trainer.get_by_label("Kịch bản").select_option(label=live_class["record"].title)
    with trainer.expect_navigation():
        trainer.get_by_role("button", name="Mở buổi diễn tập").click()
    expect(trainer.get_by_role("heading", name=live_class["record"].title)).to_be_visible()

    _login(learner, server_url, world["people"]["learner"].email)
    learner.goto(f"{server_url}/courses/{live_class['course'].slug}")
    learner.get_by_role("link", name="Vào buổi diễn tập trực tiếp").click()
    expect(learner.get_by_text("Đang chờ câu hỏi đầu tiên")).to_be_visible()
    learner.evaluate("window.liveMarker = 'same page'")  # gone if the page reloads

    with trainer.expect_navigation():
        trainer.locator("#live-push-next").click()
    expect(learner.locator("#live-question")).to_contain_text("Đến giờ có bao nhiêu cá chết", timeout=5000)
    expect(learner.locator("#live-journalist")).to_have_text("Trần Minh Khoa")
    assert learner.locator("#live-countdown").inner_text().startswith("1:")

    learner.locator("#live-text").fill("Theo thông tin ban đầu, Công ty X đang bị thanh tra.")
    learner.get_by_role("button", name="Gửi câu trả lời").click()
    expect(learner.locator("#live-saved")).to_contain_text("Đã gửi lúc")

    answer = trainer.locator(".live-answer", has_text="Lê Học Viên")
    expect(answer).to_be_visible(timeout=5000)
    expect(answer.locator("mark[data-kind=restricted_disclosure]")).to_have_text("Công ty X")
    expect(answer.locator(".live-findings li[data-kind=restricted_disclosure]")).to_contain_text("Lỗi nghiêm trọng")
    expect(trainer.locator(".live-count").first).to_have_text("1")

    trainer.get_by_label("Nhà báo", exact=True).fill("Nguyễn Lan")
    trainer.get_by_label("Cơ quan báo chí").fill("Báo Người Lao Động Phố Biển")
    trainer.get_by_label("Giọng điệu", exact=True).select_option("hostile")
    trainer.get_by_label("Câu hỏi", exact=True).fill("Vì sao đến giờ thành phố vẫn chưa xin lỗi người dân?")
    with trainer.expect_navigation():
        trainer.get_by_role("button", name="Đưa ra câu hỏi này").click()
    expect(learner.locator("#live-question")).to_have_text("Vì sao đến giờ thành phố vẫn chưa xin lỗi người dân?",
                                                          timeout=5000)
    expect(learner.locator("#live-journalist")).to_have_text("Nguyễn Lan")
    expect(learner.locator("#live-tone")).to_have_text("gay gắt")
    assert learner.locator("#live-text").input_value() == ""
    assert learner.evaluate("window.liveMarker") == "same page"
    # Both live pages, with a question, an answer and findings on screen, stay accessible.
    from tests.e2e.test_accessibility import _violations

    assert _violations(trainer) == [] and _violations(learner) == []
