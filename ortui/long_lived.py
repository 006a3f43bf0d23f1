"""Keep the cycle collector off the objects that live as long as the app."""

from __future__ import annotations

import gc


def settle_long_lived() -> None:
    """Move every object alive now out of the cycle collector's reach (``gc.freeze``).

    Called once the explorer is built and once plotext is loaded: modules, classes and the
    explorer's widgets (~110,000 tracked objects) then stop being rescanned by full
    collections, which otherwise pause the UI for ~50 ms at random keystrokes. Objects made
    later (results, dialogs) are collected as usual; the frozen ones live for the session.
    Turns the collector back on if ``hold_collector`` had held it."""
    gc.freeze()
    gc.enable()


def hold_collector() -> None:
    """No cycle collection while the TUI starts: it creates those long-lived objects, and
    rescanning them as they pile up took ~15 % of a warm start. ``settle_long_lived`` (after
    the first result, or ``RESUME_AFTER_S`` at the latest) turns it back on."""
    gc.disable()


def resume_collector() -> None:
    """The latest point: the collector on again if nothing settled it before."""
    if not gc.isenabled():
        settle_long_lived()


RESUME_AFTER_S = 10.0
