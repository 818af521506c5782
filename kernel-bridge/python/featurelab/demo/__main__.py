"""Command line: ``python -m featurelab.demo --workspace DIR [--size ...] [--force]``."""

from __future__ import annotations

import argparse
import os
import sys

from ..workspace import WORKSPACE_ENV
from .build import build_demo, stderr_progress
from .spec import DEFAULT_SEED, SIZES


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m featurelab.demo",
        description="Generate the Featurelab demo warehouse (users, items, impressions, orders).",
    )
    parser.add_argument(
        "--workspace",
        default=os.environ.get(WORKSPACE_ENV),
        help=f"workspace directory (default: ${WORKSPACE_ENV})",
    )
    parser.add_argument(
        "--size", choices=list(SIZES), default="default", help="data set size (default: default)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply the size's row counts (default: 1)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even if the data is up to date"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    if not args.workspace:
        parser.error(f"--workspace is required when ${WORKSPACE_ENV} is not set")
    if not args.scale > 0:
        parser.error("--scale must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        build_demo(
            args.workspace,
            size=args.size,
            scale=args.scale,
            seed=args.seed,
            force=args.force,
            progress=None if args.quiet else stderr_progress,
        )
    except KeyboardInterrupt:
        print("[featurelab.demo] interrupted; nothing was changed", file=sys.stderr)
        return 130
    except (OSError, ValueError) as exc:
        print(f"[featurelab.demo] error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
