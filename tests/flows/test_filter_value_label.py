"""The filter editor's line over the value says what each field takes, with an example from
this account or the last result: a key's name for API Key, a member's email, a workspace's
name, a model permaslug — not "e.g. openai/gpt-4o" for every field."""

from __future__ import annotations

import pytest
from textual.widgets import Label, Select

from ortui.demo.server import DemoServer
from ortui.screens.filter_editor import FilterEditor
from tests.flows.conftest import demo_app
from tests.flows.test_filter_suggestions import _editor
from tests.pilot import run


def _label(editor: FilterEditor) -> str:
    return str(editor.query_one("#filter-value-label", Label).render())


@pytest.mark.parametrize(
    ("field", "takes"),
    [
        ("model", "a model permaslug, e.g. "),
        ("api_key_id", "a key's name or its hash, e.g. "),
        ("user", "a member's email or name, or a user id, e.g. "),
        ("workspace", "a workspace's name, slug or id, e.g. "),
        ("provider", "Provider as rows show it"),
        ("country", "Country as rows show it"),
        ("app", "the app's numeric id"),
    ],
)
async def test_each_field_says_what_it_takes(
    demo_server: DemoServer, field: str, takes: str
) -> None:
    app = demo_app(demo_server.url)
    async with run(app, size=(120, 40)) as pilot:
        screen, editor = await _editor(pilot)
        editor.query_one("#filter-field", Select).value = field
        await pilot.pause()
        label = _label(editor)
        assert label.startswith(f"Value: {takes}"), label
        directory = screen.value_hints.directory
        assert directory is not None
        seen = list(screen.value_hints.seen.get(field, ()))
        example = label.partition(", e.g. ")[2]
        if field in ("api_key_id", "user", "workspace"):
            assert example in [c.name for c in directory.all(field)]  # the account's own
        elif field == "model":
            assert example == seen[0]  # seen in the result on screen
        elif field == "app":
            assert example == ""  # rows show names; the filter takes the numeric id
        if field != "model":
            assert "openai/gpt-4o" not in label
