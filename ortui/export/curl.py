"""The query as a curl command; the key is always ``$OPENROUTER_MANAGEMENT_KEY``."""

from __future__ import annotations

import json
import shlex

import msgspec

from ortui.api.models import QueryRequest


def query_json(request: QueryRequest) -> str:
    """The request body, pretty-printed."""
    return json.dumps(msgspec.to_builtins(request), indent=2) + "\n"


def curl_command(base_url: str, request: QueryRequest) -> str:
    """A copy-paste curl that runs the same query; never contains a key."""
    body = json.dumps(msgspec.to_builtins(request), separators=(",", ":"))
    url = base_url.rstrip("/") + "/analytics/query"
    return (
        f"curl -sS -X POST {shlex.quote(url)} \\\n"
        '  -H "Authorization: Bearer $OPENROUTER_MANAGEMENT_KEY" \\\n'
        "  -H 'Content-Type: application/json' \\\n"
        f"  --data {shlex.quote(body)}\n"
    )
