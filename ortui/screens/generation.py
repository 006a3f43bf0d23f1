"""One request in full, from ``GET /generation?id=``: opened by Enter on a generation_id row."""

from __future__ import annotations

from typing import ClassVar

import msgspec
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ortui.api import errors
from ortui.api.management import ManagementClient
from ortui.api.management_models import Generation
from ortui.results.formatting import format_metric
from ortui.widgets.breadcrumb import visible

#: How a field is shown: its label and display format (None: as text).
FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("id", "Generation", None),
    ("created_at", "Created (UTC)", None),
    ("model", "Model", None),
    ("provider_name", "Provider", None),
    ("total_cost", "Cost", "currency"),
    ("upstream_inference_cost", "Upstream cost", "currency"),
    ("cache_discount", "Cache discount", "currency"),
    ("tokens_prompt", "Prompt tokens", "number"),
    ("tokens_completion", "Completion tokens", "number"),
    ("native_tokens_reasoning", "Reasoning tokens", "number"),
    ("native_tokens_cached", "Cached tokens", "number"),
    ("latency", "Latency", "latency"),
    ("generation_time", "Generation time", "latency"),
    ("finish_reason", "Finish reason", None),
    ("streamed", "Streamed", None),
    ("cancelled", "Cancelled", None),
    ("is_byok", "BYOK", None),
    ("origin", "Origin", None),
    ("app_id", "App id", None),
    ("workspace_id", "Workspace", None),
    ("external_user", "External user", None),
    ("session_id", "Session", None),
    ("data_region", "Data region", None),
)


def generation_lines(generation: Generation) -> list[tuple[str, str]]:
    """(label, text) for every field the server filled in; text is terminal-safe."""
    values = msgspec.structs.asdict(generation)
    lines = []
    for key, label, fmt in FIELDS:
        value = values.get(key)
        if value is None or value == "":
            continue
        if fmt is not None and isinstance(value, int | float) and not isinstance(value, bool):
            text = format_metric(value, fmt)
        else:
            text = "yes" if value is True else "no" if value is False else str(value)
        lines.append((label, visible(text)))
    return lines


class GenerationScreen(ModalScreen[None]):
    """Loads the generation in a worker; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, management: ManagementClient, generation_id: str) -> None:
        super().__init__()
        self.management = management
        self.generation_id = generation_id
        self.generation: Generation | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog generation-dialog"):
            yield Label(Text(f"Request {visible(self.generation_id)}"), classes="dialog-title")
            with VerticalScroll():
                yield Static(Text("Loading…"), id="generation-body")
            yield Static("Esc closes", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.run_worker(self._load(), group="generation", exit_on_error=False)

    async def _load(self) -> None:
        body = self.query_one("#generation-body", Static)
        try:
            found = await self.management.generation(self.generation_id)
        except errors.ApiError as exc:
            body.update(Text(f"Could not load it: {exc.title}: {exc.message}"))
            return
        if found is None:
            body.update(Text("The server knows no generation with this id."))
            return
        self.generation = found
        lines = generation_lines(found)
        width = max(len(label) for label, _ in lines)
        text = Text()
        for label, value in lines:
            text.append(f"{label:<{width}}  ", style="bold")
            text.append(value + "\n")
        body.update(text)

    def action_close(self) -> None:
        self.dismiss(None)
