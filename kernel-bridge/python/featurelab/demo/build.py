"""Writing the demo warehouse: Parquet files, the manifest, the example notebooks.

Crash safety: all tables are written into a staging directory next to the final one and swapped
in with renames, and the manifest is replaced atomically last. An interrupted run therefore
leaves either the previous complete data set or nothing; leftovers of a killed run (staging
directories) are removed by the next run.
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..workspace import Manifest, TableEntry, read_manifest, write_manifest
from . import data
from .spec import (
    DATABASE,
    DEFAULT_SEED,
    GENERATOR_NAME,
    GENERATOR_VERSION,
    IMPRESSIONS_PER_FILE,
    SIZES,
    SPARK_TYPES,
    TABLES,
    Size,
)

Progress = Callable[[str], None]
_STAGING_PREFIX = f".{DATABASE}.staging-"
_RETIRED_PREFIX = f".{DATABASE}.retired-"
# Seed-sequence keys, one per table stream (never renumber: it would change the data).
_USERS, _ITEMS, _IMPRESSIONS, _ORDERS = 1, 2, 3, 4


def stderr_progress(message: str) -> None:
    print(f"[featurelab.demo] {message}", file=sys.stderr, flush=True)


def _silent(message: str) -> None:
    pass


@dataclass(frozen=True)
class DemoResult:
    workspace: Path
    manifest: Manifest
    generated: bool  # False when the existing data was already up to date
    seconds: float
    notebooks: list[Path]  # notebooks copied into the workspace by this run


def _rng(seed: int, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def _generator_info(size: str, scale: float, seed: int) -> dict[str, object]:
    return {
        "name": GENERATOR_NAME,
        "version": GENERATOR_VERSION,
        "size": size,
        "scale": scale,
        "seed": seed,
    }


def _is_up_to_date(workspace: Path, wanted: dict[str, object]) -> Manifest | None:
    """The current manifest if it describes exactly the wanted data and the files are there."""
    try:
        manifest = read_manifest(workspace)
    except Exception:
        return None
    if manifest is None or manifest.generator != wanted:
        return None
    demo_tables = [t for t in manifest.tables if t.database == DATABASE]
    if sorted(t.name for t in demo_tables) != sorted(TABLES):
        return None
    for table in demo_tables:
        location = Path(table.resolve_location(workspace))
        if len(list(location.glob("part-*.parquet"))) != table.files:
            return None
    return manifest


def _write_part(table: pa.Table, directory: Path, index: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"part-{index:05d}.parquet"
    pq.write_table(table, path, compression="snappy", coerce_timestamps="us")


def _write_tables(
    staging: Path, size: Size, seed: int, progress: Progress
) -> dict[str, tuple[int, int]]:
    """Generate and write all tables under ``staging``; returns (rows, files) per table."""
    counts: dict[str, tuple[int, int]] = {}

    started = time.perf_counter()
    users = data.generate_users(size.users, _rng(seed, _USERS))
    _write_part(users.table, staging / "users", 0)
    counts["users"] = (users.table.num_rows, 1)
    progress(f"users: {size.users:,} rows in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    items = data.generate_items(size.items, _rng(seed, _ITEMS))
    _write_part(items.table, staging / "items", 0)
    counts["items"] = (items.table.num_rows, 1)
    progress(f"items: {size.items:,} rows in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    impressions = orders = requests = 0
    chunks = max(1, -(-size.impressions // IMPRESSIONS_PER_FILE))
    for chunk in range(chunks):
        rows = min(IMPRESSIONS_PER_FILE, size.impressions - chunk * IMPRESSIONS_PER_FILE)
        table, clicks, used = data.generate_impressions(
            rows, impressions + 1, requests + 1, users, items, _rng(seed, _IMPRESSIONS, chunk)
        )
        _write_part(table, staging / "impressions", chunk)
        order_table = data.generate_orders(clicks, orders + 1, items, _rng(seed, _ORDERS, chunk))
        _write_part(order_table, staging / "orders", chunk)
        impressions += rows
        orders += order_table.num_rows
        requests += used
        progress(
            f"impressions: {impressions:,}/{size.impressions:,} rows, orders: {orders:,} "
            f"({time.perf_counter() - started:.1f} s)"
        )
    counts["impressions"] = (impressions, chunks)
    counts["orders"] = (orders, chunks)
    return counts


def _remove_leftovers(warehouse: Path) -> None:
    for pattern in (f"{_STAGING_PREFIX}*", f"{_RETIRED_PREFIX}*"):
        for leftover in warehouse.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def copy_notebooks(workspace: Path) -> list[Path]:
    """Copy the packaged example notebooks into the workspace, never overwriting a user's copy."""
    copied = []
    source = resources.files("featurelab.demo") / "notebooks"
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".ipynb"):
            continue
        target = workspace / entry.name
        if not target.exists():
            target.write_bytes(entry.read_bytes())
            copied.append(target)
    return copied


def build_demo(
    workspace: str | Path,
    *,
    size: str = "default",
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    progress: Progress | None = stderr_progress,
) -> DemoResult:
    """Create (or refresh) the demo warehouse and notebooks in ``workspace``.

    Idempotent: when the manifest already describes the same generator version, size, scale
    and seed and the files are in place, nothing is regenerated unless ``force`` is set.
    """
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale}")
    report = progress or _silent
    started = time.perf_counter()
    ws = Path(workspace).expanduser().resolve()
    warehouse = ws / "warehouse"
    warehouse.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(warehouse)
    wanted = _generator_info(size, scale, seed)

    current = None if force else _is_up_to_date(ws, wanted)
    if current is not None:
        notebooks = copy_notebooks(ws)
        report(f"demo data in {ws} is up to date ({size}); use --force to rebuild")
        return DemoResult(ws, current, False, time.perf_counter() - started, notebooks)

    dims = SIZES[size].scaled(scale)
    report(
        f"generating '{size}' (x{scale:g}) demo data into {ws}: {dims.users:,} users, "
        f"{dims.items:,} items, {dims.impressions:,} impressions"
    )
    token = uuid.uuid4().hex[:8]
    staging = warehouse / f"{_STAGING_PREFIX}{token}"
    retired = warehouse / f"{_RETIRED_PREFIX}{token}"
    final = warehouse / DATABASE
    try:
        counts = _write_tables(staging, dims, seed, report)
        if final.exists():
            final.rename(retired)
        staging.rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    entries = []
    for name in TABLES:
        rows, files = counts[name]
        location = final / name
        entries.append(
            TableEntry(
                database=DATABASE,
                name=name,
                location=location.relative_to(ws).as_posix(),
                format="parquet",
                rowCount=rows,
                sizeBytes=sum(p.stat().st_size for p in location.glob("part-*.parquet")),
                files=files,
                columns=tuple({"name": c, "type": t} for c, t in SPARK_TYPES[name].items()),
            )
        )
    try:
        previous = read_manifest(ws)
    except Exception:  # an unreadable manifest is replaced, not merged
        previous = None
    others = tuple(t for t in previous.tables if t.database != DATABASE) if previous else ()
    manifest = Manifest(
        tables=(*others, *entries),
        generator=wanted,
        createdAt=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    write_manifest(ws, manifest)
    shutil.rmtree(retired, ignore_errors=True)
    notebooks = copy_notebooks(ws)
    seconds = time.perf_counter() - started
    total = sum(t.rowCount or 0 for t in entries)
    megabytes = sum(t.sizeBytes or 0 for t in entries) / 1e6
    report(f"done: {total:,} rows, {megabytes:.1f} MB of Parquet in {seconds:.1f} s")
    return DemoResult(ws, manifest, True, seconds, notebooks)
