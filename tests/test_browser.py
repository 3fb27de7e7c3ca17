"""The pages in a real headless Chromium: the timeline, the filter form by mouse and by keyboard, footnotes.

Skipped with a reason when Debian's Chromium is missing, except on CI (CI=true), where that is a failure.
Each test loads the knowledge base itself: live-server tests are transactional and empty the database after.
Every database read happens before Chromium starts (see `browser`).
Screenshots of every kind of page go to test-artifacts/screenshots/ (ignored by git).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from talks.loader import load_timeline
from talks.models import TalkRound

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


def unavailable(reason):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason}; CI=true, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def site(live_server):
    """The live server with the real knowledge base loaded."""
    load_timeline(fixtures_dir=settings.FIXTURES_DIR)
    return live_server.url


@pytest.fixture
def browser(site):
    """Chromium for one test. Playwright's sync API keeps an event loop running in this thread, where Django
    refuses database calls, so it starts after the data are loaded and stops before the database is emptied."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements.txt
        unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, site):
    """A fresh page that records any request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.foreign_requests = []
    page.on("request", lambda request: None if request.url.startswith(site) else page.foreign_requests.append(request))
    yield page
    context.close()


@pytest.fixture
def vienna_footnote(site):
    """The first citation of the Vienna round, read before the browser starts."""
    citation = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna").citations.select_related("source").first()
    return {"url": citation.get_absolute_url(), "anchor": citation.anchor, "quote": citation.quote}


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def entry_ids(page):
    return page.eval_on_selector_all(".results section.year article.entry", "els => els.map(e => e.id)")


def test_the_timeline_loads_styled_with_nothing_from_another_host(tab, site):
    response = tab.goto(f"{site}/")
    assert response.status == 200
    assert tab.locator("h1").inner_text() == "The Syrian peace talks, in order"
    assert len(entry_ids(tab)) == 31
    assert tab.locator("section.undated article.entry").count() == 5
    header = tab.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert header == "rgb(29, 42, 58)"  # the stylesheet was served and applied
    assert tab.locator("svg.strip a").count() > 0
    assert tab.foreign_requests == []
    screenshot(tab, "timeline")
    tab.set_viewport_size({"width": 390, "height": 844})
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    screenshot(tab, "timeline-phone")


def test_choosing_a_venue_in_the_form_shows_only_what_happened_there(browser, site):
    # JavaScript off: the form is a plain GET form and needs none.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/")
    page.select_option("#f-venue-1", "vienna")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert page.url == f"{site}/?venue=vienna"
    assert entry_ids(page) == ["round-un-sponsored-talks-in-vienna"]
    assert page.locator("a.chip").inner_text().replace("\n", " ").startswith("Venue: Vienna")
    screenshot(page, "timeline-filtered")
    with page.expect_navigation():
        page.locator("a.chip").click()
    assert page.url == f"{site}/"
    context.close()


def test_a_footnote_lands_on_its_highlighted_quote_in_the_source(vienna_footnote, tab, site):
    tab.goto(f"{site}/")
    footnote = tab.locator("#round-un-sponsored-talks-in-vienna .footnotes a").first
    with tab.expect_navigation():
        footnote.click()
    assert tab.url == f"{site}{vienna_footnote['url']}"
    target = tab.locator(":target")
    assert target.count() == 1
    assert target.evaluate("el => [el.tagName, el.id, el.classList.contains('quote')]") == [
        "MARK",
        vienna_footnote["anchor"],
        True,
    ]
    assert vienna_footnote["quote"].startswith(target.inner_text())
    assert target.is_visible() and target.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight }"
    )
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"  # the landed quote stands out from the other highlights
    screenshot(tab, "source")


def test_the_filter_form_is_usable_by_keyboard_alone(tab, site):
    tab.goto(f"{site}/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert tab.evaluate("document.activeElement.getBoundingClientRect().top >= 0")  # the skip link shows on focus

    visited = []
    for _ in range(40):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            "() => { const el = document.activeElement;"
            " return [el.id || el.tagName, el.labels ? Array.from(el.labels).map(l => l.innerText).join() : ''] }"
        )
        if not visited or visited[-1][0] != focused[0]:  # a date input takes a Tab per part
            visited.append(focused)
        if focused[0] == "BUTTON":
            break
    controls = [name for name, _ in visited if name.startswith("f-") or name == "BUTTON"]
    assert controls == [
        "f-q",
        "f-kind-1",
        "f-process-1",
        "f-venue-1",
        "f-envoy-1",
        "f-delegation-1",
        "f-resolution-1",
        "f-status-1",
        "f-year",
        "f-date-after",
        "f-date-before",
        "f-as-of",
        "BUTTON",
    ]
    assert all(label for name, label in visited if name.startswith("f-"))
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible

    # Choose a venue and submit, still by keyboard.
    tab.focus("#f-venue-1")
    tab.keyboard.type("Vienna")
    assert tab.input_value("#f-venue-1") == "vienna"
    tab.focus("#f-q")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert re.fullmatch(rf"{re.escape(site)}/\?venue=vienna", tab.url)
    assert entry_ids(tab) == ["round-un-sponsored-talks-in-vienna"]


PAGES = {
    "round": ("talks:round-detail", "un-sponsored-talks-in-vienna"),
    "milestone": ("talks:milestone-detail", "ceasefire-of-december-2016"),
    "resolution": ("talks:resolution-detail", "resolution-2254"),
    "venue": ("talks:venue-detail", "geneva"),
    "process": ("talks:process-detail", "geneva-process"),
    "envoy": ("actors:envoy-detail", "staffan-de-mistura"),
    "delegation": ("actors:delegation-detail", "syrian-government-delegation"),
    "person": ("actors:person-detail", "bashar-al-jaafari"),
    "figures": ("sources:figures", None),
}


def test_every_kind_of_page_renders_and_is_saved_as_a_screenshot(tab, site):
    for name, (url_name, slug) in PAGES.items():
        response = tab.goto(site + reverse(url_name, args=[slug] if slug else []))
        assert response.status == 200, name
        assert tab.locator("h1").count() == 1 and tab.locator("h1").is_visible(), name
        screenshot(tab, name)
    assert tab.foreign_requests == []


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_browser_skips_the_tests_except_on_ci_where_it_fails(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="chromium is missing"):
        unavailable("/usr/bin/chromium is missing (apt-get install chromium)")


CSP_PAGES = [
    "/",
    "/?venue=vienna&q=talks",
    "/rounds/un-sponsored-talks-in-vienna/",
    "/sources/un-sponsored-syria-talks-open-in-vienna/",
    "/figures/",
    "/venues/geneva/",
    "/envoys/geir-pedersen/",
    "/choose/venue/?venue=vienna&find=gen",
    "/api/rounds/",
]


def test_no_page_needs_an_exception_to_the_content_security_policy(tab, site):
    violations = []
    tab.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for path in CSP_PAGES:
        response = tab.goto(f"{site}{path}")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert violations == []
    assert tab.foreign_requests == []


@pytest.mark.parametrize(("path", "marker"), [("/api/docs/", ".swagger-ui .info"), ("/api/redoc/", "h1")])
def test_the_api_docs_render_from_this_site_under_the_policy(tab, site, path, marker):
    scripts_blocked = []
    tab.on(
        "console",
        lambda message: (
            scripts_blocked.append(message.text) if "Executing inline script violates" in message.text else None
        ),
    )
    response = tab.goto(f"{site}{path}")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    tab.wait_for_selector(marker, timeout=15_000)
    assert "Peace Talks Timeline API" in tab.locator(marker).first.inner_text()
    assert scripts_blocked == []
    # ReDoc's footer logo points at its CDN; the policy blocks it, so nothing leaves the site.
    assert all("cdn.redoc.ly" in request.url for request in tab.foreign_requests)
    screenshot(tab, path.strip("/").replace("/", "-"))


@pytest.fixture
def curator_account(site):
    """A staff account, made before Chromium starts (the database is not read once it runs)."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("curator", "curator@example.org", "a-long-password-for-tests")
    return {"username": "curator", "password": "a-long-password-for-tests"}


