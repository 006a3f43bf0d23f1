"""The management endpoints of the simulator (read-only): keys, workspaces, budgets, members,
credits, the current key and single generations, shaped like ``management.schema.json``.

Routing, auth and rate limiting stay in ``simulator.py``; this module only answers.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from ortui.demo import account as acct
from ortui.demo import catalog as cat
from ortui.demo.engine import QueryEngine
from ortui.demo.generations import generation_record
from ortui.demo.reply import Reply, error_reply

PREFIXES = ("/credits", "/key", "/keys", "/workspaces", "/organization/members", "/generation")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ADMIN = cat.USERS[0].id
#: The key an inference key is reported as by ``GET /key``.
INFERENCE_KEY_AS = cat.API_KEYS[0]


class BadQuery(Exception):
    """A 400 with this message."""


def is_management_path(route: str) -> bool:
    """Whether ``route`` (under the API prefix, no query) belongs to this module."""
    return any(route == p or route.startswith(p + "/") for p in PREFIXES)


def stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def ok(payload: dict[str, Any]) -> Reply:
    return Reply(200, json.dumps(payload).encode())


def _int(query: dict[str, list[str]], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name, [str(default)])[-1]
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise BadQuery(f"{name}: expected an integer between {low} and {high}")
    return int(raw)


def _bool(query: dict[str, list[str]], name: str) -> bool:
    raw = query.get(name, ["false"])[-1].lower()
    if raw not in ("true", "false"):
        raise BadQuery(f"{name}: expected true or false")
    return raw == "true"


class ManagementApi:
    """Answers the management routes from the dataset at the simulator's ``now``."""

    def __init__(self, engine: QueryEngine, keys_page: int = 100) -> None:
        self.engine = engine
        self.keys_page = keys_page

    def handle(self, route: str, raw_query: str, now: datetime, management: bool) -> Reply:
        query = parse_qs(raw_query, keep_blank_values=True)
        if route == "/key":
            return ok({"data": self.current_key(now, management)})
        if not management:
            return error_reply(403, "Only management keys can perform this operation")
        try:
            return self._route(route, query, now)
        except BadQuery as exc:
            return error_reply(400, str(exc))

    def _route(self, route: str, query: dict[str, list[str]], now: datetime) -> Reply:
        parts = route.strip("/").split("/")
        if route == "/credits":
            total = acct.spend_by(self.engine, None, acct.periods(now)).get(None)
            bought, used = acct.credits(total or self._empty(now))
            return ok({"data": {"total_credits": bought, "total_usage": used}})
        if route == "/keys":
            return self.list_keys(query, now)
        if parts[0] == "keys" and len(parts) == 2:
            found = [k for k in self.keys(now) if k["hash"] == parts[1]]
            return ok({"data": found[0]}) if found else error_reply(404, "API key not found")
        if route == "/workspaces":
            return self._page([workspace_record(w) for w in cat.WORKSPACES], query)
        if parts[0] == "workspaces" and len(parts) in (2, 3):
            return self.workspace(parts[1], parts[2:], now)
        if route == "/organization/members":
            return self._page([member_record(u) for u in cat.USERS], query)
        if route == "/generation":
            return self.generation(query, now)
        return error_reply(404, f"Not found: {route}")

    def _empty(self, now: datetime) -> dict[str, acct.Spend]:
        return {name: acct.Spend() for name in acct.windows(acct.periods(now))}

    @staticmethod
    def _page(items: list[dict[str, Any]], query: dict[str, list[str]]) -> Reply:
        offset = _int(query, "offset", 0, 0, 10**9)
        limit = _int(query, "limit", 50, 1, 100)
        return ok({"data": items[offset : offset + limit], "total_count": len(items)})

    def keys(self, now: datetime) -> list[dict[str, Any]]:
        """Every key of every workspace, disabled ones included."""
        p = acct.periods(now)
        spend = acct.spend_by(self.engine, "api_key_id", p)
        return [key_record(k, spend.get(k.id) or self._empty(now), p) for k in cat.API_KEYS]

    def list_keys(self, query: dict[str, list[str]], now: datetime) -> Reply:
        offset = _int(query, "offset", 0, 0, 10**9)
        include_disabled = _bool(query, "include_disabled")
        workspace = query.get("workspace_id", [cat.DEFAULT_WORKSPACE])[-1]
        if not UUID.match(workspace):
            raise BadQuery("workspace_id: Invalid uuid")
        if workspace not in cat.WORKSPACES:
            raise BadQuery(f"workspace_id: no workspace {workspace} in this account")
        chosen = [
            k
            for k in self.keys(now)
            if k["workspace_id"] == workspace and (include_disabled or not k["disabled"])
        ]
        return ok({"data": chosen[offset : offset + self.keys_page]})

    def workspace(self, ref: str, rest: list[str], now: datetime) -> Reply:
        uuid = next((u for u, slug in cat.WORKSPACE_SLUGS.items() if ref in (u, slug)), None)
        if uuid is None or rest not in ([], ["budgets"]):
            return error_reply(404, "Workspace not found")
        if not rest:
            return ok({"data": workspace_record(uuid)})
        spend = acct.spend_by(self.engine, "workspace", acct.periods(now)).get(uuid)
        budgets = [
            {
                "id": b.id,
                "workspace_id": b.workspace_id,
                "limit_usd": b.limit_usd,
                "reset_interval": b.reset_interval,
                "created_at": CREATED,
                "updated_at": CREATED,
            }
            for b in acct.budgets(uuid, spend)
        ]
        return ok({"data": budgets, "include_byok_in_budgets": acct.BYOK_IN_BUDGETS[uuid]})

    def generation(self, query: dict[str, list[str]], now: datetime) -> Reply:
        ident = query.get("id", [""])[-1]
        if not ident:
            raise BadQuery("id: Required")
        record = generation_record(self.engine, ident, now)
        return ok({"data": record}) if record else error_reply(404, "Generation not found")

    def current_key(self, now: datetime, management: bool) -> dict[str, Any]:
        """``GET /key``: the management key itself, or an inference key (as prod-backend)."""
        if management:
            zero = {
                f"{kind}{period}": 0.0
                for kind in ("usage", "byok_usage")
                for period in ("", "_daily", "_weekly", "_monthly")
            }
            record: dict[str, Any] = {
                "label": "ortui demo management key",
                "limit": None,
                "limit_remaining": None,
                "limit_reset": None,
                "include_byok_in_limit": False,
                "expires_at": None,
                "creator_user_id": ADMIN,
                **zero,
            }
        else:
            full = next(k for k in self.keys(now) if k["hash"] == INFERENCE_KEY_AS.hash)
            record = {name: full[name] for name in CURRENT_KEY_FIELDS}
        return {
            **record,
            "is_free_tier": False,
            "is_management_key": management,
            "is_provisioning_key": management,
            "rate_limit": {
                "requests": -1,
                "interval": "10s",
                "note": "This field is deprecated and safe to ignore.",
            },
        }


