"""↓ enters the suggestions even when it arrives before the editor has handled the keystroke
before it (typing fast, a paste, a loaded machine): the list follows the input's text as it is
when ↓ is read, not as it was at the last change the editor has seen."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, OptionList

from ortui.demo.server import DemoServer
from tests.flows.conftest import demo_app
from tests.flows.test_filter_suggestions import _editor, _offered
from tests.pilot import run, wait_for


async def test_down_right_after_typing_enters_the_suggestions(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        _, editor = await _editor(pilot)
        values = editor.query_one("#filter-values", Input)
        await pilot.press(*"zzz")  # matches nothing: no suggestions
        assert _offered(editor) == []
        for key in ("backspace", "backspace", "backspace", "down"):  # queued at once
            app.post_message(events.Key(key, None))
        listing = editor.query_one("#filter-suggestions", OptionList)
        await wait_for(pilot, lambda: values.value == "" and bool(_offered(editor)))
        await pilot.pause()
        assert editor.focused is listing and listing.highlighted == 0
