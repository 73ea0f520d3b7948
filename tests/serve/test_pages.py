"""The pages of ``newsledger serve``: list, map, timeline, incident, article, login, review forms.

The ledger is built from hand-made extraction results (``tests/ledger/reports.py``):
three outlets' reports of one air strike on Mosul, a missile strike on Kharkiv,
a vague wire report of a strike in Iraq that a person may merge with the Mosul
one, and a hostile article whose title, outlet, URL and text carry markup,
scripts, a ``javascript:`` URL and a terminal escape. No spaCy is loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.ledger import Ledger
from newsledger.schema import (
    Article,
    Claim,
    Entity,
    ExtractionResult,
    Quote,
    Speaker,
    TimeMention,
)
from newsledger.serve import pages
from newsledger.serve.accounts import add_user
from newsledger.serve.app import ServeOptions, create_app
from newsledger.serve.render import Highlight, segments, visible, web_url
from newsledger.store import Store
from tests.ledger.reports import (
    RUNS,
    Clock,
    civilians,
    courier,
    date,
    deaths,
    event,
    kharkiv,
    place,
    post,
    radio,
    sentence,
    span,
    wire,
)

ODESA = {"name": "Odesa", "geonameid": 698740, "country_code": "UA", "admin1": "Odesa", "lat": 46.4775,
         "lon": 30.7326, "feature_code": "PPLA", "precision": "city"}
HOSTILE_TEXT = (
    "A drone strike hit Odesa on Friday, killing 4 people <img src=x onerror=alert(1)> \x1b[31m near the port. "
    '"<script>alert(1)</script> We saw it," said Olena Petrenko.'
)
HOSTILE_TITLE = "<script>alert(1)</script> Odesa strike"
HOSTILE_OUTLET = "<b onmouseover=alert(1)>Evil Outlet</b>"
PASSWORD = "correct horse battery"
CSP = "script-src 'self'; style-src 'self'"


def hostile() -> ExtractionResult:
    """An article built to break pages: markup and scripts everywhere, a javascript: URL, a terminal escape."""
    text = HOSTILE_TEXT
    strike = event(
        "V1", span(text, "drone strike"), sentence(text, "A drone strike"), location=place(text, "Odesa", ODESA),
        when=date(text, "Friday", ("2024-03-15", "2024-03-15")), fatalities=deaths(text, 4, 4, "4 people"),
        actor2=civilians(text, "4 people", "UA"),
    )
    odesa, olena, said = span(text, "Odesa"), span(text, "Olena Petrenko"), span(text, "said")
    words = span(text, "<script>alert(1)</script> We saw it,")
    speaker = Speaker("person", "Olena Petrenko", olena, "E2")
    article = Article.from_text(text, url="javascript:alert(1)", title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET,
                                published=dt.date(2024, 3, 16))
    return ExtractionResult(
        article=article,
        entities=[Entity("E1", "Odesa", "GPE", odesa.start, odesa.end, "Odesa"),
                  Entity("E2", "Olena Petrenko", "PERSON", olena.start, olena.end, "Olena Petrenko")],
        times=[TimeMention("Friday", *_offsets(text, "Friday"), "2024-03-15", "day", ("2024-03-15", "2024-03-15"))],
        places=[place(text, "Odesa", ODESA)],
        quotes=[Quote("Q1", "direct", words, speaker, said, "C2")],
        claims=[Claim("C1", sentence(text, "A drone strike"), Speaker("outlet", None), "asserted", "positive", "past"),
                Claim("C2", words, speaker, "reported", "positive", "past", quote_id="Q1")],
        events=[strike],
        runs=RUNS,
    )


def _offsets(text: str, needle: str) -> tuple[int, int]:
    where = span(text, needle)
    return where.start, where.end


def build_store(folder: Path) -> Store:
    """A store holding every report above, the ledger up to date, and one syndicated copy of the hostile article."""
    store = Store.open(folder / "pages.db")
    ledger = Ledger(store, Clock())
    for build in (courier, post, radio, kharkiv, wire, hostile):
        store.save(build())
        ledger.update()
    copy = dataclasses.replace(hostile().article, url="JavaScript:alert(2)", outlet="Copycat <i>News</i>")
    store.record_copy(copy)
    return store


def incident_of(store: Store, article_id: str) -> str:
    found = [d["id"] for d in Ledger(store).incidents() if article_id in {r["article_id"] for r in d["reports"]}]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A store the read-only tests share."""
    store = build_store(tmp_path_factory.mktemp("pages"))
    yield store
    store.close()