CREATED = "2025-09-01T09:00:00Z"
CURRENT_KEY_FIELDS = (
    "label",
    "limit",
    "limit_remaining",
    "limit_reset",
    "include_byok_in_limit",
    "expires_at",
    "creator_user_id",
    "usage",
    "usage_daily",
    "usage_weekly",
    "usage_monthly",
    "byok_usage",
    "byok_usage_daily",
    "byok_usage_weekly",
    "byok_usage_monthly",
)


def key_record(key: cat.ApiKey, spend: dict[str, acct.Spend], p: acct.Periods) -> dict[str, Any]:
    """One ``/keys`` item with every field of the schema."""
    limit = acct.key_limit(key, spend)
    used = acct.period_usage(limit, spend)
    created = p.day - timedelta(days=key.created_days_ago)
    disabled = key.disabled_days_ago is not None
    updated = p.day - timedelta(days=key.disabled_days_ago or 0) if disabled else created
    record: dict[str, Any] = {
        "hash": key.hash,
        "name": key.name,
        "label": f"sk-or-v1-{key.hash[:3]}...{key.hash[-3:]}",
        "disabled": disabled,
        "limit": limit.limit,
        "limit_remaining": None if limit.limit is None else round(max(0.0, limit.limit - used), 6),
        "limit_reset": limit.reset,
        "include_byok_in_limit": limit.include_byok,
        "created_at": stamp(created),
        "updated_at": stamp(updated),
        "creator_user_id": cat.USERS[int(key.id) % len(cat.USERS)].id,
        "workspace_id": cat.workspace_of(key),
        "expires_at": stamp(acct.expires_at(key, p)),
    }
    for suffix, window in (
        ("", "lifetime"),
        ("_daily", "day"),
        ("_weekly", "week"),
        ("_monthly", "month"),
    ):
        record[f"usage{suffix}"] = spend[window].credits
        record[f"byok_usage{suffix}"] = spend[window].byok
    return record


def workspace_record(uuid: str) -> dict[str, Any]:
    index = list(cat.WORKSPACES).index(uuid) + 1
    return {
        "id": uuid,
        "name": cat.WORKSPACES[uuid],
        "slug": cat.WORKSPACE_SLUGS[uuid],
        "description": None if index == 1 else f"{cat.WORKSPACES[uuid]} team workspace",
        "default_guardrail_id": f"9e3b1c2a-0000-4d5e-8f6a-00000000000{index}",
        "default_text_model": None,
        "default_image_model": None,
        "default_provider_sort": None,
        "is_observability_io_logging_enabled": False,
        "is_observability_broadcast_enabled": False,
        "is_data_discount_logging_enabled": False,
        "io_logging_sampling_rate": 1,
        "io_logging_api_key_ids": None,
        "include_byok_in_budgets": acct.BYOK_IN_BUDGETS[uuid],
        "created_at": CREATED,
        "updated_at": None,
        "created_by": ADMIN,
    }


def member_record(user: cat.User) -> dict[str, Any]:
    first, _, last = user.name.partition(" ")
    return {
        "id": user.id,
        "email": user.email,
        "first_name": first,
        "last_name": last or None,
        "role": "org:admin" if user.id == ADMIN else "org:member",
    }
