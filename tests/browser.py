"""Headless Chromium for the `ui` tests, offline: the Debian package's /usr/bin/chromium driven by
Playwright (the Python package only: no browser download), a fresh profile per browser, and every
request, failed load and console error of a page recorded so a test can fail on any of them.

`.ci/run` installs chromium. Without it (or without playwright) a test skips, except in CI, where it
fails: a UI check that quietly stops running would look like a passing one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}


def require_browser() -> None:
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if missing:
        message = f"headless browser tests need {' and '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class PageLog:
    """What a page asked for and what went wrong while it was open."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def watch(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: self.failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_offline(self, *allowed: Path) -> None:
        """Only file:// requests, each for one of `allowed` (data: URIs are no requests), none failed."""
        remote = [u for u in self.requests if not u.startswith(("file://", "data:"))]
        assert not remote, f"network requests: {remote[:10]}"
        names = {p.resolve().as_uri() for p in allowed}
        other = sorted({u.split("#")[0] for u in self.requests if u.startswith("file://")} - names)
        assert not other, f"files other than {sorted(names)} were requested: {other[:10]}"
        assert not self.failed, f"failed loads: {self.failed[:10]}"
        assert not self.errors, f"console errors: {self.errors[:10]}"


@contextmanager
def offline_browser() -> Iterator[tuple[object, PageLog]]:
    """(page, its log) in a fresh headless Chromium; the page's requests are recorded from the start."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True, viewport=VIEWPORT)
        try:
            page = context.new_page()
            log = PageLog()
            log.watch(page)
            yield page, log
        finally:
            context.close()
