"""``python -m featurelab.validation``: serve validation queries to the featurelab CLI.

Protocol: one JSON object per line on stdin (``{"id": 1, "op": "schema"|"query"|"ping", ...}``),
one answer per line on stdout (``{"id": 1, "ok": true, "result": {...}}`` or ``{"id": 1, "ok":
false, "error": {"kind", "message"}}``), until stdin closes. The process's own stdout is moved
to stderr first, so nothing Spark or py4j prints can corrupt the protocol.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO


def _protocol_stream() -> TextIO:
    """Keep the real stdout for answers and point fd 1 (and sys.stdout) at stderr."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return protocol


def main() -> int:
    out = _protocol_stream()
    from ..errors import FeaturelabError, first_line
    from ..session import spark_session
    from .executor import ValidationRequestError, handle_request

    # Parquet paths need no workspace; a stale $FEATURELAB_WORKSPACE must not stop them.
    configured = os.environ.get("FEATURELAB_WORKSPACE")
    if configured is not None and not os.path.isdir(configured):
        del os.environ["FEATURELAB_WORKSPACE"]

    spark = None
    for line in sys.stdin:
        if not line.strip():
            continue
        request_id: Any = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValidationRequestError("a request is a JSON object")
            request_id = request.get("id")
            if spark is None:
                spark = spark_session(app_name="featurelab-validation")
            answer = {"id": request_id, "ok": True, "result": handle_request(spark, request)}
        except (ValidationRequestError, json.JSONDecodeError) as exc:
            answer = {"id": request_id, "ok": False, "error": {"kind": "InvalidRequest", "message": str(exc)}}
        except FeaturelabError as exc:
            answer = {"id": request_id, "ok": False, "error": {"kind": type(exc).__name__, "message": first_line(exc)}}
        except Exception as exc:  # noqa: BLE001 - reported to the caller, one line, no JVM trace
            answer = {"id": request_id, "ok": False, "error": {"kind": type(exc).__name__, "message": first_line(exc)}}
        out.write(json.dumps(answer, allow_nan=False) + "\n")
        out.flush()
    if spark is not None:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
