"""``ortui demo-server``: the simulator on a loopback port."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ortui.demo import faults
from ortui.demo.cached import MAX_SIZE


def add_demo_server_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "demo-server",
        help="serve the API simulator on a loopback port",
        description="Serve a simulator of OpenRouter's Analytics API at "
        "http://HOST:PORT/api/v1 with deterministic synthetic traffic. Any non-empty bearer "
        "token is a management key unless keys are given in --keys-file or ORTUI_DEMO_KEYS "
        "(never on the command line, where every user sees them in ps).",
        epilog=faults.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--size",
        type=_size,
        default=None,
        help=f"number of synthetic generations (default 120000, at most {MAX_SIZE:,})",
    )
    parser.add_argument("--rpm", type=int, default=64, help="requests per minute per key")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument(
        "--keys-file",
        type=Path,
        metavar="PATH",
        help="accept only the management keys in this file, one a line; a "
        "line 'inference KEY' is a key answered 403 (also: $ORTUI_DEMO_KEYS, "
        "$ORTUI_DEMO_INFERENCE_KEYS, comma-separated)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="close a kept-alive connection silent this long (default 30)",
    )
    for refused in ("--key", "--inference-key"):  # keys in argv sit in ps for everyone
        parser.add_argument(refused, action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="inject a fault, see below (repeatable)",
    )
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow binding a non-loopback address"
    )
    parser.add_argument("--quiet", action="store_true", help="no request log")


def _size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        size = 0
    if not 0 < size <= MAX_SIZE:
        raise argparse.ArgumentTypeError(f"from 1 to {MAX_SIZE:,} generations, not {text!r}")
    return size


def run_demo_server(args: argparse.Namespace) -> int:
    from ortui.demo.dataset import DEFAULT_SEED, DEFAULT_SIZE, ensure_dataset
    from ortui.demo.server import DemoServer, ServerConfig, is_loopback
    from ortui.settings import default_paths

    try:
        plan = faults.FaultPlan([faults.parse_fault(spec) for spec in args.fault])
    except ValueError as exc:
        print(f"ortui demo-server: {exc}", file=sys.stderr)
        return 2
    if args.key or args.inference_key:
        print(
            "ortui demo-server: keys are not taken on the command line (every user sees "
            "them in ps); put them in --keys-file PATH or ORTUI_DEMO_KEYS / "
            "ORTUI_DEMO_INFERENCE_KEYS",
            file=sys.stderr,
        )
        return 2
    try:
        keys, inference = demo_keys(args.keys_file, os.environ)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"ortui demo-server: cannot read {args.keys_file}: {exc}", file=sys.stderr)
        return 2
    config = ServerConfig(
        host=args.host,
        port=args.port,
        seed=args.seed or DEFAULT_SEED,
        size=args.size or DEFAULT_SIZE,
        rpm=args.rpm,
        latency_ms=args.latency_ms,
        keys=keys,
        inference_keys=inference,
        faults=plan,
        idle_timeout=args.idle_timeout,
        allow_remote=args.allow_remote,
        log=None if args.quiet else sys.stderr,
    )
    if args.allow_remote and not is_loopback(args.host):
        print(
            f"ortui demo-server: WARNING: serving on {args.host}, reachable from other "
            "machines. "
            + (
                "It accepts ANY non-empty key as a management key (give keys in "
                "--keys-file or ORTUI_DEMO_KEYS to restrict it). "
                if not keys
                else ""
            )
            + "Traffic is plain http.",
            file=sys.stderr,
        )
    paths = default_paths(args.config_dir)
    print("Preparing the demo dataset…", file=sys.stderr, flush=True)
    dataset = ensure_dataset(paths.cache_dir, config.seed, config.size)
    try:
        server = DemoServer(config, dataset)
    except (ValueError, OSError) as exc:
        print(f"ortui demo-server: {exc}", file=sys.stderr)
        return 2
    print(
        f"Serving the OpenRouter Analytics API simulator at {server.url} (Ctrl-C stops)",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        server.stop()
    return 0


def demo_keys(path: Path | None, environ: Any) -> tuple[list[str], list[str]]:
    """Management and inference keys from ``--keys-file`` and the environment."""
    keys = _split(environ.get("ORTUI_DEMO_KEYS", ""))
    inference = _split(environ.get("ORTUI_DEMO_INFERENCE_KEYS", ""))
    if path is not None:
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if words[0] == "inference" and len(words) == 2:
                inference.append(words[1])
            else:
                keys.append(words[-1])
    return keys, inference


def _split(text: str) -> list[str]:
    return [k for k in text.replace(",", " ").split() if k]