@pytest.fixture
def client(shared):
    return TestClient(create_app(shared))


@pytest.fixture
def fresh(tmp_path):
    """A store of its own, for tests that change the ledger."""
    store = build_store(tmp_path)
    yield store
    store.close()


def token_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token field"
    return found.group(1)


def log_in(client: TestClient, store: Store, name: str = "reviewer1") -> None:
    add_user(store, name, PASSWORD)
    token = token_of(client.get("/login").text)
    answer = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token},
                         follow_redirects=False)
    assert answer.status_code == 303


# The list --------------------------------------------------------------------------------------


def test_the_list_shows_every_incident_and_links_to_each(client, shared):
    answer = client.get("/")
    assert answer.status_code == 200
    for article in (courier(), kharkiv(), wire(), hostile()):
        assert f'href="/incidents/{incident_of(shared, article.article.id)}"' in answer.text
    assert "<strong>4</strong> incidents match" in answer.text
    # Every column the brief names, and the Mosul strike's deaths as a range with the conservative figure.
    for heading in ("Date", "Type", "Place", "Actors", "Deaths", "Grade", "Reports"):
        assert f">{heading}" in answer.text
    assert "12-15 (12)" in answer.text
    assert "Mosul, IQ" in answer.text


@pytest.mark.parametrize(("query", "kept", "left_out"), [
    ("country=UA", ("kharkiv", "hostile"), ("courier", "wire")),
    ("country=Iraq", ("courier", "wire"), ("kharkiv", "hostile")),
    ("type=Shelling%2Fartillery%2Fmissile+attack", ("kharkiv",), ("courier", "wire", "hostile")),
    ("since=2024-03-14&until=2024-03-20", ("hostile",), ("courier", "kharkiv", "wire")),
])
def test_filters_narrow_the_list_and_carry_over_to_map_timeline_and_exports(client, shared, query, kept, left_out):
    builds = {"courier": courier, "wire": wire, "kharkiv": kharkiv, "hostile": hostile}
    answer = client.get(f"/?{query}")
    assert answer.status_code == 200
    for name in kept:
        assert incident_of(shared, builds[name]().article.id) in answer.text
    for name in left_out:
        assert incident_of(shared, builds[name]().article.id) not in answer.text
    shown = html.escape(query)
    for target in ("/map?", "/timeline?", "/api/v1/export/csv?", "/api/v1/export/acled?", "/api/v1/export/plover?",
                   "/api/v1/export/geojson?", "/api/v1/export/jsonl?"):
        assert f'href="{target}{shown}"' in answer.text


@pytest.mark.parametrize(("query", "message"), [
    ("since=yesterday", "is not a date"),
    ("country=Atlantis", "no such country"),
    ("min_grade=excellent", "unknown grade"),
    ("sort=colour", "cannot sort by"),
    ("limit=0", "ask for 1 to"),
    ("cursor=garbage", "is not one a page of this ledger gave"),
    ("bbox=1,2,3", "bounding box"),
])
def test_a_bad_filter_shows_the_form_again_with_the_message(client, query, message):
    answer = client.get(f"/?{query}")
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and message in html.unescape(answer.text)
    assert '<form class="filters" method="get" action="/"' in answer.text
    assert "<table class=\"incidents\">" not in answer.text


