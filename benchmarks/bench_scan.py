"""Benchmark of the whole ``stackaudit`` process on large trees; prints figures, asserts nothing.

Measures, each as a fresh process (wall time, files per second, peak resident memory):

* ``stackaudit --version`` (start-up cost of the command line);
* ``stackaudit scan`` on a synthetic monorepo of 100,000 files and 1,000 manifests, as a git
  work tree and as a plain directory (a ``node_modules`` full of files shows the pruning);
* ``stackaudit scan`` on every corpus repository of ``../shared/corpus``, laid out as sparse
  files with their real manifests (the babel tree, 27,674 files, is the one with a target),
  and babel once more as a git work tree.

Targets (issue #2, on the 2-core reference machine): babel under 1.0 s, the 100,000-file tree
under 3 s and 300 MB, ``--version`` under 0.3 s.

Usage: ``python benchmarks/bench_scan.py [--workdir DIR] [--runs N] [--skip-corpus]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from helpers import CORPUS, build_corpus_tree, init_repository  # noqa: E402

SYNTHETIC_FILES = 100_000
SYNTHETIC_MANIFESTS = 1_000
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

# Each package gets one manifest and this rotation of source files (99 files a package).
_MANIFESTS = (
    ("package.json", '{{"name": "pkg-{n}", "dependencies": {{"lodash": "^4.17.21"}}}}\n'),
    ("pyproject.toml", '[project]\nname = "pkg-{n}"\nversion = "1.0"\n'),
    ("go.mod", "module example.com/pkg{n}\n\ngo 1.22\n"),
    ("Cargo.toml", '[package]\nname = "pkg-{n}"\nversion = "0.1.0"\n'),
    ("pom.xml", "<project><artifactId>pkg-{n}</artifactId></project>\n"),
)
_SOURCES = (
    ("src/module_{i}.ts", "export const value{i}: number = {i};\n" * 30),
    ("src/module_{i}.py", "def value_{i}():\n    return {i}\n" * 20),
    ("src/module_{i}.go", "package main\n\nfunc value{i}() int {{ return {i} }}\n" * 15),
    ("include/header_{i}.h", "#include <stdio.h>\nint value_{i}(void);\n" * 5),
    ("docs/page_{i}.md", "# Page {i}\n\nText.\n" * 10),
    ("tests/test_{i}.py", "def test_{i}():\n    assert True\n" * 10),
)


def generate_monorepo(root: Path) -> Path:
    """Write the synthetic monorepo under ``root`` (if not there yet) and commit it."""
    marker = root / ".generated"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    files: dict[str, str] = {
        "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}\n',
        ".gitignore": "node_modules/\n",
    }
    per_package = SYNTHETIC_FILES // SYNTHETIC_MANIFESTS - 1
    for n in range(SYNTHETIC_MANIFESTS):
        base = f"packages/pkg-{n:04d}/"
        name, manifest = _MANIFESTS[n % len(_MANIFESTS)]
        files[base + name] = manifest.format(n=n)
        for i in range(per_package):
            pattern, body = _SOURCES[i % len(_SOURCES)]
            files[base + pattern.format(i=i)] = body.format(i=i)
    init_repository(root, files, message="synthetic monorepo")
    for i in range(2_000):
        path = root / "node_modules" / f"dep{i // 100}" / f"file{i}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("module.exports = 1;\n")
    marker.write_text("ok\n")
    return root


# Runs the stackaudit command line in this very process and, at exit, writes the process's
# peak resident set (VmHWM) to stderr. A child's ru_maxrss would not do: at exec, Linux folds
# the forking parent's high-water mark (this benchmark's) into the child's.
_PEAK_REPORTER = """
import atexit, runpy, sys
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write("VmHWM " + peak + "\\n")
atexit.register(report)
sys.argv = ["stackaudit", *sys.argv[1:]]
runpy.run_module("scanner", run_name="__main__", alter_sys=True)
"""


# Measured as installed code runs: with its bytecode cached, whatever this shell says.
_MEASURED_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(args: list[str], runs: int) -> tuple[float, int, str]:
    """Best wall time of ``stackaudit ARGS`` over ``runs`` fresh processes, the peak resident
    memory in KiB, and the last run's standard output."""
    best = float("inf")
    peak = 0
    output = ""
    subprocess.run(  # one unmeasured run warms the bytecode and file-system caches
        [sys.executable, "-m", "scanner", *args],
        capture_output=True,
        env=_MEASURED_ENVIRONMENT,
    )
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-c", _PEAK_REPORTER, *args],
            capture_output=True,
            text=True,
            env=_MEASURED_ENVIRONMENT,
        )
        elapsed = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit(f"stackaudit {' '.join(args)} failed: {completed.stderr}")
        output = completed.stdout
        reported = [line for line in completed.stderr.splitlines() if line.startswith("VmHWM ")]
        best = min(best, elapsed)
        peak = max(peak, int(reported[-1].split()[1]))
    return best, peak, output


def scan_figures(label: str, target: Path, runs: int) -> dict[str, float]:
    wall, rss, output = measure(["scan", str(target), "--no-release-data", "-f", "json"], runs)
    walk = json.loads(output)["scans"][0]["walk"]
    files = walk["files"]
    print(
        f"{label:<44} {files:>8,} files  {wall:6.3f} s wall  {files / wall:>10,.0f} files/s  "
        f"{rss / 1024:6.1f} MB peak RSS  ({walk['mode']}, in-process scan {walk['seconds']:.3f} s)"
    )
    return {"files": files, "wall": wall, "rss_mb": rss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "stackaudit-bench"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.update(GIT_ENV)

    wall, rss, _ = measure(["--version"], args.runs * 2)
    print(f"{'stackaudit --version':<44} {wall:6.3f} s wall  {rss / 1024:6.1f} MB peak RSS")

    started = time.perf_counter()
    synthetic = generate_monorepo(args.workdir / "synthetic")
    print(f"(synthetic monorepo ready in {time.perf_counter() - started:.1f} s)")
    scan_figures("synthetic 100k, git work tree", synthetic, args.runs)
    plain = args.workdir / "synthetic-plain"
    if not plain.exists():
        shutil.copytree(synthetic, plain, ignore=shutil.ignore_patterns(".git"))
    scan_figures("synthetic 100k + node_modules, plain dir", plain, args.runs)

    if args.skip_corpus:
        return
    if not CORPUS.is_dir():
        raise SystemExit(f"the corpus is missing at {CORPUS}; use --skip-corpus")
    total_files = 0
    total_wall = 0.0
    for folder in sorted(p.name for p in CORPUS.iterdir() if (p / "TREE.tsv").is_file()):
        tree = args.workdir / "corpus" / folder
        if not tree.exists():
            build_corpus_tree(folder, tree)
        figures = scan_figures(f"corpus {folder}", tree, args.runs)
        total_files += int(figures["files"])
        total_wall += figures["wall"]
        if folder == "babel__babel":
            work_tree = args.workdir / "babel-git"
            if not (work_tree / ".git").exists():
                shutil.rmtree(work_tree, ignore_errors=True)
                shutil.copytree(tree, work_tree)
                init_repository(work_tree, {}, message="babel corpus tree")
            scan_figures("corpus babel__babel, git work tree", work_tree, args.runs)
    print(f"{'corpus, all 23 repositories':<44} {total_files:>8,} files  {total_wall:6.3f} s wall")


if __name__ == "__main__":
    main()
