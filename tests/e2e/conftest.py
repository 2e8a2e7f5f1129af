"""Browser fixtures: a live server on this test's database and Debian's Chromium through Playwright.

Without a browser the journeys skip, unless REQUIRE_BROWSER=1 (CI sets it): then a missing
browser is a failure, so the journeys can never silently stop running.
"""

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _chromium_path():
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and os.path.exists(candidate) else None


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but Chromium or Playwright is missing (apt-get install chromium)")
        pytest.skip("no Chromium: install Debian's chromium to run the browser journeys")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


_RESPONSE_KEY = "training.tests.response"


class _ClosingRequestHandler(WSGIRequestHandler):
    """Close the response when the browser drops the connection mid-body.

    A journey that takes the page offline cuts downloads short; werkzeug's dev server then
    skips closing the response iterator, and the open static file surfaces later as a
    ResourceWarning in whichever test happens to be running (warnings are errors here).
    """

    def connection_dropped(self, error, environ=None):
        response = (environ or {}).pop(_RESPONSE_KEY, None)
        if response is not None and hasattr(response, "close"):
            response.close()


def _remembering_response(app):
    def wsgi(environ, start_response):
        response = app(environ, start_response)
        environ[_RESPONSE_KEY] = response
        return response
    return wsgi


@pytest.fixture
def server_url(app):
    """Serve the test's app on a free local port in a background thread."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, _remembering_response(app), threaded=True,
                         request_handler=_ClosingRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, request):
    """A fresh browser page (its own cookies); on failure a screenshot and the HTML are saved."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