def test_sorting_and_paging_with_the_cursor(client):
    first = client.get("/?sort=-deaths&limit=1")
    assert first.status_code == 200
    assert 'aria-sort="descending"' in first.text
    following = re.search(r'href="([^"]+)" rel="next"', first.text)
    assert following, "a page of one with more to come links to the next"
    second = client.get(html.unescape(following.group(1)))
    assert second.status_code == 200
    ids = [re.findall(r'href="/incidents/([^"]+)"', page.text) for page in (first, second)]
    assert len(ids[0]) == len(ids[1]) == 1 and ids[0] != ids[1]
    # The column being sorted by links to the other direction, keeping the filters.
    assert 'href="/?limit=1&amp;sort=deaths"' in first.text


# One incident ----------------------------------------------------------------------------------


def test_the_incident_page_shows_fields_rules_sources_evidence_and_history(client, shared):
    incident = incident_of(shared, courier().article.id)
    answer = client.get(f"/incidents/{incident}")
    assert answer.status_code == 200
    text = answer.text
    # Fields with their rule and the values sources gave, each naming its source.
    assert "Sub-event type" in text and "Air/drone strike" in text
    assert "most specific place, then most independent sources" in text
    assert re.search(r'href="#report-\d">Daily Courier</a>', text)
    # Each source's figure, quoted, with its words marked in the article.
    for figure, words in (("12", "12 people"), ("15", "Fifteen people"), ("14", "14 people")):
        assert f'<mark class="hl-figure" title="fatalities: {figure}">{words}</mark>' in text
    assert "conservative 12" in text
    # The evidence sentences, the event's words marked.
    assert re.search(r'<mark class="hl-evidence hl-trigger" title="[^"]*">air strike</mark>', text)
    assert re.search(r'<mark class="hl-evidence hl-place" title="[^"]*place: Mosul">Mosul</mark>', text)
    # The reports table links each article's page; the history links each version as it stood.
    assert f'href="/articles/{courier().article.id}"' in text
    assert re.search(rf'href="/incidents/{incident}\?as_of=[^"]+">version 1</a>', text)
    assert "new report: Daily Courier" in text


def test_a_version_link_shows_the_incident_as_it_stood(client, shared):
    incident = incident_of(shared, courier().article.id)
    page = client.get(f"/incidents/{incident}").text
    first = html.unescape(re.search(rf'href="(/incidents/{incident}\?as_of=[^"]+)">version 1</a>', page).group(1))
    then = client.get(first)
    assert then.status_code == 200
    assert "as it stood at" in then.text
    # Version 1 held the Daily Courier's report alone: the later outlets' figures were not there yet.
    assert "Fifteen people" not in then.text and "12 people" in then.text
    assert client.get(f"/incidents/{incident}?as_of=not-a-time").status_code == 400


