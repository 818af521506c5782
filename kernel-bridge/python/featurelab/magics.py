"""The ``%%sql`` cell magic: run Spark SQL on the active SparkSession and show a typed grid.

``%load_ext featurelab`` registers it; so does the bridge's silent ``register()`` (the frontend
runs it in every Python kernel it talks to), so ``%%sql`` works in any notebook JupyterLab with
Featurelab opened.

    %%sql [--limit N] [-o NAME]
    SELECT ...

The result is displayed as ``application/vnd.featurelab.table+arrow`` (base64 Arrow IPC stream
of the first N rows plus a JSON header; the frontend renders it as a virtualized grid) with
``text/html`` and ``text/plain`` fallbacks for other frontends and nbconvert. ``-o NAME`` binds
the whole DataFrame (not only the shown rows) to ``NAME`` in the user's namespace.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import keyword
import shlex
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .arrowipc import arrow_schema_for, to_ipc_stream
from .errors import FeaturelabError, NoSparkSessionError, first_line
from .session import active_session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

TABLE_MIME = "application/vnd.featurelab.table+arrow"
DEFAULT_LIMIT = 1000
#: Rows travel in one IOPub message and are stored in the notebook: keep the cap finite.
MAX_LIMIT = 1_000_000
#: Rows and characters of the text fallbacks; the grid shows everything that was sent.
FALLBACK_ROWS = 20
FALLBACK_CELL_CHARS = 80


class SqlMagicUsageError(FeaturelabError):
    """The ``%%sql`` line has options the magic does not understand."""

    hint = "Usage: %%sql [--limit N] [-o NAME], then the query on the following lines."


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would print and exit the kernel
        raise SqlMagicUsageError(f"%%sql: {message}.")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%%sql", add_help=False)
    parser.add_argument("--limit", "-l", type=int, default=DEFAULT_LIMIT)
    parser.add_argument("-o", "--output", dest="output", default=None)
    return parser


def parse_magic_line(line: str) -> argparse.Namespace:
    """Options of the ``%%sql`` line; raises :class:`SqlMagicUsageError` on bad input."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise SqlMagicUsageError(f"%%sql: {exc}.") from None
    options = _parser().parse_args(words)
    if options.limit < 0 or options.limit > MAX_LIMIT:
        raise SqlMagicUsageError(f"%%sql: --limit must be between 0 and {MAX_LIMIT}.")
    if options.output is not None and (
        not options.output.isidentifier() or keyword.iskeyword(options.output)
    ):
        raise SqlMagicUsageError(f"%%sql: -o needs a Python name, not {options.output!r}.")
    return options


def collect_arrow(frame: DataFrame, limit: int) -> tuple[pa.Table, bool]:
    """The first ``limit`` rows as Arrow and whether the result has more rows."""
    limited = frame.limit(limit + 1)
    to_arrow = getattr(limited, "toArrow", None)
    if to_arrow is not None:
        table = to_arrow()
    else:
        batches = limited._collect_as_arrow()
        table = (
            pa.Table.from_batches(batches)
            if batches
            else arrow_schema_for(frame.schema).empty_table()
        )
    truncated = table.num_rows > limit
    return (table.slice(0, limit) if truncated else table), truncated


def table_bundle(
    table: pa.Table, *, spark_schema_json: str, truncated: bool, limit: int
) -> dict[str, Any]:
    """The display bundle: the Arrow MIME payload plus text/html and text/plain fallbacks."""
    from pyspark.sql.types import StructType

    spark_schema = StructType.fromJson(json.loads(spark_schema_json))
    columns = [
        {"name": f.name, "type": f.dataType.simpleString(), "nullable": bool(f.nullable)}
        for f in spark_schema.fields
    ]
    payload = {
        "arrow": base64.b64encode(to_ipc_stream(table)).decode("ascii"),
        "columns": columns,
        "rowCount": table.num_rows,
        "truncated": truncated,
        "limit": limit,
    }
    return {
        TABLE_MIME: payload,
        "text/html": _html(table, columns, truncated),
        "text/plain": _plain(table, columns, truncated),
    }


def _cell_text(value: Any) -> str:
    text = "null" if value is None else str(value)
    return text if len(text) <= FALLBACK_CELL_CHARS else text[: FALLBACK_CELL_CHARS - 1] + "…"


def _shown_rows(table: pa.Table) -> list[dict[str, Any]]:
    return table.slice(0, FALLBACK_ROWS).to_pylist()


def _footer(table: pa.Table, truncated: bool) -> str:
    more = " (more rows not shown; raise --limit)" if truncated else ""
    return f"{table.num_rows} row{'s' if table.num_rows != 1 else ''}{more}"


def _html(table: pa.Table, columns: list[dict[str, Any]], truncated: bool) -> str:
    esc = html.escape
    head = "".join(
        f"<th>{esc(c['name'])}<br><small>{esc(c['type'])}</small></th>" for c in columns
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell_text(row.get(c['name'])))}</td>" for c in columns) + "</tr>"
        for row in _shown_rows(table)
    )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p>{esc(_footer(table, truncated))}</p>"
    )


def _plain(table: pa.Table, columns: list[dict[str, Any]], truncated: bool) -> str:
    header = " | ".join(f"{c['name']}: {c['type']}" for c in columns)
    rows = [
        " | ".join(_cell_text(row.get(c["name"])) for c in columns) for row in _shown_rows(table)
    ]
    return "\n".join([header, *rows, _footer(table, truncated)])


def run_sql_cell(line: str, cell: str, user_ns: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the cell's SQL and return the display bundle (the magic displays it)."""
    options = parse_magic_line(line)
    session = active_session()
    if session is None:
        raise NoSparkSessionError("%%sql needs an active SparkSession in this kernel.")
    frame = session.sql(cell)
    if options.output is not None and user_ns is not None:
        user_ns[options.output] = frame
    table, truncated = collect_arrow(frame, options.limit)
    return table_bundle(
        table, spark_schema_json=frame.schema.json(), truncated=truncated, limit=options.limit
    )


def sql(line: str, cell: str) -> None:
    """``%%sql [--limit N] [-o NAME]``: run Spark SQL on the active session, show a typed grid."""
    from IPython import get_ipython
    from IPython.display import display

    shell = get_ipython()
    user_ns = shell.user_ns if shell is not None else None
    try:
        bundle = run_sql_cell(line, cell, user_ns)
    except FeaturelabError as exc:
        # A usage or session problem: say so in one line instead of a traceback.
        raise _UserFacingError(str(exc)) from None
    except Exception as exc:
        if type(exc).__module__.startswith("pyspark."):
            # Spark's error class and message; the JVM stack trace helps nobody here.
            raise _UserFacingError(first_line(exc)) from None
        raise
    display(bundle, raw=True)


class _UserFacingError(Exception):
    """Shown by IPython as ``_UserFacingError: message``; no helper frames in the traceback."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


def register_magics(shell: Any, *, replace: bool = True) -> bool:
    """Register ``%%sql`` on an IPython shell; idempotent. Returns whether ours is registered.

    With ``replace=False`` (the bridge's automatic registration) a ``%%sql`` magic from another
    package (ipython-sql, JupySQL) is left in place.
    """
    existing = shell.magics_manager.magics.get("cell", {}).get("sql")
    if existing is not None and existing is not sql and not replace:
        return False
    if existing is not sql:
        shell.register_magic_function(sql, magic_kind="cell", magic_name="sql")
    return True


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext featurelab.magics`` (``%load_ext featurelab`` delegates here)."""
    register_magics(shell)
