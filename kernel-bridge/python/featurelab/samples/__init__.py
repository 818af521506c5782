"""Training samples: point-in-time-correct joins of feature groups onto labelled events.

From a notebook::

    import featurelab.samples as samples
    samples.preview("ctr_training", spark, specs="features/").show()
    samples.build("features/training.yaml", spark, output_path="/tmp/ctr")

The service's ``featurelab samples build SPEC.yaml`` runs ``python -m featurelab.samples``.
Semantics: docs/samples.md.
"""

from __future__ import annotations

from .builder import BuildResult, build, preview, resolve_spec, sample_dataframe
from .compiler import CompileError, compile_sql, output_schema
from .plan import SamplePlan, SampleSpecError, resolve_plan

__all__ = [
    "BuildResult",
    "CompileError",
    "SamplePlan",
    "SampleSpecError",
    "build",
    "compile_sql",
    "output_schema",
    "preview",
    "resolve_plan",
    "resolve_spec",
    "sample_dataframe",
]
