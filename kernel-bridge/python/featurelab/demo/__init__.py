"""A synthetic recommendation/ads data set for trying Featurelab: ``python -m featurelab.demo``.

Tables ``demo.users``, ``demo.items``, ``demo.impressions`` and ``demo.orders`` are written as
Parquet under ``<workspace>/warehouse/demo/`` and listed in the manifest
``<workspace>/.featurelab/warehouse.json``, which ``featurelab.spark_session()`` reads to
register them in Spark.
"""

from .build import DemoResult, build_demo, copy_notebooks
from .spec import SCHEMAS, SIZES, SPARK_TYPES, TABLES

__all__ = [
    "SCHEMAS",
    "SIZES",
    "SPARK_TYPES",
    "TABLES",
    "DemoResult",
    "build_demo",
    "copy_notebooks",
]
