"""The filter editor suggests values as you type: result values, and names shown beside the
ids they send (key name → hash, member → user id, workspace → uuid); a shared name twice."""

from __future__ import annotations

import json

import msgspec
from textual.widgets import Input, OptionList, Select

from ortui.demo.server import DemoServer
from ortui.screens.explorer import ExplorerScreen
from ortui.screens.filter_editor import FilterEditor
from tests.flows.conftest import demo_app
from tests.helpers import key_hashes
from tests.pilot import HearingPilot, ready_with_result, result_shown, run


async def _editor(pilot: HearingPilot) -> tuple[ExplorerScreen, FilterEditor]:
    """A result shown and the names directory loaded, the filter editor opened."""
    screen = await ready_with_result(pilot)
    await pilot.worker_done(screen, "names")
    assert screen.value_hints.directory is not None
    screen.builder.query_one("#filters").focus()
    await pilot.press("a")
    return screen, await pilot.shown(FilterEditor)


def _offered(editor: FilterEditor) -> list[str]:
    listing = editor.query_one("#filter-suggestions", OptionList)
    if listing.has_class("hidden"):
        return []
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_models_from_the_last_result_are_suggested(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen, editor = await _editor(pilot)
        assert editor.query_one("#filter-field", Select).value == "model"
        await pilot.press(*"claude-op")
        assert _offered(editor) == ["anthropic/claude-opus-4"]
        await pilot.press("down", "enter")
        assert editor.query_one("#filter-values", Input).value == "anthropic/claude-opus-4"
        assert editor.focused is editor.query_one("#filter-values", Input)
        await pilot.press("enter")  # saves
        await pilot.back_to(screen)
        assert [(f.field, f.values) for f in screen.builder.draft.filters] == [
            ("model", ("anthropic/claude-opus-4",))
        ]


async def test_key_names_offer_their_hashes_and_a_shared_name_twice(
    demo_server: DemoServer,
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen, editor = await _editor(pilot)
        editor.query_one("#filter-field", Select).value = "api_key_id"
        editor.query_one("#filter-values", Input).focus()
        await pilot.pause()
        await pilot.press(*"stag")
        offered = _offered(editor)
        hashes = key_hashes(demo_server.url, "staging")
        assert len(offered) == 2 and len(hashes) == 2
        for prompt in offered:
            assert prompt.startswith("staging (workspace ") and "→" in prompt
        assert sorted(p.rsplit("→ ", 1)[1] for p in offered) == sorted(hashes)
        await pilot.press("down", "down", "enter")
        chosen = editor.query_one("#filter-values", Input).value
        assert chosen in hashes and chosen == offered[1].rsplit("→ ", 1)[1]
        names = str(editor.query_one("#filter-names").render())
        assert f"{chosen[:8]}… = staging" in names
        await pilot.press("enter")
        await pilot.back_to(screen)
        async with result_shown(pilot) as result:
            await pilot.press("f5")
        body = json.loads(msgspec.json.encode(result.message.request))
        assert body["filters"] == [{"field": "api_key_id", "operator": "eq", "value": chosen}]


async def test_members_and_workspaces_resolve_and_apps_say_why_not(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        _, editor = await _editor(pilot)
        field = editor.query_one("#filter-field", Select)
        values = editor.query_one("#filter-values", Input)
        field.value = "user"
        values.focus()
        await pilot.press(*"ada@")
        assert any(
            p.startswith("ada@acme.example (Ada Lovelace) → user_") for p in _offered(editor)
        )
        field.value = "workspace"
        await pilot.press("ctrl+u", *"Resea")
        [research] = _offered(editor)
        assert research.startswith("Research") and "→" in research
        field.value = "app"
        await pilot.press("ctrl+u", *"Cli")
        await pilot.pause()
        assert _offered(editor) == []
        assert "no listing endpoint" in str(editor.query_one("#filter-names").render())
