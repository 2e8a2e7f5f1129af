"""Accessibility: axe-core (bundled by the pinned axe-playwright-python, no network) finds no
serious or critical violation on the main pages of every role."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

IMPACTS = {"serious", "critical"}


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"],
                                       "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:3])}"
            for v in results.response["violations"] if v["impact"] in IMPACTS]


def _menu_urls(app, user):
    from flask import url_for

    from training.core.navigation import nav_for

    with app.test_request_context():
        return ["/"] + [url_for(entry.endpoint) for entry in nav_for(user)]


@pytest.mark.parametrize("role", ["anonymous", "learner", "trainer", "admin", "scoped_admin", "board"])
def test_main_pages_have_no_serious_violation(app, page, server_url, world, role):
    problems = {}
    if role == "anonymous":
        urls = ["/login"]
    else:
        _login(page, server_url, world["people"][role].email)
        urls = _menu_urls(app, world["people"][role]) + ["/account", "/account/password"]
    for url in urls:
        page.goto(server_url + url)
        found = _violations(page)
        if found:
            problems[url] = found
    assert not problems, problems


def test_a_page_with_a_form_error_stays_accessible(page, server_url, world):
    page.goto(server_url + "/login")
    page.get_by_label("Thư điện tử").fill("sai@test.vn")
    page.get_by_label("Mật khẩu").fill("sai")
    page.locator("form:has(#password) button[type=submit]").click()
    assert _violations(page) == []


def test_the_checker_catches_a_planted_violation(page, server_url):
    page.goto(server_url + "/login")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert any(line.startswith("image-alt") for line in _violations(page))
