"""The demo generator: promised schemas, sizes, determinism, idempotency, crash safety."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from featurelab.demo import SCHEMAS, SIZES, TABLES, build_demo, data
from featurelab.demo.__main__ import main
from featurelab.workspace import manifest_path, read_manifest


def read(workspace: Path, table: str) -> pa.Table:
    files = sorted((workspace / "warehouse" / "demo" / table).glob("part-*.parquet"))
    assert files, f"no files for {table}"
    return pa.concat_tables(pq.read_table(f) for f in files)


def test_tiny_schemas_are_exactly_as_promised(tiny_workspace: Path) -> None:
    for name in TABLES:
        for part in (tiny_workspace / "warehouse" / "demo" / name).glob("part-*.parquet"):
            assert pq.read_schema(part).equals(SCHEMAS[name], check_metadata=False), (name, part)
    ts = pq.ParquetFile(next((tiny_workspace / "warehouse/demo/impressions").glob("*.parquet")))
    logical = ts.schema.column(ts.schema.names.index("event_time")).logical_type
    as_json = json.loads(logical.to_json())
    assert as_json["Type"] == "Timestamp" and as_json["timeUnit"] == "microseconds"
    assert as_json["isAdjustedToUTC"] is True


def test_tiny_row_counts_match_size_and_manifest(tiny_workspace: Path) -> None:
    manifest = read_manifest(tiny_workspace)
    assert manifest is not None
    size = SIZES["tiny"]
    entries = {t.name: t for t in manifest.tables}
    assert sorted(entries) == sorted(TABLES)
    for name in TABLES:
        table = read(tiny_workspace, name)
        assert entries[name].rowCount == table.num_rows
        assert entries[name].database == "demo"
        assert entries[name].location == f"warehouse/demo/{name}"
        assert entries[name].sizeBytes and entries[name].sizeBytes > 0
    assert entries["users"].rowCount == size.users
    assert entries["items"].rowCount == size.items
    assert entries["impressions"].rowCount == size.impressions
    assert 0 < entries["orders"].rowCount < size.impressions
    raw = json.loads(manifest_path(tiny_workspace).read_text())
    assert raw["generator"]["name"] == "featurelab.demo" and raw["generator"]["version"]


def test_data_tells_a_consistent_story(tiny_workspace: Path) -> None:
    users, items = read(tiny_workspace, "users"), read(tiny_workspace, "items")
    impressions, orders = read(tiny_workspace, "impressions"), read(tiny_workspace, "orders")
    assert pc.all(pc.is_in(impressions["user_id"], users["user_id"])).as_py()
    assert pc.all(pc.is_in(impressions["item_id"], items["item_id"])).as_py()
    assert len(pc.unique(impressions["impression_id"])) == impressions.num_rows
    # Click-through rate falls with position.
    top = impressions.filter(pc.equal(impressions["position"], 1))
    low = impressions.filter(pc.greater_equal(impressions["position"], 6))
    ctr = lambda t: pc.mean(t["clicked"].cast(pa.float64())).as_py()  # noqa: E731
    assert ctr(top) > 1.5 * ctr(low)
    # Dwell time exactly on clicks; every order follows a click of the same user on the same item.
    clicked = pc.sum(impressions["clicked"]).as_py()
    assert impressions["dwell_ms"].null_count == impressions.num_rows - clicked
    clicks = impressions.filter(impressions["clicked"])
    first_click = clicks.group_by(["user_id", "item_id"]).aggregate([("event_time", "min")])
    joined = orders.join(first_click, ["user_id", "item_id"], join_type="left outer")
    assert joined["event_time_min"].null_count == 0
    assert pc.all(pc.greater(joined["order_time"], joined["event_time_min"])).as_py()
    assert pc.min(orders["amount"]).as_py() > 0
    # Embeddings have the fixed dimension; maps and arrays are filled.
    assert set(pc.list_value_length(items["embedding"]).to_pylist()) == {16}
    assert pc.max(pc.list_value_length(users["tags"])).as_py() >= 3
    assert all(dict(p)["lang"] for p in users["profile"].to_pylist())


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, tiny_workspace: Path) -> None:
    again = build_demo(tmp_path / "again", size="tiny", progress=None)
    other = build_demo(tmp_path / "other", size="tiny", seed=7, progress=None)
    for name in TABLES:
        assert read(again.workspace, name).equals(read(tiny_workspace, name)), name
    assert not read(other.workspace, "impressions").equals(read(tiny_workspace, "impressions"))


def test_idempotent_unless_forced_or_changed(tmp_path: Path) -> None:
    first = build_demo(tmp_path, size="tiny", progress=None)
    part = tmp_path / "warehouse/demo/users/part-00000.parquet"
    inode = part.stat().st_ino
    second = build_demo(tmp_path, size="tiny", progress=None)
    assert first.generated and not second.generated
    assert part.stat().st_ino == inode
    assert build_demo(tmp_path, size="tiny", force=True, progress=None).generated
    assert part.stat().st_ino != inode
    # A different scale is a different data set, and missing files are noticed.
    assert build_demo(tmp_path, size="tiny", scale=0.5, progress=None).generated
    assert read_manifest(tmp_path).tables[0].rowCount == SIZES["tiny"].users // 2
    part.unlink()
    assert build_demo(tmp_path, size="tiny", scale=0.5, progress=None).generated


def test_failure_leaves_previous_data_and_no_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(data, "generate_orders", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        build_demo(tmp_path / "fresh", size="tiny", progress=None)
    assert list((tmp_path / "fresh" / "warehouse").iterdir()) == []
    assert not manifest_path(tmp_path / "fresh").exists()

    monkeypatch.undo()
    build_demo(tmp_path / "kept", size="tiny", progress=None)
    before = {name: read(tmp_path / "kept", name) for name in TABLES}
    manifest_before = manifest_path(tmp_path / "kept").read_bytes()
    monkeypatch.setattr(data, "generate_orders", explode)
    with pytest.raises(RuntimeError):
        build_demo(tmp_path / "kept", size="tiny", force=True, progress=None)
    assert manifest_path(tmp_path / "kept").read_bytes() == manifest_before
    assert sorted(p.name for p in (tmp_path / "kept" / "warehouse").iterdir()) == ["demo"]
    for name in TABLES:
        assert read(tmp_path / "kept", name).equals(before[name])


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / "warehouse" / ".demo.staging-deadbeef" / "users"
    stale.mkdir(parents=True)
    build_demo(tmp_path, size="tiny", progress=None)
    assert sorted(p.name for p in (tmp_path / "warehouse").iterdir()) == ["demo"]


def test_notebooks_are_copied_but_never_overwritten(tmp_path: Path) -> None:
    result = build_demo(tmp_path, size="tiny", progress=None)
    names = sorted(p.name for p in result.notebooks)
    assert names == ["01-explore-demo-tables.ipynb", "02-user-features.ipynb"]
    mine = tmp_path / "01-explore-demo-tables.ipynb"
    mine.write_text("my edits")
    build_demo(tmp_path, size="tiny", force=True, progress=None)
    assert mine.read_text() == "my edits"


def test_packaged_notebooks_are_clean_nbformat4() -> None:
    folder = Path(data.__file__).parent / "notebooks"
    notebooks = sorted(folder.glob("*.ipynb"))
    assert [p.name for p in notebooks] == ["01-explore-demo-tables.ipynb", "02-user-features.ipynb"]
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and all(c.outputs == [] and c.execution_count is None for c in code)
        assert "featurelab.spark_session()" in code[0].source


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--workspace", str(tmp_path), "--size", "tiny"]) == 0
    assert "done:" in capsys.readouterr().err
    assert main(["--workspace", str(tmp_path), "--size", "tiny", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    with pytest.raises(SystemExit) as exit_info:
        main(["--workspace", str(tmp_path), "--size", "huge"])
    assert exit_info.value.code == 2
