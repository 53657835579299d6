"""Automated accessibility check of a rendered page with axe-core (vendored)."""

from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE_PATH = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 levels A and AA; wcag22aa brings the touch target size.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Runs in the page; returns only what a failure message needs.
_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String),
      summary: node.failureSummary || "",
    })),
  }));
}"""


@cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """The axe-core violations of the page as currently rendered."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script>: a Content-Security-Policy
        # of the application cannot block it.
        page.evaluate(_axe_source())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def format_violations(violations: list[dict], context: str, url: str) -> str:
    lines = [f"{len(violations)} accessibility rule(s) violated on {context} ({url}):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(node['target'])}")
            for line in node["summary"].splitlines():
                lines.append(f"      {line.strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page, context: str = "") -> None:
    """Fail with every axe-core violation (rule, impact, elements, why)."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            format_violations(violations, context or page.title(), page.url),
            pytrace=False,
        )
