"""The menu bar fits on one line on common office screens, whatever the role and however long the name.

Before the fix an administrator's menu wrapped word by word into four lines at 1280 px.
"""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

LONG_NAME = "Nguyễn Thị Thanh Hương Phường Một Hai Ba"


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(f"{base}/")


@pytest.mark.parametrize("width", [1200, 1440])  # narrowest expanded bar; widest container
@pytest.mark.parametrize("role", ["admin", "scoped_admin", "trainer", "board", "learner"])
def test_the_menu_bar_is_one_line_without_horizontal_scrolling(app, browser, server_url, world, role, width):
    from training.extensions import db

    person = world["people"][role]
    with app.app_context():
        db.session.merge(person).full_name = LONG_NAME
        db.session.commit()
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        _login(page, server_url, person.email)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        links = page.locator(".site-header .navbar-nav > .nav-item > .nav-link")
        tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
        assert len(tops) == 1, f"menu links on {len(tops)} rows"
        heights = {round(links.nth(i).bounding_box()["height"]) for i in range(links.count())}
        assert len(heights) == 1, f"some menu labels wrap: heights {heights}"
        assert page.locator(".site-header .user-menu").get_attribute("title") == LONG_NAME
    finally:
        context.close()
