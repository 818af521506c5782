"""The example notebooks that ship with the demo run top to bottom in a real kernel.

They are what a new user opens first, so they run here against the tiny demo data, in their own
copy of the workspace, exactly as `make start` lays them out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from featurelab.demo import build_demo

NOTEBOOKS = ["01-explore-demo-tables.ipynb", "02-user-features.ipynb"]


@pytest.fixture(scope="module")
def notebook_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("ws-notebooks")
    build_demo(workspace, size="tiny", progress=None)
    return workspace


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_example_notebook_runs(
    name: str, notebook_workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FEATURELAB_WORKSPACE", str(notebook_workspace))
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    path = notebook_workspace / name
    assert path.is_file(), f"the demo build did not copy {name} into the workspace"
    notebook = nbformat.read(path, as_version=4)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    shutil.copy(path, run_dir / name)

    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(run_dir)}}
    ).execute()

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{name} has no code cells"
    errors = [
        output
        for cell in code_cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == [], f"{name} raised: {[e.get('ename') + ': ' + e.get('evalue') for e in errors]}"
    # The last cell shows a result: the notebook ends on something the user can see.
    assert code_cells[-1].get("outputs"), f"the last code cell of {name} shows nothing"
