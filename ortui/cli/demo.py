"""``ortui demo-server``: the simulator on a loopback port."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ortui.demo import faults


def add_demo_server_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "demo-server", help="serve the API simulator on a loopback port",
        description="Serve a simulator of OpenRouter's Analytics API at "
        "http://HOST:PORT/api/v1 with deterministic synthetic traffic. Any non-empty bearer "
        "token is a management key unless --key is given.",
        epilog=faults.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--size", type=int, default=None,
                        help="number of synthetic generations (default 120000)")
    parser.add_argument("--rpm", type=int, default=64, help="requests per minute per key")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--key", action="append", default=[],
                        help="accept only this management key (repeatable)")
    parser.add_argument("--inference-key", action="append", default=[],
                        help="answer 403 for this key (repeatable)")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help="inject a fault, see below (repeatable)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow binding a non-loopback address")
    parser.add_argument("--quiet", action="store_true", help="no request log")


def run_demo_server(args: argparse.Namespace) -> int:
    from ortui.demo.dataset import DEFAULT_SEED, DEFAULT_SIZE, ensure_dataset
    from ortui.demo.server import DemoServer, ServerConfig
    from ortui.settings import default_paths

    try:
        plan = faults.FaultPlan([faults.parse_fault(spec) for spec in args.fault])
    except ValueError as exc:
        print(f"ortui demo-server: {exc}", file=sys.stderr)
        return 2
    config = ServerConfig(
        host=args.host, port=args.port, seed=args.seed or DEFAULT_SEED,
        size=args.size or DEFAULT_SIZE, rpm=args.rpm, latency_ms=args.latency_ms,
        keys=args.key, inference_keys=args.inference_key, faults=plan,
        allow_remote=args.allow_remote, log=None if args.quiet else sys.stderr)
    paths = default_paths(args.config_dir)
    print("Preparing the demo dataset…", file=sys.stderr, flush=True)
    dataset = ensure_dataset(paths.cache_dir, config.seed, config.size)
    try:
        server = DemoServer(config, dataset)
    except (ValueError, OSError) as exc:
        print(f"ortui demo-server: {exc}", file=sys.stderr)
        return 2
    print(f"Serving the OpenRouter Analytics API simulator at {server.url} (Ctrl-C stops)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        server.stop()
    return 0
