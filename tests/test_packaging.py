"""An installed package finds its patterns without a checkout beside it."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_wheel_ships_the_pattern_files_and_reads_them(tmp_path):
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path / "dist")], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("qingdan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("extract/patterns/")}
    assert shipped >= {p.name for p in (ROOT / "patterns").glob("*.yml")} | {"dictionary_verbs.txt", "dictionary_nouns.txt",
                                                                                    "dictionary_verbal_nouns.txt"}
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("from extract.rules import patterns_dir; from extract.pipeline import extract_text; "
            "print(patterns_dir()); print(extract_text('2024年度责任清单\\n年内讲党课不少于2次。')[0].action)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    folder, action = run.stdout.split()
    assert Path(folder).is_relative_to(target) and action == "讲党课"
