"""msgspec Structs for the management endpoints (``management.schema.json``), read-only.

Fields ortui relies on are required (a body without them is "wrong shape"); the rest default,
so a server that drops an optional field or adds new ones never breaks decoding. Money is USD;
periods are UTC.
"""

from __future__ import annotations

import msgspec


class ApiKey(msgspec.Struct, frozen=True):
    """One API key of ``GET /keys`` / ``GET /keys/{hash}``; ``hash`` is what filters take."""

    hash: str
    name: str
    workspace_id: str
    disabled: bool
    limit: float | None
    limit_remaining: float | None
    limit_reset: str | None
    usage: float
    usage_daily: float
    usage_weekly: float
    usage_monthly: float
    label: str = ""
    include_byok_in_limit: bool = False
    byok_usage: float = 0.0
    byok_usage_daily: float = 0.0
    byok_usage_weekly: float = 0.0
    byok_usage_monthly: float = 0.0
    created_at: str = ""
    updated_at: str | None = None
    creator_user_id: str | None = None
    expires_at: str | None = None


class CurrentKey(msgspec.Struct, frozen=True):
    """``GET /key``: the key making the call."""

    is_management_key: bool
    label: str = ""
    limit: float | None = None
    limit_remaining: float | None = None
    limit_reset: str | None = None
    include_byok_in_limit: bool = False
    usage: float = 0.0
    usage_daily: float = 0.0
    usage_weekly: float = 0.0
    usage_monthly: float = 0.0
    is_free_tier: bool = False
    expires_at: str | None = None


class Workspace(msgspec.Struct, frozen=True):
    id: str
    name: str
    slug: str = ""
    description: str | None = None
    include_byok_in_budgets: bool = False
    created_at: str = ""


class WorkspaceBudget(msgspec.Struct, frozen=True):
    """A budget; ``reset_interval`` None is a lifetime cap."""

    id: str
    workspace_id: str
    limit_usd: float
    reset_interval: str | None
    created_at: str = ""
    updated_at: str = ""


class Budgets(msgspec.Struct, frozen=True):
    data: list[WorkspaceBudget]
    include_byok_in_budgets: bool = False


class Member(msgspec.Struct, frozen=True):
    """An organization member; ``id`` is what ``user`` filters take."""

    id: str
    email: str
    first_name: str | None = None
    last_name: str | None = None
    role: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Credits(msgspec.Struct, frozen=True):
    total_credits: float
    total_usage: float

    @property
    def remaining(self) -> float:
        return self.total_credits - self.total_usage


class Generation(msgspec.Struct, frozen=True):
    """``GET /generation?id=``: one request in full (the fields ortui shows)."""

    id: str
    model: str
    total_cost: float
    created_at: str
    provider_name: str | None = None
    app_id: int | None = None
    tokens_prompt: int | None = None
    tokens_completion: int | None = None
    native_tokens_reasoning: int | None = None
    native_tokens_cached: int | None = None
    latency: float | None = None
    generation_time: float | None = None
    finish_reason: str | None = None
    origin: str = ""
    is_byok: bool = False
    streamed: bool | None = None
    cancelled: bool | None = None
    external_user: str | None = None
    session_id: str | None = None
    workspace_id: str | None = None
    data_region: str = ""
    upstream_inference_cost: float | None = None
    cache_discount: float | None = None


class KeyList(msgspec.Struct, frozen=True):
    data: list[ApiKey]


class KeyOne(msgspec.Struct, frozen=True):
    data: ApiKey


class CurrentKeyOne(msgspec.Struct, frozen=True):
    data: CurrentKey


class WorkspacePage(msgspec.Struct, frozen=True):
    data: list[Workspace]
    total_count: int = 0


class MemberPage(msgspec.Struct, frozen=True):
    data: list[Member]
    total_count: int = 0


class CreditsOne(msgspec.Struct, frozen=True):
    data: Credits


class GenerationOne(msgspec.Struct, frozen=True):
    data: Generation


KEYS_DECODER = msgspec.json.Decoder(KeyList)
KEY_DECODER = msgspec.json.Decoder(KeyOne)
CURRENT_KEY_DECODER = msgspec.json.Decoder(CurrentKeyOne)
WORKSPACES_DECODER = msgspec.json.Decoder(WorkspacePage)
BUDGETS_DECODER = msgspec.json.Decoder(Budgets)
MEMBERS_DECODER = msgspec.json.Decoder(MemberPage)
CREDITS_DECODER = msgspec.json.Decoder(CreditsOne)
GENERATION_DECODER = msgspec.json.Decoder(GenerationOne)
