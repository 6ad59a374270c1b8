"""Test ordering for pytest-xdist: the longest tests start first, so that the two
workers do not end with one of them running a long test alone (longest first is
the classic way to balance jobs of unequal length)."""

from __future__ import annotations

LONGEST_FIRST = ("tests/tui/test_nothing_cut.py", "tests/browser/", "tests/tui/test_random_keys.py",
                 "tests/tui/test_app.py", "tests/tui/test_analysis_panels.py")


def pytest_collection_modifyitems(items) -> None:
    def rank(item) -> int:
        path = item.nodeid
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: the order within a file stays
