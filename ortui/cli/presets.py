"""``ortui presets list|show|rm|export|import``: the same files the TUI saves."""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from ortui.cli.connection import EXIT_OK, EXIT_USAGE
from ortui.cli.json_out import print_json
from ortui.fileio import write_output
from ortui.presets.codec import PresetFormatError
from ortui.presets.preset import Preset, to_document, to_toml
from ortui.presets.store import (
    LoadProblem,
    PresetExists,
    PresetNotFound,
    PresetStore,
    read_preset,
)
from ortui.query.describe import describe_draft
from ortui.safe_text import safe_text
from ortui.settings import default_paths


def add_presets_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "presets",
        help="list, show, remove, export or import presets",
        description="Presets are TOML files in CONFIG_DIR/presets, one per "
        "preset, safe to edit by hand and to keep in git.",
    )
    actions = parser.add_subparsers(dest="presets_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="names, descriptions and files")
    listing.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="json: {presets: [{name, description, summary, file, starter}],"
        " skipped: [{file, line, problem}]}",
    )
    show = actions.add_parser("show", parents=[common], help="print one preset as TOML")
    show.add_argument("name")
    show.add_argument(
        "--format",
        choices=("toml", "json"),
        default="toml",
        help="json: {version, name, description, query, view, file, starter}",
    )
    remove = actions.add_parser("rm", parents=[common], help="delete a saved preset")
    remove.add_argument("name")
    export = actions.add_parser("export", parents=[common], help="write a preset to a file")
    export.add_argument("name")
    export.add_argument("-o", "--output", type=Path, help="default: stdout")
    load = actions.add_parser("import", parents=[common], help="add a preset from a file")
    load.add_argument("file", type=Path)
    load.add_argument("--name", help="save it under this name instead")
    load.add_argument("--force", action="store_true", help="overwrite a preset of that name")


def _show_document(preset: Preset) -> dict[str, Any]:
    return {
        **to_document(preset),
        "file": str(preset.path) if preset.path else None,
        "starter": preset.starter,
    }


def _list_document(presets: list[Preset], problems: list[LoadProblem]) -> dict[str, Any]:
    return {
        "presets": [
            {
                "name": p.name,
                "description": p.description,
                "summary": describe_draft(p.draft),
                "file": str(p.path) if p.path else None,
                "starter": p.starter,
            }
            for p in presets
        ],
        "skipped": [{"file": str(p.path), "line": p.line, "problem": p.message} for p in problems],
    }


def run_presets(args: argparse.Namespace) -> int:
    store = PresetStore(default_paths(args.config_dir).presets_dir)
    try:
        return _dispatch(args, store)
    except (PresetNotFound, PresetFormatError, tomllib.TOMLDecodeError) as exc:
        print(f"ortui: {safe_text(str(exc))}", file=sys.stderr)
    except UnicodeDecodeError:
        print("ortui: the preset file is not UTF-8 text", file=sys.stderr)
    except PresetExists as exc:
        print(
            f"ortui: a preset named {safe_text(str(exc))} exists; use --force or --name",
            file=sys.stderr,
        )
    except OSError as exc:
        print(f"ortui: {safe_text(str(exc))}", file=sys.stderr)
    return EXIT_USAGE


def _dispatch(args: argparse.Namespace, store: PresetStore) -> int:
    command = args.presets_command
    if command == "list":
        presets, problems = store.all()
        if args.format == "json":
            print_json(_list_document(presets, problems))
        else:
            for preset in presets:
                where = "starter" if preset.starter else safe_text(str(preset.path))
                print(f"{preset.name}\t{describe_draft(preset.draft)}\t{where}")
        for problem in problems:
            print(f"ortui: skipped {problem}", file=sys.stderr)
        return EXIT_OK
    if command == "show":
        preset = store.load(args.name)
        if args.format == "json":
            print_json(_show_document(preset))
        else:
            sys.stdout.write(to_toml(preset))
        return EXIT_OK
    if command == "rm":
        preset = store.load(args.name)
        store.delete(preset.name)
        print(f"ortui: deleted {safe_text(str(preset.path))}", file=sys.stderr)
        return EXIT_OK
    if command == "export":
        text = to_toml(store.load(args.name))
        if args.output:
            write_output(args.output, text.encode())
            print(f"ortui: wrote {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    preset = read_preset(args.file)
    if args.name:
        preset = replace(preset, name=args.name)
    path = store.save(replace(preset, path=None), overwrite=args.force)
    print(f"ortui: imported {preset.name!r} to {safe_text(str(path))}", file=sys.stderr)
    return EXIT_OK
