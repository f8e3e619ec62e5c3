"""A wheel built from the repo works in a fresh virtual environment with no checkout around it.

Proves that templates, the lexicon, the strength scale and the registry are package data loaded
through importlib.resources, not files found next to the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import EXAMPLES, PROJECT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(PROJECT)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail("building the wheel failed:\n" + build.stderr[-2000:])
    wheel = next(dist.glob("mandiff-*.whl"))
    env_dir = work / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True)
    # the dependencies (lxml, jinja2, ...) come from the test environment; mandiff itself only from the wheel
    deps = sysconfig.get_paths()["purelib"]
    env = dict(os.environ, PYTHONPATH=deps)
    run_dir = work / "elsewhere"
    run_dir.mkdir()
    for name in ("S-RES-9901-2031-fictional.txt", "S-RES-9950-2032-fictional.txt"):
        shutil.copy(EXAMPLES / name, run_dir / name)
    return python, env, run_dir, wheel


def test_wheel_contains_the_package_data(installed):
    import zipfile

    names = set(zipfile.ZipFile(installed[3]).namelist())
    assert "mandiff/data/lexicon_en.toml" in names
    assert "mandiff/data/strength.toml" in names
    assert "mandiff/data/softening.toml" in names
    assert "mandiff/resolutions/registry.toml" in names
    assert any(n.startswith("mandiff/templates/") and n.endswith(".j2") for n in names)
    assert {"mandiff/serve/app.py", "mandiff/templates/serve.js", "mandiff/templates/serve.css"} <= names  # mandiff serve


def test_installed_wheel_runs_the_whole_pipeline(installed):
    python, env, run_dir, _ = installed
    where = subprocess.run([str(python), "-c", "import mandiff; print(mandiff.__file__)"], cwd=run_dir, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(run_dir.parent / "env") in where  # not the checkout
    out = subprocess.run(
        [str(python), "-m", "mandiff", "diff", "S-RES-9901-2031-fictional.txt", "S-RES-9950-2032-fictional.txt", "--format", "json"],
        cwd=run_dir, env=env, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    assert '"weakened": 2' in out.stdout  # OP 4's verb and OP 5's hedges
    chain = subprocess.run([str(python), "-c", "from mandiff.registry import chain; print(len(chain('minusma').symbols))"],
                           cwd=run_dir, env=env, capture_output=True, text=True)
    assert chain.returncode == 0 and chain.stdout.strip() == "11", chain.stderr


def test_installed_wheel_renders_the_html_report(installed):
    python, env, run_dir, _ = installed
    out = subprocess.run(
        [str(python), "-m", "mandiff", "diff", "S-RES-9901-2031-fictional.txt", "S-RES-9950-2032-fictional.txt", "-o", "report.html"],
        cwd=run_dir, env=env, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "S/RES/9950 (2032)" in html
