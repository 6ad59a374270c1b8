"""Waiting in Pilot tests for a condition, never for a fixed time."""

from __future__ import annotations


async def until(pilot, condition, tries: int = 2000) -> None:
    """Pause until ``condition()`` holds (no fixed delay: a loaded machine only takes longer)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)  # a sleep (not the idle guess) that leaves the CPU to the workers
    raise AssertionError("the condition never held")
