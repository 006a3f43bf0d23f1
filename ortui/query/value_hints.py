"""Filter value suggestions as you type: values seen in results this session (models,
providers, countries…) and, for names, the ids the account's directory maps them to — a key's
name → its hash, a member's email or name → their user id, a workspace's name → its uuid. A name
two keys share is offered once per key, each with what tells them apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortui.query.resolver import RESOLVED_FIELDS, Directory, printable
from ortui.results.table import ResultTable

MAX_SEEN = 2000  # distinct values remembered per dimension


@dataclass(frozen=True)
class ValueHint:
    """``value`` is what the filter sends; ``name`` what rows show; ``detail`` tells apart."""

    value: str
    name: str = ""
    detail: str = ""

    @property
    def prompt(self) -> str:
        if not self.name or self.name == self.value:
            return printable(self.value)
        detail = f" ({printable(self.detail)})" if self.detail else ""
        return f"{printable(self.name)}{detail} → {printable(self.value)}"


@dataclass
class ValueHints:
    """What the explorer has seen; the filter editor asks it for suggestions."""

    seen: dict[str, dict[str, None]] = field(default_factory=dict)
    directory: Directory | None = None

    def remember(self, table: ResultTable) -> None:
        """Keep the dimension values of a result (in order, each once)."""
        for column in table.dimension_columns:
            known = self.seen.setdefault(column.key, {})
            for value in dict.fromkeys(column.values):  # each distinct value once, in order
                if value is not None and len(known) < MAX_SEEN:
                    known.setdefault(str(value), None)

    def suggest(self, field_name: str, typed: str, limit: int = 8) -> list[ValueHint]:
        """Hints for the value being typed: ids behind names first, then seen values."""
        typed = typed.strip()
        if field_name == "app":
            return []  # no listing endpoint: names cannot be turned into app ids
        if field_name in RESOLVED_FIELDS:
            if self.directory is None:
                return []
            found = (
                self.directory.suggest(field_name, typed, limit)
                if typed
                else self.directory.all(field_name)[:limit]
            )
            return [ValueHint(c.id, c.name, c.detail) for c in found]
        return [ValueHint(v) for v in _matching(list(self.seen.get(field_name, ())), typed, limit)]


def _matching(values: list[str], typed: str, limit: int) -> list[str]:
    folded = typed.casefold()
    starts = [v for v in values if v.casefold().startswith(folded)]
    inside = [v for v in values if folded in v.casefold() and v not in starts]
    return (starts + inside)[:limit]


APPS_NOTE = "apps have no listing endpoint: type the app's numeric id"

#: What a filter on a dimension takes (filters take raw ids; names are looked up), and an
#: example for when none has been seen this session.
_TAKES = {
    "model": ("a model permaslug", "openai/gpt-4o"),
    "api_key_id": ("a key's name or its hash", ""),
    "workspace": ("a workspace's name, slug or id", ""),
    "user": ("a member's email or name, or a user id", ""),
    "app": ("the app's numeric id", ""),
    "generation_id": ("a generation id", ""),
}


def value_label(hints: ValueHints | None, field_name: str, label: str) -> str:
    """The filter editor's line over the value: what ``field_name`` takes, with an example
    the account has (a key's name, a member's email…) or a value seen in results."""
    what, example = _TAKES.get(field_name, (f"{label or field_name} as rows show it", ""))
    example = _known(hints, field_name) or example
    return f"Value: {what}" + (f", e.g. {printable(example, 32)}" if example else "")


def _known(hints: ValueHints | None, field_name: str) -> str:
    if hints is None or field_name == "app":
        return ""  # rows show an app's name, but the filter takes its id
    if field_name in RESOLVED_FIELDS:
        found = hints.directory.all(field_name) if hints.directory else []
        return next((c.name for c in found if c.name), "")
    return next(iter(hints.seen.get(field_name, ())), "")


def names_line(hints: ValueHints | None, field_name: str, raw: str) -> str:
    """What the typed ids stand for (``df4c8311… = agent-experiments``), or why none can."""
    if field_name == "app":
        return APPS_NOTE
    directory = hints.directory if hints else None
    if directory is None or field_name not in RESOLVED_FIELDS:
        return ""
    named = []
    for value in (v.strip() for v in raw.split(",")):
        name = directory.name_of(field_name, value) if value else None
        if name is not None:
            short = value if len(value) <= 14 else value[:8] + "…"
            named.append(f"{short} = {printable(name)}")
    return " · ".join(named)
