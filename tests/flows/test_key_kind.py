"""The TUI names an inference key from GET /key instead of a bare 403."""

from __future__ import annotations

from ortui.api.client import AnalyticsClient, ClientConfig
from ortui.api.retry import NO_RETRY
from ortui.app import OrtuiApp
from ortui.auth.secret import Secret
from ortui.messages import SchemaFailed
from tests.conftest import CANARY_KEY, ServerFactory
from tests.pilot import explorer, run

INFERENCE = "sk-or-v1-inference-111111"


async def test_an_inference_key_is_named_as_such(make_server: ServerFactory) -> None:
    server = make_server(keys=[CANARY_KEY], inference_keys=[INFERENCE])
    client = AnalyticsClient(Secret(INFERENCE), ClientConfig(base_url=server.url, retry=NO_RETRY))
    app = OrtuiApp(client, server_label="demo", key_label="env", secrets=None)
    async with run(app, size=(120, 40)) as pilot:
        await pilot.first(SchemaFailed)
        screen = explorer(app)
        assert "error" in screen.status.classes
        panel = str(screen.query_one("#error").render())
        assert "Inference key, not a management key" in panel
        assert "This is an inference key" in panel and "ctrl+k" in panel
        assert INFERENCE not in panel
