"""Record real Spark's answers for the PySpark schema-inference corpus.

Usage (from the repository root, with the project's virtual environment):

    source scripts/env.sh
    python scripts/pyspark-corpus/generate.py [--corpus core/test/fixtures/pyspark-corpus]

Reads ``catalog.json`` (table name -> ``StructType.json()``) and ``chains.py`` (cells starting at
``# chain: <id>`` lines) from the corpus folder, creates EMPTY tables with exactly those schemas
in a local SparkSession (global temporary views in a global-temp database named after the
catalog's database, plus local temporary views under the bare name, as the SQL corpus does), runs
every chain in a fresh namespace holding ``spark``, ``F``, ``Window`` and the type classes, and
writes ``expected.json``: for every chain the schema of each DataFrame variable it assigned and
of its last statement's DataFrame (``$result``), or the error Spark raised. The tables are empty
and nothing is collected, so only Spark's analyzer runs.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

# The session and catalog setup are shared with the SQL corpus generator.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sql-corpus"))
from corpus_spark import corpus_session, schema_columns  # noqa: E402

CHAIN_HEADER = re.compile(r"^#\s*chain:\s*(\S+)\s*$")


def read_chains(path: Path) -> list[dict]:
    chains: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = CHAIN_HEADER.match(line)
        if header:
            current = {"id": header.group(1), "lines": []}
            chains.append(current)
        elif current is not None:
            current["lines"].append(line)
    seen: set[str] = set()
    out = []
    for chain in chains:
        if chain["id"] in seen:
            raise SystemExit(f"duplicate chain id {chain['id']}")
        seen.add(chain["id"])
        out.append({"id": chain["id"], "code": "\n".join(chain["lines"]).strip() + "\n"})
    return out


def describe_error(error: Exception) -> dict:
    result: dict = {"kind": type(error).__name__}
    error_class = getattr(error, "getErrorClass", lambda: None)()
    if error_class:
        result["errorClass"] = error_class
    result["message"] = str(error).strip().splitlines()[0][:400] if str(error).strip() else type(error).__name__
    return result


def run_chain(code: str, namespace: dict, frame_type: type) -> list[dict]:
    """Execute the cell statement by statement; the schemas of its DataFrames, $result last."""
    tree = ast.parse(code)
    relations: dict[str, list[dict]] = {}
    result = None
    for statement in tree.body:
        if isinstance(statement, ast.Expr):
            value = eval(compile(ast.Expression(statement.value), "<chain>", "eval"), namespace)  # noqa: S307
            if isinstance(value, frame_type):
                result = value
        else:
            exec(compile(ast.Module([statement], []), "<chain>", "exec"), namespace)  # noqa: S102
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
                value = namespace[statement.targets[0].id]
                if isinstance(value, frame_type):
                    relations.pop(statement.targets[0].id, None)
                    relations[statement.targets[0].id] = schema_columns(value.schema)
                    result = value
    out = [{"name": name, "columns": columns} for name, columns in relations.items()]
    if result is not None:
        out.append({"name": "$result", "columns": schema_columns(result.schema)})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="core/test/fixtures/pyspark-corpus")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
    chains = read_chains(corpus / "chains.py")
    from pyspark.errors import PySparkException
    from pyspark.sql import DataFrame, Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as spark_types
    from pyspark.sql.utils import AnalysisException

    spark = corpus_session(catalog, "featurelab-pyspark-corpus")

    results = []
    for chain in chains:
        namespace = {
            "spark": spark,
            "F": F,
            "Window": Window,
            **{n: getattr(spark_types, n) for n in dir(spark_types) if n.endswith("Type")},
        }
        entry: dict = {"id": chain["id"], "code": chain["code"]}
        try:
            entry["relations"] = run_chain(chain["code"], namespace, DataFrame)
        except (AnalysisException, PySparkException) as error:
            entry["error"] = describe_error(error)
        except Exception as error:  # noqa: BLE001 - Py4J errors Spark raises for bad arguments
            if type(error).__name__ not in ("IllegalArgumentException", "Py4JJavaError", "ParseException"):
                raise
            entry["error"] = describe_error(error)
        finally:
            for view in ("paid_orders",):
                spark.catalog.dropTempView(view)
        results.append(entry)

    output = {
        "generatedBy": "scripts/pyspark-corpus/generate.py",
        "sparkVersion": spark.version,
        "catalog": "catalog.json",
        "chains": results,
    }
    (corpus / "expected.json").write_text(json.dumps(output, indent=1) + "\n", encoding="utf-8")
    rejected = sum(1 for r in results if "error" in r)
    print(f"{len(results)} chains, {rejected} rejected by Spark {spark.version} -> {corpus / 'expected.json'}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
