"""Benchmark of the language census's per-file work; prints figures, asserts nothing.

* ``candidates_for`` on 100,000 base names;
* the vendored, generated and documentation rules on 100,000 paths;
* every ambiguous extension's heuristics on texts built to make careless patterns backtrack
  (the slowest extension is named: a regression there shows up as seconds, not milliseconds).

Usage: ``python benchmarks/bench_census.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from detectors.census import heuristics, languages, path_rules

PATHS = [
    f"services/svc{i % 97}/src/module{i % 13}/sub_{i % 7}/file_{i}.{ext}"
    for i, ext in zip(range(100_000), ["py", "ts", "go", "md", "json"] * 20_000, strict=True)
]
NAMES = ["component.test.tsx", "Dockerfile", "x.y.z.unknown", "lib.rs"] * 25_000
ADVERSARIAL = {
    "blank lines": "\n" * heuristics.MAX_TEXT,
    "one long word": "a" * heuristics.MAX_TEXT,
    "one long line": ("foo a.b/c: x " * (heuristics.MAX_TEXT // 13))[: heuristics.MAX_TEXT],
    "dense symbols": ("(){}:;=$#%!<>/\\ \t" * (heuristics.MAX_TEXT // 17))[
        : heuristics.MAX_TEXT
    ],
}


def timed(label: str, count: int, work: object) -> None:
    assert callable(work)
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    print(f"{label:<48} {elapsed:7.3f} s  {elapsed / count * 1e6:7.2f} us each")


def main() -> None:
    timed("candidates_for, 100,000 names", len(NAMES), lambda: [
        languages.candidates_for(name) for name in NAMES
    ])  # fmt: skip
    for label, check in (
        ("is_vendored", path_rules.is_vendored),
        ("is_generated", path_rules.is_generated),
        ("is_documentation", path_rules.is_documentation),
    ):
        timed(f"{label}, 100,000 paths", len(PATHS), lambda check=check: [
            check(path) for path in PATHS
        ])  # fmt: skip

    slowest = ("", 0.0)
    started_all = time.perf_counter()
    for extension in sorted(heuristics.AMBIGUOUS_EXTENSIONS):
        candidates = languages.BY_EXTENSION[extension]
        started = time.perf_counter()
        for text in ADVERSARIAL.values():
            heuristics.disambiguate(extension, text, candidates)
        elapsed = time.perf_counter() - started
        if elapsed > slowest[1]:
            slowest = (extension, elapsed)
    total = time.perf_counter() - started_all
    count = len(heuristics.AMBIGUOUS_EXTENSIONS) * len(ADVERSARIAL)
    print(f"{'heuristics on adversarial 50 KB texts':<48} {total:7.3f} s  {count} runs")
    print(f"{'  slowest extension':<48} {slowest[1]:7.3f} s  ({slowest[0]})")


if __name__ == "__main__":
    main()
