"""The builder's labels read whole: no word cut at the pane's edge, at 120×40 or at 80×24."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Label, Select

from ortui.demo.server import DemoServer
from ortui.query.draft import FilterDraft
from ortui.widgets.filter_list import FilterList
from tests.flows.conftest import demo_app
from tests.pilot import ready


def shown_lines(widget: Widget) -> list[str]:
    """The text the widget paints, line by line, as far as its container lets it be seen."""
    region = widget.region
    visible = widget.screen.find_widget(widget).visible_region
    strips = widget.render_lines(Region(0, 0, region.width, region.height))
    left, right = visible.x - region.x, visible.right - region.x
    return [text for strip in strips if (text := strip.crop(left, right).text.strip())]


async def test_absolute_range_labels_are_whole(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#time", Select).value = "__absolute__"
        await pilot.pause()
        labels = [label for label in screen.query(".time-label").results(Label) if label.region]
        assert [shown_lines(label) for label in labels] == [["from"], ["before"]]


async def test_section_headings_are_whole_at_80x24(demo_server: DemoServer) -> None:
    app = demo_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for label in screen.query("#builder .section").results(Label):
            words = str(label.render()).split()
            assert " ".join(shown_lines(label)).split() == words


async def test_a_filter_wider_than_the_builder_ends_with_an_ellipsis(
    demo_server: DemoServer,
) -> None:
    key_hash = "df4c8311da0a47344f3b857dbfd9854a718f5b462b1e2d456ab13dd7be95ab13"
    app = demo_app(demo_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.builder.set_filters((FilterDraft("api_key_id", "eq", (key_hash,)),))
        await pilot.pause()
        filters = screen.query_one("#filters", FilterList)
        [row] = [label for label in filters.query(Label) if label.region]
        [line] = shown_lines(row)
        assert line.startswith("1. api_key_id eq df4c8311") and line.endswith("…")