def test_an_article_added_in_the_admin_is_reviewed_published_and_seen_on_the_timeline(curator_account, tab, site):
    from tests.ingest.review_support import ARTICLE, PUBLISHED, ROUND

    violations = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    # Before: the seventh Geneva round is planned for June 2017, and the article is nowhere.
    tab.goto(f"{site}/")
    assert tab.locator(f"#round-{ROUND} time.dt-start").get_attribute("datetime") == "2017-06"

    tab.goto(f"{site}{reverse('admin:ingest_reviewbatch_add_article')}")
    tab.fill("#id_username", curator_account["username"])
    tab.fill("#id_password", curator_account["password"])
    with tab.expect_navigation():
        tab.locator("input[type=submit]").click()
    assert tab.locator("h1").inner_text() == "Add an article"
    tab.fill("#id_text", ARTICLE)
    tab.fill("#id_published", PUBLISHED)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Read the article").click()

    # The review: the article with the proposals' sentences marked, each proposal with its buttons.
    assert tab.locator("h1").inner_text().startswith("Review: Syria talks end in Geneva")
    assert tab.locator(".article-text mark").count() >= 3
    proposals = tab.locator("article.proposal").count()
    assert proposals >= 4
    screenshot(tab, "admin-review")
    for n in range(proposals):
        accept = tab.locator("article.proposal").nth(n).get_by_role("button", name="Accept")
        with tab.expect_navigation():
            accept.click()
        assert "accepted" in tab.locator(".messagelist").inner_text()
    assert tab.locator("article.proposal.decision-accepted").count() == proposals
    with tab.expect_navigation():
        tab.get_by_role("button", name="Publish").click()
    assert "is published" in tab.locator(".messagelist").inner_text()

    # After: the round, matched and not duplicated, is held on 10-14 July 2017, cited to the new article.
    tab.goto(f"{site}/")
    entry = tab.locator(f"#round-{ROUND}")
    assert entry.count() == 1
    assert entry.locator("time.dt-start").get_attribute("datetime") == "2017-07-10"
    assert tab.locator("section.articles").get_by_text("Syria talks end in Geneva with no breakthrough").count() == 1
    screenshot(tab, "timeline-after-ingest")
    assert violations == []
    assert tab.foreign_requests == []


