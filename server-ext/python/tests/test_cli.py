"""The ``featurelab`` console script runs the packaged service bundle on the wheel's Node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jupyterlab_featurelab import __version__, cli
from jupyterlab_featurelab.compat import compatible
from jupyterlab_featurelab.paths import packaged_service_path

PYTHON_ROOT = Path(__file__).resolve().parents[1]
RUN_MAIN = "import sys; sys.argv[0] = 'featurelab'; from jupyterlab_featurelab.cli import main; main()"


@pytest.fixture
def staged_service() -> Path:
    path = packaged_service_path()
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `npm run build` then `scripts/stage-python-artifacts.sh`")
    return path


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """``featurelab ARGS`` through cli.main() of this checkout, in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PYTHON_ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-c", RUN_MAIN, *args], capture_output=True, text=True, env=env, timeout=30, check=False
    )


def test_help(staged_service: Path) -> None:
    result = run_main("--help")
    assert result.returncode == 0, result.stderr
    assert "serve" in result.stdout and "doctor" in result.stdout
    assert "ExperimentalWarning" not in result.stderr


def test_arguments_and_output_pass_through(staged_service: Path) -> None:
    result = run_main("version", "--json")
    assert result.returncode == 0, result.stderr
    version = json.loads(result.stdout)
    assert compatible(version["service"], __version__)
    assert version["node"].startswith("v24.")


def test_installed_console_script(staged_service: Path) -> None:
    script = shutil.which("featurelab", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.fail(
            "no `featurelab` script next to this Python: install the package first "
            "(scripts/setup.sh, or pip install .)"
        )
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    assert "serve" in result.stdout


def test_missing_bundle_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(cli, "packaged_service_path", lambda: tmp_path / "featurelab.mjs")
    monkeypatch.setattr(sys, "argv", ["featurelab", "--help"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    assert "service bundle is missing" in capsys.readouterr().err


def test_missing_node_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "find_node", lambda: None)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    assert "Node was not found" in capsys.readouterr().err
