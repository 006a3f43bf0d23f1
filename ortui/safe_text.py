"""Makes text from outside (servers, preset and history files) safe to put on a terminal.

Applied once, where a string enters ortui (decoding meta, rows, errors and warnings; loading
presets and history), so every later use — the TUI, ``query --format table``, CSV on a
terminal, error lines — only ever sees safe text. What it does:

- C0 controls, DEL and C1 controls (ESC, BEL, CSI 0x9b, OSC 0x9d, CR, LF, TAB …) are shown
  visibly as ``\\x1b``-style escapes (``\\n``, ``\\r``, ``\\t`` for line breaks and tabs), never
  written: a terminal cannot act on them.
- Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F,
  U+061C) are shown as ``⍰``: they could make ``gnp.exe`` read as ``exe.png``.
- Invisible characters that join nothing (zero-width space U+200B, word joiner U+2060,
  invisible operators U+2061–U+2064, BOM U+FEFF, soft hyphen U+00AD, Mongolian vowel
  separator U+180E) are shown as ``\\u200b``: ``prod`` and ``prod`` + U+200B would look the
  same. Zero-width (non-)joiners stay: emoji sequences and several scripts need them.

Clean text (the usual case) is returned as the same object, after one regex search.
Pure Python; callers anywhere may use it (the management client too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

BIDI_MARK = "⍰"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u180e\u200b\u2060-\u2064\ufeff"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
#: First bytes of the UTF-8 of C1, bidi and invisible characters.
_UNSAFE_LEADS = (b"\xc2", b"\xd8", b"\xe1", b"\xe2", b"\xef")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
_SHOWN_AS_CODE = frozenset("\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code <= 0x9F:
        return _SHORT.get(char) or f"\\x{code:02x}"
    if char in _SHOWN_AS_CODE:
        return f"\\u{code:04x}"
    return BIDI_MARK


def safe_text(text: str, multiline: bool = False) -> str:
    """``text`` with every control and bidi override shown visibly instead of written;
    ``multiline`` keeps line feeds (a preset's description), never a bare CR."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def is_safe(text: str) -> bool:
    return _UNSAFE.search(text) is None


_SHOWN = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\[nrt]|" + BIDI_MARK)


def shows_escapes(text: str) -> bool:
    """Whether ``text`` looks like ``safe_text`` rewrote it (holds ``\\x1b`` or ``⍰``): such a
    name came from hostile input and is best left out of, say, shell completion."""
    return _SHOWN.search(text) is not None


def body_may_be_unsafe(body: bytes) -> bool:
    """False when a JSON body cannot decode to an unsafe string (lets decoders skip the scan).

    JSON strings cannot hold raw C0 controls (decoders reject them), so an unsafe string needs
    an escape (a backslash), DEL, or a multi-byte character whose first byte is that of C1 and
    the soft hyphen (0xC2), ALM (0xD8), U+180E (0xE1), the bidi marks and zero-width
    characters (0xE2) or the BOM (0xEF). Only single-byte searches: a fraction of a
    millisecond per megabyte; a false alarm costs the per-value scan (``safe_cells``).
    """
    if b"\\" in body or b"\x7f" in body:
        return True
    return not body.isascii() and any(lead in body for lead in _UNSAFE_LEADS)


def safe_texts(values: Iterable[str]) -> list[str]:
    return [safe_text(v) for v in values]


def safe_optional(text: str | None) -> str | None:
    return None if text is None else safe_text(text)


def safe_cells(values: list[Any]) -> list[Any]:
    """A text column (strings and None) made safe; each distinct value is checked once."""
    distinct = {v for v in values if type(v) is str}
    unsafe = {v: safe_text(v) for v in distinct if _UNSAFE.search(v) is not None}
    if not unsafe:
        return values
    return [unsafe.get(v, v) if type(v) is str else v for v in values]


def safe_json(body: bytes) -> bytes:
    """A JSON body with every string (keys too) terminal-safe, for decoders that type it
    afterwards (the management client). Unchanged when it cannot hold an unsafe string or
    cannot be read (the typed decode then reports it)."""
    if not body_may_be_unsafe(body):
        return body
    import msgspec

    try:
        return msgspec.json.encode(_clean(msgspec.json.decode(body)))
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        return body


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {safe_text(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
