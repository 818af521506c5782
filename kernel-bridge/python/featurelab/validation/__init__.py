"""Data validation on Spark: run a plan compiled by Featurelab's validation compiler.

The compiler (``@featurelab/core/validation``, TypeScript) turns a suite into Spark SQL; this
package only executes that SQL on a SparkSession and returns JSON-safe rows, so the two engines
(Spark here, DuckDB in the service) share one plan and one evaluation. ``python -m
featurelab.validation`` serves the ``featurelab validate --engine spark`` command over stdin;
``validate(suite, data)`` runs that command from a notebook and displays its result.
"""

from __future__ import annotations

from .executor import ValidationRequestError, handle_request, json_safe, relation_schema, run_query
from .mime import VALIDATION_MIME_TYPE, ValidationResult
from .notebook import ValidationRunError, validate

__all__ = [
    "VALIDATION_MIME_TYPE",
    "ValidationRequestError",
    "ValidationResult",
    "ValidationRunError",
    "handle_request",
    "json_safe",
    "relation_schema",
    "run_query",
    "validate",
]