@pytest.fixture
def geneva_round_slugs(site):
    """The first page of /api/rounds/?venue=geneva, read before the browser starts."""
    from toolkit.pagination import DEFAULT_PAGE_SIZE

    rounds = TalkRound.objects.filter(venue__slug="geneva").order_by("sort_date", "date_rank", "pk")
    return list(rounds.values_list("slug", flat=True)[:DEFAULT_PAGE_SIZE])


@pytest.fixture
def other_origin(tmp_path):
    """A page served from another origin (another port on loopback), as a notebook or a newsroom's page is."""
    import functools
    import http.server
    import threading

    (tmp_path / "index.html").write_text("<!doctype html><title>Someone else's page</title><p>A notebook.</p>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_page_on_another_origin_reads_the_api_with_fetch(geneva_round_slugs, other_origin, browser, site):
    page = browser.new_page()
    page.goto(other_origin)
    assert page.evaluate("location.origin") != site
    api = f"{site}/api/rounds/?venue=geneva"
    slugs = page.evaluate("url => fetch(url).then(r => r.json()).then(d => d.results.map(r => r.slug))", api)
    assert slugs == geneva_round_slugs and slugs
    # The browser refuses what CORS does not grant: a write (its preflight is not answered with POST), and the
    # HTML pages, which send no CORS headers.
    refused = """url => fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"})
        .then(() => "read", () => "refused")"""
    assert page.evaluate(refused, f"{site}/api/rounds/") == "refused"
    assert page.evaluate("url => fetch(url).then(() => 'read', () => 'refused')", f"{site}/") == "refused"
    page.close()
