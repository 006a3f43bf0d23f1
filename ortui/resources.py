"""Absolute paths of the stylesheets: packaged ``ortui/styles`` or the checkout's ``styles/``."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files, in a wheel or in an editable checkout."""
    packaged = _PACKAGE / "styles"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "styles"


def stylesheets() -> list[Path]:
    return sorted(styles_dir().glob("*.tcss"))
