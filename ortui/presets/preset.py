"""A saved question: a name, a description, the query and how to view it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ortui.presets.codec import (
    FORMAT_VERSION,
    PresetFormatError,
    clean_document,
    draft_from_dict,
    draft_to_dict,
)
from ortui.presets.toml_writer import dumps
from ortui.query.draft import QueryDraft
from ortui.query.time_range import RelativeRange


@dataclass(frozen=True)
class ViewSettings:
    """How the result is shown: plotted metric, chart kind and grid sort (``key:desc``)."""

    chart_metric: str | None = None
    chart_kind: str = "auto"
    sort: str | None = None


@dataclass(frozen=True)
class Preset:
    name: str
    draft: QueryDraft
    description: str = ""
    view: ViewSettings = field(default_factory=ViewSettings)
    path: Path | None = None
    starter: bool = False


def file_name(name: str) -> str:
    """A safe, readable, clash-free file name for any Unicode name (no separators, no dots)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:48] or "preset"
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{slug}-{digest}.toml"


def to_document(preset: Preset) -> dict[str, Any]:
    """The preset as plain data: the TOML file's tables (and ``presets show --format json``)."""
    view: dict[str, Any] = {"chart_kind": preset.view.chart_kind}
    if preset.view.chart_metric:
        view["chart_metric"] = preset.view.chart_metric
    if preset.view.sort:
        view["sort"] = preset.view.sort
    return {
        "version": FORMAT_VERSION,
        "name": preset.name,
        "description": preset.description,
        "query": draft_to_dict(preset.draft),
        "view": view,
    }


def to_toml(preset: Preset) -> str:
    return dumps(to_document(preset))


def from_document(document: dict[str, Any], path: Path | None = None) -> Preset:
    """A preset from a parsed TOML document; every string in it is made terminal-safe."""
    document = clean_document(document)
    version = document.get("version")
    if not isinstance(version, int):
        raise PresetFormatError("version is missing (expected version = 1)")
    if version > FORMAT_VERSION:
        raise PresetFormatError(
            f"version {version} is newer than this ortui understands "
            f"({FORMAT_VERSION}); upgrade ortui"
        )
    name = document.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PresetFormatError("name is missing")
    view = document.get("view", {})
    if not isinstance(view, dict):
        raise PresetFormatError("view must be a table")
    return Preset(
        name=name,
        draft=draft_from_dict(document.get("query")),
        description=str(document.get("description", "")),
        view=ViewSettings(
            view.get("chart_metric"), str(view.get("chart_kind", "auto")), view.get("sort")
        ),
        path=path,
    )


STARTERS: tuple[Preset, ...] = (
    Preset(
        "Spend by model, last 30 days",
        QueryDraft(
            metrics=("total_usage", "request_count"),
            dimensions=("model",),
            time=RelativeRange("last_30d"),
            order_by="total_usage",
        ),
        "Where the money went, model by model",
        starter=True,
    ),
    Preset(
        "Daily requests by API key",
        QueryDraft(
            metrics=("request_count", "total_usage"),
            dimensions=("api_key_id",),
            granularity="day",
            time=RelativeRange("last_30d"),
        ),
        "Which key spiked, day by day",
        starter=True,
    ),
    Preset(
        "P90 latency by provider, last 7 days",
        QueryDraft(
            metrics=("p90_latency", "request_count"),
            dimensions=("provider",),
            granularity="day",
            time=RelativeRange("last_7d"),
        ),
        "Is a provider getting slower?",
        ViewSettings(chart_metric="p90_latency"),
        starter=True,
    ),
    Preset(
        "Cache hit rate by model",
        QueryDraft(
            metrics=("cache_hit_rate", "cached_tokens"),
            dimensions=("model",),
            time=RelativeRange("last_30d"),
            order_by="cached_tokens",
        ),
        "Who benefits from prompt caching",
        starter=True,
    ),
)
