"""The pages in a real browser, as a person uses them: Debian's chromium driven by Playwright.

A real ``newsledger serve`` process (bound to 127.0.0.1, a free port) serves a
fresh ``newsledger demo`` database with one reviewer added by ``newsledger
users add``. Playwright drives ``/usr/bin/chromium`` (installed by
``scripts/install-system-packages.sh``; Playwright's own browser download is
never used): the list filtered by type and country, the map and a click on a
point, an incident's highlighted evidence, logging in, merging two incidents
and seeing the new version in the history and the change feed, logging out and
finding writes refused. Every page is photographed at desktop and phone width
into ``screenshots/`` (or ``$NEWSLEDGER_SCREENSHOTS``), and the browser's
console must stay free of errors (a Content-Security-Policy violation is one).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.ports import free_port

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("NEWSLEDGER_SCREENSHOTS", REPO / "screenshots"))
PASSWORD = "correct horse battery"
# As the machine's own probe starts it: no background traffic to a network that is closed.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _newsledger(*args: str, cwd: Path, env: dict | None = None, timeout: int = 600) -> str:
    command = [str(Path(sys.executable).with_name("newsledger")), *args]
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: run `bash scripts/install-system-packages.sh` as root")
    folder = tmp_path_factory.mktemp("browser")
    _newsledger("demo", cwd=folder)
    db = folder / "newsledger-demo.db"
    _newsledger("users", "add", "reviewer", "--db", str(db), cwd=folder, env={"NEWSLEDGER_PASSWORD": PASSWORD})
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsledger")), "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/api/v1/incidents?limit=1", timeout=2):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"the server stopped: {process.stdout.read()[-2000:]}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def problems():
    return []


def open_page(browser, problems: list[str], viewport=DESKTOP):
    page = browser.new_page(viewport=viewport)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request a navigation cuts short (the last page's icon) is aborted, not failed.
    page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else problems.append(
        f"request failed: {r.url} ({r.failure})"))
    page.set_default_timeout(15_000)
    return page


def wait_for_the_map(page) -> None:
    """Until the map says its points are drawn and the countries (which load on
    their own) are there. Locators, not a JavaScript predicate: the pages'
    Content-Security-Policy forbids the eval a string predicate needs."""
    expect(page.locator("#map-status")).to_contain_text("on the map", timeout=15_000)
    expect(page.locator(".leaflet-land-pane path").nth(100)).to_be_attached(timeout=15_000)


def incident_ids(page) -> list[str]:
    return re.findall(r'href="/incidents/(inc-[0-9a-f]+)"', page.content())


def test_the_list_filters_by_type_and_country_and_the_url_keeps_them(browser, server, problems):
    page = open_page(browser, problems)
    page.goto(server + "/")
    everything = incident_ids(page)
    assert len(everything) >= 10
    page.fill("#f-type", "Air/drone strike")
    page.fill("#f-country", "Iraq")
    page.locator("form.filters button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "type=Air%2Fdrone+strike" in page.url and "country=Iraq" in page.url
    rows = page.locator("table.incidents tbody tr")
    assert 1 <= rows.count() < len(everything)
    for text in rows.all_inner_texts():
        assert "Air/drone strike" in text and "IQ" in text
    # The filter state is the address: opening it again gives the same list.
    again = open_page(browser, problems)
    again.goto(page.url)
    assert incident_ids(again) == incident_ids(page)
    assert problems == []


def test_a_click_on_a_map_point_opens_its_incident(browser, server, problems):
    page = open_page(browser, problems)
    page.goto(server + "/map?country=Iraq")
    wait_for_the_map(page)
    assert page.locator(".leaflet-land-pane path").count() > 100  # the countries, from world-atlas
    point = page.locator("path.leaflet-interactive").last
    point.click(force=True)
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for()
    target = link.get_attribute("href")
    assert re.fullmatch(r"/incidents/inc-[0-9a-f]+", target)
    # The popup pans the map into view as it opens, which can move the link under a
    # pointer; a keyboard user's Enter on the focused link follows it wherever it is.
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(server + target)
    assert page.locator("h1").first.inner_text()
    assert problems == []


def test_an_incident_shows_its_evidence_with_the_values_marked(browser, server, problems):
    page = open_page(browser, problems)
    page.goto(server + "/?country=Iraq&type=Air%2Fdrone+strike")
    page.goto(server + "/incidents/" + incident_ids(page)[0])
    marks = page.locator("mark")
    assert marks.count() >= 2
    assert marks.first.is_visible()
    assert any(text.strip() for text in marks.all_inner_texts())
    assert page.locator("text=History").first.is_visible()
    assert problems == []


def test_a_reviewer_merges_two_incidents_and_the_change_shows_everywhere_then_logs_out(browser, server, problems):
    page = open_page(browser, problems)
    page.goto(server + "/?country=Iraq")
    first, second = incident_ids(page)[:2]
    page.goto(f"{server}/incidents/{first}")
    assert page.locator("#merge-others").count() == 0  # no review forms for anonymous readers
    page.click("text=Log in")
    page.fill("#login-name", "reviewer")
    page.fill("#login-password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert f"/incidents/{first}" in page.url
    page.fill("#merge-others", second)
    page.fill("#merge-note", "the same strike, two outlets")
    page.click("button:has-text('Merge into one incident')")
    page.wait_for_load_state()
    survivor = re.search(r"/incidents/(inc-[0-9a-f]+)", page.url).group(1)
    assert survivor == min(first, second)
    history = page.locator(".history tbody tr").all_inner_texts()
    assert "the same strike, two outlets" in history[-1] and "reviewer" in history[-1]
    feed = page.request.get(f"{server}/api/v1/changes?since=2000-01-01&limit=1000").json()["items"]
    assert {(c["incident_id"], c["kind"]) for c in feed} >= {(first, "merged"), (second, "merged")}
    # The merged-away id leads to the survivor.
    page.goto(f"{server}/incidents/{max(first, second)}")
    assert survivor in page.content()
    # Out again: the forms are gone and a write with the old cookie is refused.
    page.goto(f"{server}/incidents/{survivor}")
    page.click("button:has-text('Log out')")
    page.wait_for_load_state()
    page.goto(f"{server}/incidents/{survivor}")
    assert page.locator("#merge-others").count() == 0
    refused = page.request.post(f"{server}/api/v1/decisions/merge",
                                data={"incident_ids": [survivor, survivor]}, fail_on_status_code=False)
    assert refused.status == 401
    assert problems == []


def test_every_page_at_desktop_and_phone_width_photographed_and_never_wider_than_the_phone(browser, server, problems):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, problems)
    page.goto(server + "/")
    incident = incident_ids(page)[0]
    page.goto(f"{server}/incidents/{incident}")
    article = re.search(r'href="(/articles/[0-9a-f]+)"', page.content()).group(1)
    pages = {"list": "/", "map": "/map", "timeline": "/timeline?unit=week", "incident": f"/incidents/{incident}",
             "article": article, "login": "/login"}
    for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        view = open_page(browser, problems, viewport)
        for name, path in pages.items():
            view.goto(server + path)
            if name == "map":
                wait_for_the_map(view)
            shot = SHOTS / f"{name}-{width_name}.png"
            view.screenshot(path=str(shot), full_page=name != "map")
            assert shot.stat().st_size > 5_000
            if width_name == "phone":
                assert view.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, name
        view.close()
    # By keyboard: the first Tab reaches the skip link, which leads to the main content.
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert "skip" in page.evaluate("document.activeElement.textContent").lower()
    assert problems == []
    shutil.rmtree(SHOTS / "tmp", ignore_errors=True)
