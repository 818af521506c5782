"""Shared fixtures: one tiny demo workspace and one real local SparkSession per test run.

Spark start-up dominates the run time, so the session is shared (``local[2]``, loopback only,
no UI). Tests import ``featurelab`` from this checkout, ahead of any installed copy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PACKAGE_ROOT))
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

from featurelab.demo import build_demo  # noqa: E402

SPARK_TEST_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.driver.memory": "1g",
    "spark.ui.enabled": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


@pytest.fixture(scope="session")
def tiny_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the tiny demo data set; shared, so tests must not modify it."""
    workspace = tmp_path_factory.mktemp("ws-tiny")
    build_demo(workspace, size="tiny", progress=None)
    return workspace


@pytest.fixture(scope="session")
def spark(tiny_workspace: Path) -> Iterator[object]:
    import featurelab

    session = featurelab.spark_session(master="local[2]", workspace=tiny_workspace, **SPARK_TEST_CONF)
    yield session
    session.stop()
