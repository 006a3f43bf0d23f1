"""Keep the cycle collector off the objects that live as long as the app."""

from __future__ import annotations

import gc


def settle_long_lived() -> None:
    """Move every object alive now out of the cycle collector's reach (``gc.freeze``).

    Called once the explorer is built and once plotext is loaded: modules, classes and the
    explorer's widgets (~110,000 tracked objects) then stop being rescanned by full
    collections, which otherwise pause the UI for ~50 ms at random keystrokes. Objects made
    later (results, dialogs) are collected as usual; the frozen ones live for the session."""
    gc.freeze()
