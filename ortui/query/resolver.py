"""Names → ids for filters: key names → hash, member emails/names → user id, workspace names
→ uuid. Terminal-free (no textual/rich); every text it returns is safe to print.

API (for the filter editor, drill-down, the Spend screen and the CLI)::

    directory = await load_directory(ManagementClient(analytics_client))  # 3–5 GETs, cached
    directory.resolve("api_key_id", "agent-experiments")   # -> the 64-hex hash
    directory.resolve("api_key_id", "staging")              # raises Unresolved (ambiguous):
        # exc.candidates: one Candidate per key named so, with a distinguishing detail
    directory.candidates("workspace", "Research")           # exact matches, never guessed
    directory.suggest("user", "gr", limit=10)               # prefix/substring matches
    directory.name_of("api_key_id", hash)                   # id -> name (None if unknown)
    resolve_filters(draft.filters, directory)               # FilterDrafts with ids

A ``Candidate`` has ``field``, ``id`` (what the filter sends), ``name`` (what rows show) and
``detail`` (workspace, creation date, "disabled", hash prefix… — what tells two apart);
``str(candidate)`` is one line for a list. Values that already are ids (a 64-hex hash or a
numeric key id, a member's user id, a workspace uuid) pass through unchanged and need no
directory (``needs_directory``). Apps have no listing endpoint: an ``app`` filter takes the
app's numeric id, and a name raises ``Unresolved`` saying so. Other fields pass through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ortui.api import management_models as mm
from ortui.api.management import ManagementClient
from ortui.query.draft import FilterDraft
from ortui.safe_text import safe_text

HASH = re.compile(r"^[0-9a-fA-F]{64}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
RESOLVED_FIELDS = ("api_key_id", "user", "workspace", "app")


def printable(text: str, limit: int = 120) -> str:
    """Text made safe for a terminal line (``ortui.safe_text``) and bounded in length; user
    input shown back is passed through it too."""
    clean = safe_text(text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


@dataclass(frozen=True)
class Candidate:
    field: str
    id: str
    name: str
    detail: str = ""

    def __str__(self) -> str:
        detail = f" ({printable(self.detail)})" if self.detail else ""
        return f"{printable(self.name)}{detail} → {self.field} = {printable(self.id)}"


class Unresolved(LookupError):
    """A name that matches no id, or several; ``candidates`` lists the possible ones."""

    def __init__(self, field: str, text: str, candidates: list[Candidate], reason: str) -> None:
        self.field = field
        self.text = text
        self.candidates = candidates
        self.ambiguous = reason == "ambiguous"
        lines = [_headline(field, text, candidates, reason)]
        lines += [f"  {c}" for c in candidates[:20]]
        if len(candidates) > 20:
            lines.append(f"  … and {len(candidates) - 20} more")
        super().__init__("\n".join(lines))


def _headline(field: str, text: str, candidates: list[Candidate], reason: str) -> str:
    shown = printable(text)
    if reason == "ambiguous":
        return (
            f"{field} = {shown!r} is ambiguous: {len(candidates)} match; use the id of "
            "the one you mean:"
        )
    if reason == "app":
        return (
            f"app = {shown!r}: apps have no listing endpoint, so names cannot be "
            "resolved; use the app's numeric id"
        )
    more = " Known values:" if candidates else ""
    return f"{field} = {shown!r} matches no known {_KIND[field]}.{more}"


_KIND = {
    "api_key_id": "API key name",
    "user": "member email or name",
    "workspace": "workspace name or slug",
    "app": "app",
}


def is_id(field: str, value: str) -> bool:
    """Whether ``value`` already is what the filter takes (no lookup needed)."""
    if field == "api_key_id":
        return bool(HASH.match(value)) or value.isdigit()
    if field == "workspace":
        return bool(UUID.match(value))
    if field == "app":
        return value.isdigit()
    if field == "user":
        return value.startswith("user_")
    return True


def needs_directory(filters: tuple[FilterDraft, ...] | list[FilterDraft]) -> bool:
    return any(
        not is_id(f.field, v) for f in filters if f.field in RESOLVED_FIELDS for v in f.values
    )


@dataclass(frozen=True)
class Directory:
    """A snapshot of the account's names; ``members`` None means a personal account."""

    keys: tuple[mm.ApiKey, ...] = ()
    workspaces: tuple[mm.Workspace, ...] = ()
    members: tuple[mm.Member, ...] | None = None

    def all(self, field: str) -> list[Candidate]:
        """Every known value of ``field`` as a candidate."""
        if field == "api_key_id":
            return [self._key(k) for k in self.keys]
        if field == "workspace":
            return [
                Candidate(field, w.id, w.name, f"slug {w.slug}" if w.slug else "")
                for w in self.workspaces
            ]
        if field == "user":
            return [Candidate(field, m.id, m.email, m.full_name) for m in self.members or ()]
        return []

    def _key(self, key: mm.ApiKey) -> Candidate:
        workspace = next(
            (w.name for w in self.workspaces if w.id == key.workspace_id), key.workspace_id
        )
        parts = [f"workspace {workspace}"]
        if key.created_at:
            parts.append(f"created {key.created_at[:10]}")
        if key.disabled:
            parts.append("disabled")
        parts.append(f"hash {key.hash[:8]}…")
        return Candidate("api_key_id", key.hash, key.name, ", ".join(parts))

    def candidates(self, field: str, text: str) -> list[Candidate]:
        """Exact matches (names, emails, slugs; case-insensitive when no exact-case match)."""
        every = self.all(field)
        exact = [c for c in every if text in (c.id, c.name) or _alias(c, text)]
        if exact:
            return exact
        folded = text.casefold()
        return [c for c in every if folded in (c.name.casefold(), _second(c).casefold())]

    def suggest(self, field: str, typed: str, limit: int = 10) -> list[Candidate]:
        """Candidates whose name, detail or id starts with (then contains) ``typed``."""
        folded = typed.casefold()
        every = self.all(field)
        starts = [
            c
            for c in every
            if any(s.casefold().startswith(folded) for s in (c.name, c.id, _second(c)))
        ]
        inside = [
            c
            for c in every
            if c not in starts and folded in f"{c.name} {c.detail} {c.id}".casefold()
        ]
        return (starts + inside)[:limit]

    def name_of(self, field: str, ident: str) -> str | None:
        return next((c.name for c in self.all(field) if c.id == ident), None)

    def resolve(self, field: str, text: str) -> str:
        """The id for ``text``; raises :class:`Unresolved` when none or several match."""
        text = text.strip()
        if field not in RESOLVED_FIELDS or is_id(field, text):
            return text
        if field == "app":
            raise Unresolved(field, text, [], "app")
        if field == "user" and self.members is None:
            return text  # a personal account: no member list to resolve against
        found = self.candidates(field, text)
        if len(found) == 1:
            return found[0].id
        if found:
            raise Unresolved(field, text, found, "ambiguous")
        raise Unresolved(field, text, self.suggest(field, text) or self.all(field), "unknown")


def _alias(candidate: Candidate, text: str) -> bool:
    """A workspace's slug or a member's full name also names it."""
    return text == _second(candidate)


def _second(candidate: Candidate) -> str:
    if candidate.field == "workspace":
        return candidate.detail.removeprefix("slug ")
    if candidate.field == "user":
        return candidate.detail
    return ""


def resolve_filters(
    filters: tuple[FilterDraft, ...], directory: Directory
) -> tuple[FilterDraft, ...]:
    """The filters with every name replaced by its id; raises Unresolved on the first miss."""
    return tuple(
        replace(f, values=tuple(directory.resolve(f.field, v) for v in f.values))
        if f.field in RESOLVED_FIELDS
        else f
        for f in filters
    )


async def load_directory(
    client: ManagementClient, fields: tuple[str, ...] = RESOLVED_FIELDS
) -> Directory:
    """Read what ``fields`` need: workspaces (always), keys of every workspace, members."""
    workspaces = tuple(await client.workspaces())
    keys: tuple[mm.ApiKey, ...] = ()
    if "api_key_id" in fields:
        keys = tuple(await client.all_keys())
    members = await client.members() if "user" in fields else None
    return Directory(keys, workspaces, tuple(members) if members is not None else None)
