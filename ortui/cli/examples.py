"""An example for every command's ``--help``, and the formatter that keeps them as written."""

from __future__ import annotations

import argparse

EXAMPLES: dict[str, tuple[str, ...]] = {
    "ortui": (
        "ortui --demo",
        "ortui --preset 'Spend by model, last 30 days'",
        "ortui query --demo --metrics total_usage --dimensions model --last 30d",
    ),
    "query": (
        "ortui query --demo --metrics total_usage,request_count --dimensions model --last 30d",
        "ortui query --preset 'Daily requests by API key' --last 7d --format json",
        "ortui query --metrics total_usage --granularity day --start 2026-11-01 "
        "--end 2026-11-15 -o spend.csv",
        "ortui query --metrics total_usage --dimensions model --last 7d --compare previous",
    ),
    "explain": (
        "ortui explain --demo --metric total_usage --last 7d",
        "ortui explain --metric avg_latency --last 7d --by provider,model --format json",
    ),
    "meta": ("ortui meta --demo", "ortui meta --format json | jq -r '.metrics[].name'"),
    "presets": ("ortui presets list --format json", "ortui presets show 'Cache hit rate by model'"),
    "presets list": (
        "ortui presets list",
        "ortui presets list --format json | jq -r '.presets[].name'",
    ),
    "presets show": (
        "ortui presets show 'Spend by model, last 30 days'",
        "ortui presets show 'Spend by model, last 30 days' --format json",
    ),
    "presets rm": ("ortui presets rm 'My weekly report'",),
    "presets export": ("ortui presets export 'My weekly report' -o weekly.toml",),
    "presets import": ("ortui presets import weekly.toml --name 'Weekly (team copy)'",),
    "auth": ("ortui auth set", "ortui auth status --format json", "ortui auth test"),
    "auth set": ("ortui auth set", "pass show openrouter/management | ortui auth set"),
    "auth status": ("ortui auth status", "ortui auth status --format json | jq .key.found"),
    "auth clear": ("ortui auth clear",),
    "auth test": ("OPENROUTER_MANAGEMENT_KEY=… ortui auth test", "ortui auth test --demo"),
    "spend": (
        "ortui spend --demo",
        "ortui spend --format json | jq -r '.keys[] | select(.will_exceed) | .name'",
    ),
    "check": (
        "ortui check --runway-below 14 --key-usage-above 90 --budget-usage-above 80",
        "ortui check --key-pace-above 100 --key-usage-above ci-evals=99 --format json",
    ),
    "demo-server": ("ortui demo-server --port 8787 --fault status=503x2",),
    "completion": (
        'eval "$(ortui completion bash)"    # in ~/.bashrc',
        'eval "$(ortui completion zsh)"     # in ~/.zshrc, after compinit',
        "ortui completion fish > ~/.config/fish/completions/ortui.fish",
    ),
}

_MARK = "Examples:\n"


def examples(command: str) -> str:
    """The epilog for ``command`` (as in ``EXAMPLES``)."""
    return _MARK + "".join(f"  {line}\n" for line in EXAMPLES[command])


class ExamplesFormatter(argparse.HelpFormatter):
    """Wraps descriptions as usual but prints example blocks line by line, as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(_MARK):
            return "".join(indent + line + "\n" for line in text.splitlines())
        return super()._fill_text(text, width, indent)


def attach_examples(parser: argparse.ArgumentParser, command: str = "ortui") -> None:
    """Give ``parser`` and every subcommand under it its examples (before any epilog)."""
    if command in EXAMPLES:
        parser.epilog = examples(command) + (f"\n{parser.epilog}" if parser.epilog else "")
        parser.formatter_class = ExamplesFormatter
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                attach_examples(child, name if command == "ortui" else f"{command} {name}")
