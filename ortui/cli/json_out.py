"""JSON for stdout: stable keys, and no raw control character from outside reaches a terminal."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

# json.dumps escapes C0 controls; DEL, C1 controls (CSI is U+009B) and line/paragraph
# separators would pass through with ensure_ascii=False, so they are escaped too.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def dumps(document: Any) -> str:
    """Indented JSON with every terminal-unsafe character written as a ``\\uXXXX`` escape."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def print_json(document: Any) -> None:
    sys.stdout.write(dumps(document))
