"""Spark's own answer for the schema of a query: the ``analyze`` bridge method.

The notebook's live schema inference runs in the browser; when the kernel is idle the frontend
asks the real Spark analyzer to confirm it. ``spark.sql(q)`` on a query only parses and analyzes
(nothing runs until an action), but on DDL/DML it *executes* the statement. So a statement is
sent to Spark only after two checks that do not run anything:

1. its first keyword (after comments and parentheses) is SELECT, WITH, FROM, VALUES or TABLE, and
   it is one statement (no second statement after a ``;``);
2. Spark's parser (``sessionState.sqlParser.parsePlan``, parse only) gives a plan whose root is a
   query, not a command or an insert (``WITH x AS (...) INSERT INTO ...`` passes check 1).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .errors import FeaturelabError, first_line

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

QUERY_KEYWORDS = frozenset({"select", "with", "from", "values", "table"})
#: Root plan classes of parsed statements that write or change something (besides ``Command``).
_WRITING_ROOTS = frozenset(
    {
        "InsertIntoStatement",
        "InsertIntoDir",
        "AppendData",
        "OverwriteByExpression",
        "OverwritePartitionsDynamic",
        "DeleteFromTable",
        "UpdateTable",
        "MergeIntoTable",
        "ReplaceData",
        "WriteDelta",
        "CreateTableAsSelect",
        "ReplaceTableAsSelect",
        "CreateView",
        "CacheTableAsSelect",
    }
)
_COMMAND_CLASS = "org.apache.spark.sql.catalyst.plans.logical.Command"
_SESSION_CATALOG_QUALIFIERS = frozenset({"spark_catalog"})


class NotAQueryError(FeaturelabError):
    """The text is not a single SELECT/WITH query, so it is not sent to Spark for analysis."""

    hint = (
        "Only single queries (SELECT, WITH ... SELECT, FROM, VALUES, TABLE) are checked by Spark; "
        "DDL and DML are never sent for analysis. Run the cell to execute them."
    )


class SparkAnalysisError(FeaturelabError):
    """Spark rejected the query (parse or analysis error); the message is Spark's first line."""


def _skip_space_and_comments(text: str, i: int) -> int:
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            return i
    return i


def _rest_is_empty(text: str, i: int) -> bool:
    """Whether only ``;``, spaces and comments follow position ``i``."""
    while True:
        i = _skip_space_and_comments(text, i)
        if i >= len(text):
            return True
        if text[i] != ";":
            return False
        i += 1


def statement_end(text: str) -> int:
    """Offset of the first top-level ``;`` (outside strings, identifiers, comments) or len."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            i += 1
            while i < n and text[i] != c:
                i += 2 if text[i] == "\\" and c != "`" else 1
            i += 1
        elif text.startswith("--", i) or text.startswith("/*", i):
            i = _skip_space_and_comments(text, i)
        elif c == ";":
            return i
        else:
            i += 1
    return n


def first_keyword(text: str) -> str:
    """The first word of the statement, lower case, skipping comments and opening parentheses."""
    i = 0
    while True:
        i = _skip_space_and_comments(text, i)
        if i < len(text) and text[i] == "(":
            i += 1
            continue
        break
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    return text[i:j].lower()


def check_single_query(sql: str) -> str:
    """Return the query without trailing ``;``; raise :class:`NotAQueryError` for anything else."""
    if not isinstance(sql, str) or not sql.strip():
        raise NotAQueryError("There is no query to analyze.")
    keyword = first_keyword(sql)
    if keyword not in QUERY_KEYWORDS:
        shown = keyword.upper() or "(no keyword)"
        raise NotAQueryError(f"The statement starts with {shown}, not SELECT or WITH.")
    end = statement_end(sql)
    if not _rest_is_empty(sql, end):
        raise NotAQueryError("The text holds more than one statement.")
    return sql[:end]


def _java_class_name(obj: Any) -> str:
    return str(obj.getClass().getSimpleName())


def check_parsed_plan(spark: SparkSession, sql: str) -> None:
    """Parse (never run) ``sql`` with Spark's parser and refuse commands and writes."""
    jvm = spark._jvm  # type: ignore[attr-defined]
    try:
        plan = spark._jsparkSession.sessionState().sqlParser().parsePlan(sql)  # type: ignore[attr-defined]
    except Exception as exc:
        raise SparkAnalysisError(first_line(exc)) from None
    command = jvm.java.lang.Class.forName(_COMMAND_CLASS)
    root = plan
    # `WITH x AS (...) <statement>` parses as UnresolvedWith around the statement.
    while _java_class_name(root) == "UnresolvedWith":
        root = root.child()
    name = _java_class_name(root)
    if command.isInstance(root) or name in _WRITING_ROOTS:
        raise NotAQueryError(f"Spark parses the statement as {name}, not a query.")


def _columns(schema_json: str) -> list[dict[str, Any]]:
    from pyspark.sql.types import StructType

    schema = StructType.fromJson(json.loads(schema_json))
    return [
        {"name": f.name, "type": f.dataType.simpleString(), "nullable": bool(f.nullable)}
        for f in schema.fields
    ]


def _seq(scala_seq: Any) -> list[Any]:
    return [scala_seq.apply(i) for i in range(scala_seq.size())]


def _named_relations(plan: Any) -> list[tuple[str, str]]:
    """``(name, schema json)`` of every CTE and aliased subquery of an analyzed plan, in order.

    Spark 3.5 keeps CTEs in the analyzed plan as ``WithCTE`` whose children are the
    ``CTERelationDef``s (each wrapping a ``SubqueryAlias`` named after the CTE) and the main
    query. Table scans are ``SubqueryAlias`` nodes too, with a qualifier (catalog, database);
    CTEs and subquery aliases have none.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    stack = [plan]
    visited = 0
    while stack and visited < 10_000:
        node = stack.pop()
        visited += 1
        if _java_class_name(node) == "SubqueryAlias":
            identifier = node.identifier()
            if identifier.qualifier().isEmpty():
                alias = str(identifier.name())
                if alias.lower() not in seen:
                    seen.add(alias.lower())
                    found.append((alias, str(node.schema().json())))
        # Depth first, children left to right: CTE definitions come before the main query.
        stack.extend(reversed(_seq(node.children())))
    return found


def analyze_query(spark: SparkSession, sql: Any) -> dict[str, Any]:
    """Spark's analyzed schema of a single query and of its CTEs and aliased subqueries.

    Returns ``{"relations": [{"name", "columns", "schemaJson"}...]}`` with ``$result`` last.
    Raises :class:`NotAQueryError` (nothing sent to Spark) or :class:`SparkAnalysisError`.
    """
    query = check_single_query(sql)
    check_parsed_plan(spark, query)
    try:
        frame = spark.sql(query)
        result_json = frame.schema.json()
    except Exception as exc:
        raise SparkAnalysisError(first_line(exc)) from None
    relations: list[dict[str, Any]] = []
    try:
        analyzed = frame._jdf.queryExecution().analyzed()  # type: ignore[attr-defined]
        named = _named_relations(analyzed)
    except Exception:
        named = []  # CTE detail is a bonus; the result schema is what matters
    for name, schema_json in named:
        relations.append({"name": name, "columns": _columns(schema_json), "schemaJson": schema_json})
    relations.append({"name": "$result", "columns": _columns(result_json), "schemaJson": result_json})
    return {"relations": relations}
