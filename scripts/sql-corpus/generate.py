"""Record real Spark's answers for the SQL schema-inference corpus.

Usage (from the repository root, with the project's virtual environment):

    source scripts/env.sh
    python scripts/sql-corpus/generate.py [--corpus core/test/fixtures/sql-corpus]

Reads ``catalog.json`` (table name -> ``StructType.json()``) and ``queries.sql`` from the corpus
folder, creates EMPTY tables with exactly those schemas in a local SparkSession, and writes
``expected.json``: for every query either the analyzed output schema of ``$result`` and of each
top-level CTE, or the error Spark raised (error class, message, query context). Nothing is
executed: ``spark.sql(q).schema`` only parses and analyses.

Tables are registered as global temporary views in a global-temp database named after the
catalog's database (``demo``), plus local temporary views under the bare table name. Views over
local relations keep the catalog's nullability; a persisted data-source table would not
(Spark makes every column of a file-based table nullable).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from corpus_spark import corpus_session, schema_columns

QUERY_HEADER = re.compile(r"^--\s*query:\s*(\S+)\s*$")
DIRECTIVE = re.compile(r"^--\s*(unsupported|ansi):\s*(.*?)\s*$")


def read_queries(path: Path) -> list[dict]:
    """Split queries.sql into entries at each ``-- query: <id>`` line."""
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = QUERY_HEADER.match(line)
        if header:
            current = {"id": header.group(1), "lines": []}
            entries.append(current)
            continue
        if current is None:
            continue
        directive = DIRECTIVE.match(line) if not current["lines"] else None
        if directive:
            key, value = directive.groups()
            if key == "ansi":
                current["ansi"] = value.lower() == "true"
            else:
                current["unsupported"] = value
            continue
        current["lines"].append(line)
    queries = []
    seen = set()
    for entry in entries:
        if entry["id"] in seen:
            raise SystemExit(f"duplicate query id {entry['id']}")
        seen.add(entry["id"])
        sql = "\n".join(entry.pop("lines")).strip()
        sql = sql[:-1].rstrip() if sql.endswith(";") else sql
        queries.append({**entry, "sql": sql})
    return queries


def top_level_ctes(sql: str) -> list[tuple[str, int]]:
    """Names of the top-level CTEs and the offset just after each one's closing parenthesis.

    A small scanner that skips strings, quoted identifiers and comments; good enough for the
    corpus (the analyzer under test has its own, real, parser).
    """
    tokens: list[tuple[str, int, int]] = []  # (text, start, end) of words and punctuation
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            i += 1
        elif sql.startswith("--", i):
            i = sql.find("\n", i) if "\n" in sql[i:] else n
        elif sql.startswith("/*", i):
            i = sql.find("*/", i) + 2
        elif c in "'\"`":
            j = i + 1
            while j < n and sql[j] != c:
                j += 2 if sql[j] == "\\" else 1
            tokens.append((sql[i : j + 1], i, j + 1))
            i = j + 1
        elif c.isalnum() or c == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            tokens.append((sql[i:j], i, j))
            i = j
        else:
            tokens.append((c, i, i + 1))
            i += 1
    if not tokens or tokens[0][0].upper() != "WITH":
        return []
    ctes: list[tuple[str, int]] = []
    k = 1
    while k < len(tokens):
        name = tokens[k][0].strip("`")
        k += 1
        if tokens[k][0] == "(":  # column aliases
            while tokens[k][0] != ")":
                k += 1
            k += 1
        if tokens[k][0].upper() == "AS":
            k += 1
        if tokens[k][0] != "(":
            raise ValueError(f"cannot find the body of CTE {name}")
        depth = 0
        while True:
            text = tokens[k][0]
            depth += 1 if text == "(" else -1 if text == ")" else 0
            k += 1
            if depth == 0:
                break
        ctes.append((name, tokens[k - 1][2]))
        if k < len(tokens) and tokens[k][0] == ",":
            k += 1
            continue
        return ctes
    return ctes


def describe_error(error: Exception) -> dict:
    result: dict = {"kind": type(error).__name__}
    error_class = getattr(error, "getErrorClass", lambda: None)()
    if error_class:
        result["errorClass"] = error_class
    parameters = getattr(error, "getMessageParameters", lambda: None)()
    if parameters:
        result["parameters"] = dict(parameters)
    contexts = getattr(error, "getQueryContext", lambda: [])() or []
    for context in contexts[:1]:
        try:
            result["context"] = {
                "start": context.startIndex(),
                "stop": context.stopIndex(),
                "fragment": context.fragment(),
            }
        except Exception:  # noqa: BLE001 - DataFrame contexts have no SQL indexes
            pass
    # The first line carries the message; the rest is the plan dump, which changes too often.
    result["message"] = str(error).strip().splitlines()[0][:400]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="core/test/fixtures/sql-corpus")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
    queries = read_queries(corpus / "queries.sql")
    spark = corpus_session(catalog, "featurelab-sql-corpus")

    results = []
    for query in queries:
        ansi = bool(query.get("ansi", False))
        spark.conf.set("spark.sql.ansi.enabled", "true" if ansi else "false")
        entry = {key: query[key] for key in ("id", "sql", "ansi", "unsupported") if key in query}
        try:
            relations = [{"name": "$result", "columns": schema_columns(spark.sql(query["sql"]).schema)}]
            for name, end in top_level_ctes(query["sql"]):
                probe = f"{query['sql'][:end]}\nSELECT * FROM `{name}`"
                relations.append({"name": name, "columns": schema_columns(spark.sql(probe).schema)})
            entry["relations"] = relations
        except Exception as error:  # noqa: BLE001 - every Spark rejection is an expected answer
            if type(error).__name__ not in ("AnalysisException", "ParseException"):
                raise
            entry["error"] = describe_error(error)
        results.append(entry)

    output = {
        "generatedBy": "scripts/sql-corpus/generate.py",
        "sparkVersion": spark.version,
        "catalog": "catalog.json",
        "queries": results,
    }
    (corpus / "expected.json").write_text(json.dumps(output, indent=1) + "\n", encoding="utf-8")
    rejected = sum(1 for r in results if "error" in r)
    print(f"{len(results)} queries, {rejected} rejected by Spark {spark.version} -> {corpus / 'expected.json'}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