@pytest.mark.parametrize("path", ["/incidents/inc-nothing", "/articles/no-such-article", "/nowhere"])
def test_unknown_ids_answer_a_404_page(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert "<h1>404 Not Found</h1>" in answer.text
    assert CSP in answer.headers["content-security-policy"]


# One article -----------------------------------------------------------------------------------


def test_the_article_page_highlights_every_kind_and_lists_them(client, shared):
    article = hostile().article
    answer = client.get(f"/articles/{article.id}")
    assert answer.status_code == 200
    text = answer.text
    # "Odesa" is an entity and a place inside a claim: one segment with all three classes.
    assert re.search(r'<span class="hl-claim hl-entity hl-place" title="[^"]*GPE entity: Odesa[^"]*">Odesa</span>',
                     text)
    assert re.search(r'class="[^"]*hl-time[^"]*" title="[^"]*date: 2024-03-15', text)
    assert re.search(r'class="[^"]*hl-event[^"]*" title="[^"]*event V1: Air/drone strike', text)
    assert re.search(r'class="[^"]*hl-quote[^"]*" title="[^"]*quote Q1 \(direct\) by Olena Petrenko', text)
    assert re.search(r'class="[^"]*hl-speaker[^"]*"[^>]*>Olena Petrenko</span>', text)
    assert "reported" in text  # the quote's claim, with its certainty
    # Each event names the incident it joined.
    assert f'href="/incidents/{incident_of(shared, article.id)}"' in text


def test_the_article_page_shows_why_an_event_joined_no_incident(client):
    answer = client.get(f"/articles/{courier().article.id}")
    assert answer.status_code == 200
    assert "none: aggregate" in answer.text


# Untrusted text --------------------------------------------------------------------------------


def every_page(store: Store) -> list[str]:
    article = hostile().article
    incident = incident_of(store, article.id)
    return [
        "/", "/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/map", "/timeline", "/timeline?unit=week",
        f"/incidents/{incident}", f"/articles/{article.id}", "/login", "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/?country=%3Cscript%3Ealert(1)%3C/script%3E", "/login?next=javascript:alert(1)",
    ]


def test_a_hostile_article_never_reaches_a_page_unescaped(client, shared):
    for path in every_page(shared):
        answer = client.get(path)
        assert answer.status_code in (200, 400, 404), path
        text = answer.text
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text and re.search(r"<[^>]*onerror=", text) is None, path
        assert "<b onmouseover" not in text and "<i>News" not in text, path
        assert 'href="javascript:' not in text.lower(), path
        assert "\x1b" not in text, path
        # No inline script or style anywhere: the policy would refuse them.
        assert re.search(r"<script(?![^>]*\bsrc=)", text) is None, path
        assert " style=" not in text and "<style" not in text, path
        assert CSP in answer.headers["content-security-policy"], path
    # A reviewer sees the hostile incident with its review forms: the outlet and title are in them too.
    reviewer = TestClient(create_app(shared))
    log_in(reviewer, shared, "hostile-reviewer")
    reviewing = reviewer.get(f"/incidents/{incident_of(shared, hostile().article.id)}").text
    assert 'name="members"' in reviewing
    assert "<script>alert" not in reviewing and "<b onmouseover" not in reviewing and "\x1b" not in reviewing
    assert re.search(r"<script(?![^>]*\bsrc=)", reviewing) is None and " style=" not in reviewing
    article = client.get(f"/articles/{hostile().article.id}").text
    assert "onerror=alert(1)&gt;" in article and "\\x1b[31m" in article
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Odesa strike" in article
    assert 'class="plain-url"' in article and "javascript:alert(1)</span>" in article
    incident = client.get(f"/incidents/{incident_of(shared, hostile().article.id)}").text
    assert "\\x1b[31m" in incident and "JavaScript:alert(2)</span>" in incident


def test_only_http_addresses_become_links(tmp_path):
    store = Store.open(tmp_path / "links.db")
    good = courier()
    address = "https://news.example/mosul?a=1&b=2"
    good = dataclasses.replace(good, article=dataclasses.replace(good.article, url=address))
    store.save(good)
    Ledger(store).update()
    page = TestClient(create_app(store)).get(f"/articles/{good.article.id}").text
    assert '<a href="https://news.example/mosul?a=1&amp;b=2" rel="noopener noreferrer nofollow">' in page


# Logging in and reviewing ----------------------------------------------------------------------


def test_logging_in_and_out(fresh):
    client = TestClient(create_app(fresh))
    add_user(fresh, "reviewer1", PASSWORD)
    form = client.get("/login?next=/timeline").text
    token = token_of(form)
    assert 'name="next" value="/timeline"' in form
    wrong = client.post("/login", data={"name": "reviewer1", "password": "not the password", "csrf_token": token})
    assert wrong.status_code == 401 and "wrong user name or password" in wrong.text
    assert "Log out" not in client.get("/").text
    no_token = client.post("/login", data={"name": "reviewer1", "password": PASSWORD}, follow_redirects=False)
    assert no_token.status_code == 403
    right = client.post("/login", data={"name": "reviewer1", "password": PASSWORD, "csrf_token": token,
                                        "next": "/timeline"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/timeline"
    home = client.get("/").text
    assert "Logged in as <strong>reviewer1</strong>" in home
    # The session's token changed at login: the one from before no longer works.
    fresh_token = token_of(home)
    assert fresh_token != token
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 403
    out = client.post("/logout", data={"csrf_token": fresh_token}, follow_redirects=False)
    assert out.status_code == 303
    assert "Log out" not in client.get("/").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_login_goes_back_only_to_a_local_path(fresh, target):
    client = TestClient(create_app(fresh))
    add_user(fresh, "reviewer1", PASSWORD)
    token = token_of(client.get("/login").text)
    answer = client.post("/login", data={"name": "reviewer1", "password": PASSWORD, "csrf_token": token,
                                         "next": target}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_review_forms_show_only_to_a_reviewer_and_need_the_token(fresh):
    client = TestClient(create_app(fresh))
    mosul = incident_of(fresh, courier().article.id)
    versions = len(Ledger(fresh).history(mosul))
    assert f'action="/incidents/{mosul}/merge"' not in client.get(f"/incidents/{mosul}").text
    refused = client.post(f"/incidents/{mosul}/correct", data={"field": "fatalities", "value": "3"})
    assert refused.status_code == 403
    log_in(client, fresh)
    page = client.get(f"/incidents/{mosul}").text
    for action in ("merge", "split", "correct"):
        assert f'action="/incidents/{mosul}/{action}"' in page
    for action, data in (("merge", {"others": "x"}), ("split", {"members": "x"}),
                         ("correct", {"field": "fatalities", "value": "3"})):
        answer = client.post(f"/incidents/{mosul}/{action}", data=data, follow_redirects=False)
        assert answer.status_code == 403, action
        assert "token" in answer.text
    assert len(Ledger(fresh).history(mosul)) == versions  # nothing written
    assert not Ledger(fresh).get(mosul)[0].get("corrections")


def test_a_merge_through_the_form_changes_the_ledger(fresh):
    client = TestClient(create_app(fresh))
    log_in(client, fresh)
    mosul, vague = incident_of(fresh, courier().article.id), incident_of(fresh, wire().article.id)
    versions = len(Ledger(fresh).history(mosul)) + len(Ledger(fresh).history(vague))
    token = token_of(client.get(f"/incidents/{mosul}").text)
    answer = client.post(f"/incidents/{mosul}/merge", data={"others": vague, "note": "one strike",
                                                             "csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    survivor = answer.headers["location"].rsplit("/", 1)[-1]
    ledger = Ledger(fresh)
    detail, path = ledger.get(vague if survivor == mosul else mosul)
    assert detail["id"] == survivor and path
    assert len(ledger.history(mosul)) + len(ledger.history(vague)) > versions
    shown = client.get(answer.headers["location"]).text
    assert "Merged" in shown  # the notice, once
    assert "merge by a person, reviewer1," in shown and "one strike" in shown
    assert wire().article.id in shown
    gone = client.get(f"/incidents/{vague if survivor == mosul else mosul}")
    assert gone.status_code == 200 and "was merged into this one" in gone.text
    # A merge with an id that is not one shows the incident again with the ledger's message.
    again = client.post(f"/incidents/{survivor}/merge", data={"others": "inc-nothing", "csrf_token": token})
    assert again.status_code == 404 and "no incident inc-nothing" in again.text


def test_a_split_and_a_correction_through_the_forms(fresh):
    client = TestClient(create_app(fresh))
    log_in(client, fresh)
    mosul = incident_of(fresh, courier().article.id)
    page = client.get(f"/incidents/{mosul}").text
    token = token_of(page)
    taken = f"{radio().article.id}:V1"
    assert f'name="members" value="{taken}"' in page
    split = client.post(f"/incidents/{mosul}/split", data={"members": [taken], "csrf_token": token},
                        follow_redirects=False)
    assert split.status_code == 303
    shown = client.get(split.headers["location"]).text
    assert "the reports taken out are now" in shown
    apart = incident_of(fresh, radio().article.id)
    assert apart != incident_of(fresh, courier().article.id)
    corrected = client.post(f"/incidents/{apart}/correct",
                            data={"field": "fatalities", "value": "13", "note": "hospital list", "csrf_token": token},
                            follow_redirects=False)
    assert corrected.status_code == 303
    shown = client.get(corrected.headers["location"]).text
    assert "correction of fatalities by a person, reviewer1," in shown
    assert "<strong>13</strong>" in shown and "hospital list" in shown
    bad = client.post(f"/incidents/{apart}/correct", data={"field": "fatalities", "value": "many",
                                                            "csrf_token": token})
    assert bad.status_code == 400 and "is not a whole number" in bad.text


def test_without_anonymous_reading_pages_send_people_to_log_in(fresh):
    client = TestClient(create_app(fresh, ServeOptions(anonymous_read=False)))
    mosul = incident_of(fresh, courier().article.id)
    for path in ("/", f"/incidents/{mosul}", "/map?country=IQ", "/timeline", f"/articles/{courier().article.id}"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/login?next=%2F"), path
    assert client.get("/login").status_code == 200
    log_in(client, fresh)
    assert client.get(f"/incidents/{mosul}").status_code == 200


# Map and timeline ------------------------------------------------------------------------------


def test_the_map_page_loads_its_data_and_packages_from_this_server(client):
    answer = client.get("/map?country=IQ")
    assert answer.status_code == 200
    assert 'data-points="/api/v1/incidents/map?country=IQ"' in answer.text
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in answer.text
    assert re.search(r'<script src="https?:', answer.text) is None
    for event_type in ("Battles", "Explosions/Remote violence", "Protests"):
        assert f'data-event-type="{event_type}" aria-hidden="true"></span>{event_type}</li>' in answer.text
    assert client.get("/map?country=Atlantis").status_code == 400
    for path in ("/static/app.css", "/static/map.js", "/static/timeline.js"):
        assert client.get(path).status_code == 200, path


def test_the_map_says_so_when_its_packages_are_missing(client, monkeypatch, tmp_path):
    monkeypatch.setattr(pages, "STATIC", tmp_path)
    answer = client.get("/map")
    assert answer.status_code == 200
    assert "The map cannot be drawn" in answer.text and "vendor/leaflet/leaflet.js" in answer.text
    assert "leaflet.js\"></script>" not in answer.text


def test_the_timeline_draws_labelled_bars_that_link_to_their_days(client):
    answer = client.get("/timeline?country=IQ")
    assert answer.status_code == 200
    # Mosul and the wire's strike on 10 March: one bar of two incidents, titled in words.
    assert "<title>2024-03-10: 2 incidents, 12 deaths</title>" in answer.text
    assert 'href="/?country=IQ&amp;since=2024-03-10&amp;until=2024-03-10"' in answer.text
    assert '<form class="range-form" method="get" action="/">' in answer.text
    week = client.get("/timeline?unit=week")
    assert "week of 2024-03-04" in week.text and 'data-end="2024-03-17"' in week.text
    assert client.get("/timeline?unit=month").status_code == 400


# Helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "linked"), [
    ("https://news.example/a", True), ("HTTP://news.example/a", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,x", False),
    ("//news.example/a", False), ("https://news.example/a b", False), ("https://a\x1b.example", False), (None, False),
])
def test_web_url_lets_only_http_addresses_through(url, linked):
    assert (web_url(url) is not None) is linked


def test_visible_shows_control_characters_as_escapes():
    assert visible("red\x1b[31m\x00\u202eok\n\tfine") == "red\\x1b[31m\\x00\\u202eok\n\tfine"
    assert visible(None) == ""


def test_segments_give_each_piece_every_span_covering_it():
    pieces = segments("abcdefgh", [Highlight(1, 5, "claim", "c"), Highlight(3, 7, "place", "p"),
                                   Highlight(3, 4, "entity", "e"), Highlight(6, 99, "time", "t")])
    assert [(p.text, p.kinds) for p in pieces] == [
        ("a", ()), ("bc", ("claim",)), ("d", ("claim", "place", "entity")), ("e", ("claim", "place")),
        ("f", ("place",)), ("g", ("place", "time")), ("h", ("time",)),
    ]
    assert "".join(p.text for p in pieces) == "abcdefgh"
