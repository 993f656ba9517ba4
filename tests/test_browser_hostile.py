"""Hostile text in a real browser: the report of an article full of markup, reviewed with a pack
whose rule id, message and replacement are markup too. Nothing runs, nothing is fetched, no link
leads to `javascript:`, `</textarea>`-style breakouts stay text, and the page declares its CSP.

Skipped without /usr/bin/chromium, like tests/test_browser.py (MTREVIEW_REQUIRE_BROWSER=1 makes
a missing browser a failure)."""

import pytest
from click.testing import CliRunner

from mtreview.cli import main

from test_hostile_text import ARTICLE, HOSTILE_PACK

from headless_chromium import launched  # skips this module without Chromium


@pytest.fixture(scope="module")
def page_of_hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "packs").mkdir()
    (folder / "packs" / "hostile.yaml").write_text(HOSTILE_PACK, encoding="utf-8")
    article = folder / "<img src=x onerror=alert(1)>.txt"      # a hostile file name too
    article.write_text(ARTICLE, encoding="utf-8", newline="")
    report = folder / "review.html"
    result = CliRunner().invoke(main, ["report", "--rules", str(folder / "packs"), "-o", str(report), str(article)])
    assert result.exit_code == 0, result.output
    with launched() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        requests, dialogs, errors = [], [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        yield page, requests, dialogs, errors


def test_no_markup_from_the_article_or_the_pack_runs(page_of_hostile_report):
    page, requests, dialogs, errors = page_of_hostile_report
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and errors == []
    assert requests == [page.url]                      # nothing fetched (no img src=x)
    assert page.locator("script").count() == 1         # the report's own
    assert page.locator("main img, main svg[onload], textarea, iframe, object, embed").count() == 0
    assert page.evaluate("[...document.querySelectorAll('[onerror],[onload],[onclick]')].length") == 0


def test_no_link_leads_to_javascript_and_clicking_every_link_runs_nothing(page_of_hostile_report):
    page, _, dialogs, errors = page_of_hostile_report
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    for index in range(page.locator("a[href]").count()):
        page.locator("a[href]").nth(index).click()
    for index in range(page.locator("mark.f[tabindex]").count()):
        page.locator("mark.f[tabindex]").nth(index).focus()     # shows each message and suggestion
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and errors == []


def test_breakouts_stay_visible_text(page_of_hostile_report):
    page, *_ = page_of_hostile_report
    text = page.locator("body").inner_text()
    assert "</textarea></title></style><!-- ]]>" in text
    assert "<a href=\"javascript:window.__pwned = 'link'\">click</a>" in text
    assert "</textarea><script>window.__pwned='message'</script>" in text      # the pack's message
    assert "<svg onload=window.__pwned='id'>" in text                           # the pack's rule id
    assert "<img src=x onerror=alert(1)>.txt" in text                           # the file name


def test_the_page_declares_a_strict_content_security_policy(page_of_hostile_report):
    page, *_ = page_of_hostile_report
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
