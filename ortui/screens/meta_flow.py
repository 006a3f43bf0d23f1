"""The explorer's schema: what the server offers (meta), fetched in the screen's ``meta``
worker; the builder filled once; what waited for meta carried on; the filter editor built
ahead of time once the first screen is painted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from ortui.api import errors
from ortui.api.key_check import checked_meta
from ortui.api.models import Meta
from ortui.long_lived import settle_long_lived
from ortui.messages import SchemaFailed, SchemaLoaded
from ortui.query.draft import default_draft
from ortui.screens.guard import guarded
from ortui.widgets.error_panel import ErrorPanel

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class MetaFlow:
    """Owned by the explorer; the worker belongs to the screen (group ``meta``, one at a
    time), and its answer comes back as ``SchemaLoaded`` / ``SchemaFailed``."""

    def __init__(self, screen: ExplorerScreen) -> None:
        self.screen = screen
        self._warm_up_waits_for_result = False

    def start(self) -> None:
        """As the explorer mounts: meta asked as ortui started is used at once when it is here
        (builder filled, first query shown, all in the first frame), else it is awaited in the
        worker."""
        screen = self.screen
        early = getattr(screen.app, "take_early_meta", lambda: None)()
        if early is None:
            self.load()
            return
        screen.on_schema_loaded(early)
        screen.app.post_message(early)  # the app remembers it too (shell completion)

    def load(self) -> None:
        self.screen.run_worker(
            self._fetch(), name="load_meta", group="meta", exclusive=True, exit_on_error=False
        )

    async def _fetch(self) -> None:
        screen = self.screen
        try:
            sent = getattr(screen.app, "take_meta_request", lambda: None)()  # asked at start
            meta = await (sent if sent is not None else checked_meta(screen.client))
        except errors.ApiError as exc:
            screen.post_message(SchemaFailed(exc))
            return
        except Exception as exc:  # never to Textual's handler: shown like any failure
            screen.post_message(SchemaFailed(errors.Unexpected(exc)))
            return
        screen.post_message(SchemaLoaded(meta))

    @guarded("fill the builder from what the server offers")
    def loaded(self, meta: Meta) -> None:
        screen, state = self.screen, self.screen.state
        first_time = state.meta is None and not state.builder_filled
        state.meta = meta
        screen.query_one(ErrorPanel).clear_error()
        screen.status.show_text(
            f"{len(meta.metrics)} metrics, {len(meta.dimensions)} dimensions · F5 runs the query"
        )
        if first_time:
            # Only once: a reload after a new key must not wipe the user's edits.
            state.builder_filled = True
            if self._fill_builder(meta):
                return
        if state.pending_action == "run":
            state.pending_action = None
            screen.action_run()

    def _fill_builder(self, meta: Meta) -> bool:
        """The first meta: the builder filled (from the start preset, else the default
        query), the cursor in the metric search; with ``run_on_start`` the query runs.
        True when the start preset was opened (it runs, or not, as the settings say)."""
        screen = self.screen
        screen.builder.set_meta(meta)
        screen.query_one("#metrics").query_one(Input).focus()
        run = screen.app.preferences.run_on_start  # type: ignore[attr-defined]
        # After the fill below is on screen — or, when a query runs now, after its result
        # (building the filter editor would hold up the first result's paint).
        self._warm_up_waits_for_result = run
        if not run:
            screen.call_after_refresh(self._warm_up)
        preset = screen.start_preset
        if preset is not None:
            screen.saved.open_draft(preset.draft, preset, run=run)
            return True
        zone = None if screen.default_zone == "UTC" else screen.default_zone
        screen.builder.load(default_draft(meta).with_changes(timezone=zone))
        if run:  # the first screen holds a result, not "press F5"
            screen.state.pending_action = "run"
        return False

    def failed(self, error: errors.ApiError) -> None:
        self.screen.runs.show_failure(error)
        self.screen.state.pending_action = "meta"

    def warm_up_after_result(self) -> None:
        if self._warm_up_waits_for_result:
            self._warm_up_waits_for_result = False
            self.screen.call_after_refresh(self._warm_up)

    async def _warm_up(self) -> None:
        """Once the filled builder is on screen: build the filter editor (~100 ms, so the first
        ``a`` opens it within a frame), then keep the collector off what lives all session."""
        await self.screen.filters.prepare()
        settle_long_lived()
