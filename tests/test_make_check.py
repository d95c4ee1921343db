"""make check, the quick subset, leaves out every test that needs Chromium or R."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEEDS_A_TOOL = re.compile(r"\br_oracle\b|browser_helpers|chromium|voila", re.IGNORECASE)


def test_make_check_deselects_the_slow_tests():
    makefile = (REPO / "Makefile").read_text()
    check = makefile.split("\ncheck:")[1].split("\n\n")[0]
    assert '-m "not slow"' in check and "lessons" not in check


def test_every_module_that_needs_chromium_or_r_is_marked_slow():
    for module in sorted((REPO / "tests").glob("test_*.py")):
        text = module.read_text()
        if module.name == Path(__file__).name or not NEEDS_A_TOOL.search(text):
            continue
        assert re.search(r"^pytestmark = .*mark\.slow", text, re.MULTILINE), module.name
