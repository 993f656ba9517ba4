"""Debian's headless Chromium for the browser tests, driven by Playwright; nothing is downloaded.

Importing this module skips the importing test module when /usr/bin/chromium is missing, unless
MTREVIEW_REQUIRE_BROWSER=1 (set by .ci/run, which installs Chromium) makes that a failure."""
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
REQUIRED = os.environ.get("MTREVIEW_REQUIRE_BROWSER") == "1"

if not CHROMIUM.exists() and not REQUIRED:
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
if REQUIRED:
    from playwright.sync_api import sync_playwright
else:
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@contextmanager
def launched():
    """A running Chromium, closed on exit."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
