"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Nothing is downloaded: Playwright drives /usr/bin/chromium (installed by .ci/run with apt-get).
Without Chromium these tests are skipped, unless MTREVIEW_REQUIRE_BROWSER=1 (set by .ci/run) makes
a missing browser a failure."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtreview.cli import main

from conftest import SEED

from headless_chromium import launched  # skips this module without Chromium

HOSTILE = ('Officials met the the press. <script>window.__pwned = "script"</script> Over 10000 came.\n'
           '<img src="x" onerror="window.__pwned = \'img\'"> New News Agency reported it.\n')


@pytest.fixture(scope="module")
def browser():
    with launched() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    return write_report(tmp_path_factory.mktemp("report"), SEED, "seed.html")


def write_report(tmp_path, source: Path, name: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def open_page(browser, path: Path, javascript=True):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, errors


def highlighted_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "mark.f[data-findings]", "marks => marks.flatMap(m => m.dataset.findings.split(' '))"))


def test_seed_report_highlights_every_finding_of_the_json_output(browser, seed_report, tmp_path):
    report = seed_report
    checked = CliRunner().invoke(main, ["check", "--format", "json", str(SEED)])
    expected = len(json.loads(checked.stdout)["files"][0]["findings"])
    assert expected > 0
    page, requests, errors = open_page(browser, report)
    assert len(highlighted_ids(page)) == expected
    assert page.locator("li.note").count() == expected
    assert requests == [report.as_uri()], "the page must not request anything"
    assert errors == []  # no CSP violation: the inline style and script hashes match
    assert page.locator("#filters").is_visible()  # the script ran and showed the filters
    assert page.locator("svg[role=img] rect").count() > 0
    shot = tmp_path / "seed-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_message_and_suggestion_show_on_focus(browser, seed_report):
    page, _, _ = open_page(browser, seed_report)
    first = page.locator("mark.f[tabindex='0']").first
    first.focus()
    tip = first.evaluate("mark => getComputedStyle(mark, '::after').content")
    tip = tip.replace("\\a ", "\n").replace('\\"', '"')  # a CSS string: \a is a line break
    note = page.locator(f"#note-{first.get_attribute('id')}")
    assert note.locator("code").inner_text() in tip
    assert note.locator(".message").inner_text() in tip
    assert "safe edit" in tip or "needs review" in tip


def test_filters_hide_findings_by_severity_and_category(browser, seed_report):
    page, _, _ = open_page(browser, seed_report)
    total = page.locator("li.note").count()
    majors = page.locator("li.note[data-severity=major]").count()
    assert 0 < majors < total
    page.locator("input[name=severity][value=major]").uncheck()
    assert page.locator("li.note:visible").count() == total - majors
    assert page.locator("li.note[data-severity=major]:visible").count() == 0
    assert f"{total - majors} of {total}" in page.locator("#filter-count").inner_text()
    page.locator("input[name=severity][value=major]").check()
    page.locator("input[name=category][value=non-text]").uncheck()
    assert page.locator("li.note[data-category=non-text]:visible").count() == 0
    assert page.locator("li.note:visible").count() == total - page.locator("li.note[data-category=non-text]").count()


def test_without_javascript_everything_is_readable_and_filters_stay_hidden(browser, seed_report):
    page, _, _ = open_page(browser, seed_report, javascript=False)
    assert page.locator("li.note:visible").count() == page.locator("li.note").count() > 0
    assert not page.locator("#filters").is_visible()
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0


def test_markup_in_the_article_is_shown_as_text_and_never_runs(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    page, requests, errors = open_page(browser, write_report(tmp_path, article, "hostile.html"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("main img").count() == 0
    assert page.locator("script").count() == 1  # the report's own
    article_text = page.locator("article .prose").inner_text()
    assert '<script>window.__pwned = "script"</script>' in article_text
    assert '<img src="x" onerror="window.__pwned = \'img\'">' in article_text
    assert len(highlighted_ids(page)) == page.locator("li.note").count() > 0
    assert requests == [page.url]
