"""``python -m featurelab.samples``: the process the service runs for ``featurelab samples build``.

    python -m featurelab.samples build --request REQUEST.json --result RESULT.json
                                       [--workspace DIR] [--master local[*]]
    python -m featurelab.samples compile --request REQUEST.json

The request is JSON written by the service: ``{"sampleSet": {...}, "featureGroups": [...],
"entities": [...], "sources": {"group": "db.table"}, "output": {"table"|"path": ...}}``. The
result file gets :meth:`BuildResult.to_json`, or ``{"status": "failed", "error": {...}}``.
Exit status: 0 built, 1 failed (the result says why), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any

from ..errors import FeaturelabError, first_line
from .builder import build
from .compiler import CompileError, compile_sql
from .plan import SampleSpecError, resolve_plan


def _read_request(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        request = json.load(handle)
    if not isinstance(request, dict) or not isinstance(request.get("sampleSet"), dict):
        raise FeaturelabError(f"{path}: not a sample build request (no sampleSet object)")
    return request


def _error_json(error: BaseException) -> dict[str, Any]:
    if isinstance(error, SampleSpecError):
        return {
            "kind": error.kind,
            "message": error.message,
            "hint": error.hint,
            "problems": [{"pointer": pointer, "message": message} for pointer, message in error.problems],
        }
    if isinstance(error, FeaturelabError):
        return {"kind": error.kind, "message": error.message, "hint": error.hint}
    if isinstance(error, CompileError):
        return {"kind": "CompileError", "message": str(error)}
    # Spark's errors carry JVM stack traces; the first line says what went wrong.
    return {"kind": type(error).__name__, "message": first_line(error)}


def _write(path: str, document: dict[str, Any]) -> None:
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(document, indent=2, default=str), encoding="utf-8")
    partial.replace(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m featurelab.samples", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build a sample set and write a result file")
    build_parser.add_argument("--request", required=True)
    build_parser.add_argument("--result", required=True)
    build_parser.add_argument("--workspace")
    build_parser.add_argument("--master", default=None)
    compile_parser = commands.add_parser("compile", help="print the Spark SQL of a sample set")
    compile_parser.add_argument("--request", required=True)
    args = parser.parse_args(argv)

    if args.command == "compile":
        try:
            request = _read_request(args.request)
            plan = resolve_plan(request["sampleSet"], request.get("featureGroups", []), request.get("entities", []))
            print(compile_sql(plan, sources=request.get("sources")))
        except (FeaturelabError, CompileError, OSError, ValueError) as error:
            print(f"featurelab.samples: {error}", file=sys.stderr)
            return 1
        return 0

    try:
        request = _read_request(args.request)
        plan = resolve_plan(request["sampleSet"], request.get("featureGroups", []), request.get("entities", []))
        output = request.get("output") or {}
        from ..session import spark_session

        spark = spark_session(master=args.master, workspace=args.workspace, app_name=f"featurelab-samples-{plan.name}")
        result = build(
            plan,
            spark,
            sources=request.get("sources"),
            output_table=output.get("table"),
            output_path=output.get("path"),
        )
        _write(args.result, result.to_json())
        return 0
    except Exception as error:  # noqa: BLE001 - every failure must reach the result file
        traceback.print_exc(file=sys.stderr)
        _write(args.result, {"status": "failed", "error": _error_json(error)})
        return 1


if __name__ == "__main__":
    sys.exit(main())
