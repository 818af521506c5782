"""Validate from a notebook: run ``featurelab validate`` and display the result.

The compiler lives in the service (TypeScript), so a notebook asks the ``featurelab`` command,
spawned with an argument array, and shows what it prints as a :class:`ValidationResult`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..errors import FeaturelabError
from .mime import ValidationResult


class ValidationRunError(FeaturelabError):
    """``featurelab validate`` could not run the suite (bad suite, missing data, engine failure)."""


def _command(command: Sequence[str] | None) -> list[str]:
    if command is not None:
        return list(command)
    found = shutil.which("featurelab")
    if found is None:
        raise ValidationRunError(
            "the featurelab command is not on PATH",
            hint="Install jupyterlab-featurelab into this environment, or pass command=[...].",
        )
    return [found]


def validate(
    suite: str | os.PathLike[str],
    data: str | os.PathLike[str] | None = None,
    *,
    engine: str | None = None,
    workspace: str | os.PathLike[str] | None = None,
    command: Sequence[str] | None = None,
    timeout: float | None = 3600,
) -> ValidationResult:
    """Run the suite file on ``data`` (a Parquet path or a table; default: the suite's table).

    Returns the result, which displays as ``application/vnd.featurelab.validation+json``;
    ``result.passed`` is False when a blocking check failed. ``engine="duckdb"`` reads local
    Parquet in the featurelab process; ``"spark"`` starts its own local Spark (not this
    kernel's session).
    """
    argv = [*_command(command), "validate", "--suite", str(Path(suite)), "--json"]
    if data is not None:
        argv += ["--data", str(data)]
    if engine is not None:
        argv += ["--engine", engine]
    if workspace is not None:
        argv += ["--workspace", str(workspace)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    try:
        output = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        output = None
    if isinstance(output, dict) and "checks" in output:
        return ValidationResult(output)
    if isinstance(output, dict) and isinstance(output.get("error"), dict):
        error = output["error"]
        problems = error.get("problems") or []
        where = "; ".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems[:5])
        raise ValidationRunError(where or str(error.get("message")), hint=error.get("hint"))
    raise ValidationRunError(
        f"featurelab validate exited with {done.returncode}: {(done.stderr or '').strip().splitlines()[-1:] or ''}"
    )
