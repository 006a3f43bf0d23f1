"""How a key's rows are labelled once told apart from another key of the same name."""

from __future__ import annotations

#: The dimension whose rows carry key names.
FIELD = "api_key_id"
#: The output key (JSON, CSV) of every row's key hash.
ID_KEY = "api_key_hash"


def shown_name(name: str, key_hash: str) -> str:
    """``staging (2b182c99…)``: the name with the start of the key's hash."""
    return f"{name} ({key_hash[:8]}…)"
