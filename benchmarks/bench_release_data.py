"""Benchmark of the registry look-ups; prints figures, asserts nothing.

A project with 1,000 distinct dependencies (500 on npm with a lockfile, 500 on PyPI pinned in
``requirements.txt``) is scanned against a fake registry on 127.0.0.1 that builds each
package's document (npm's full package document, PyPI's Simple JSON page) on request, in the
registries' documented shapes. Measured:

* cold: a new, empty release-data cache (every document fetched);
* warm: the same cache again, in a new session (every document from the cache);
* the requests the registry saw, and how many paths were asked for more than once.

The time of the release-data stage is the scan's time minus the same scan's time without
release data. Targets (issue #4, on the 2-core reference machine): under 10 s cold, under 1 s
warm, no document asked for twice in one run.

Usage: ``python benchmarks/bench_release_data.py [--packages N] [--delay SECONDS]``
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scanner.detector import Detector
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.releases.http import HttpSettings
from scanner.releases.locations import discover_locations
from scanner.runner import ReleaseDataSettings, run_scan

SEEN: Counter[str] = Counter()
DELAY = 0.0


def npm_document(name: str) -> dict[str, object]:
    """A package document with twelve versions over six years, in npm's documented shape."""
    versions = [f"{major}.{minor}.0" for major in range(1, 5) for minor in range(3)]
    times = {v: f"{2019 + i // 2}-0{1 + i % 9}-15T10:00:00.000Z" for i, v in enumerate(versions)}
    return {
        "name": name,
        "dist-tags": {"latest": versions[-1]},
        "versions": {
            v: {"name": name, "version": v, "engines": {"node": ">=18"}} for v in versions
        },
        "time": {"created": times[versions[0]], "modified": times[versions[-1]], **times},
    }


def pypi_page(name: str) -> dict[str, object]:
    """A Simple JSON page (API 1.1) with twelve versions, one wheel each."""
    versions = [f"{major}.{minor}.0" for major in range(1, 5) for minor in range(3)]
    files = [
        {
            "filename": f"{name.replace('-', '_')}-{v}-py3-none-any.whl",
            "url": f"../../files/{name}-{v}.whl",
            "hashes": {"sha256": "0" * 64},
            "requires-python": ">=3.9",
            "upload-time": f"{2019 + i // 2}-0{1 + i % 9}-15T10:00:00.000000Z",
            "yanked": False,
        }
        for i, v in enumerate(versions)
    ]
    return {"meta": {"api-version": "1.1"}, "name": name, "versions": versions, "files": files}


class Registry(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        SEEN[self.path] += 1
        time.sleep(DELAY)
        if self.path.startswith("/npm/"):
            body, kind = npm_document(self.path[5:]), "application/json"
        elif self.path.startswith("/simple/"):
            body, kind = pypi_page(self.path[8:].strip("/")), "application/vnd.pypi.simple.v1+json"
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def write_project(root: Path, packages: int) -> None:
    """A project with ``packages`` dependencies, half npm (locked), half PyPI (pinned)."""
    half = packages // 2
    npm = {f"bench-npm-{i}": "^1.0.0" for i in range(half)}
    lock_packages: dict[str, object] = {"": {"name": "bench", "dependencies": npm}}
    for name in npm:
        lock_packages[f"node_modules/{name}"] = {"version": "1.1.0"}
    root.mkdir(parents=True, exist_ok=True)
    (root / "package.json").write_text(json.dumps({"name": "bench", "dependencies": npm}))
    (root / "package-lock.json").write_text(
        json.dumps({"name": "bench", "lockfileVersion": 3, "packages": lock_packages})
    )
    (root / "requirements.txt").write_text(
        "".join(f"bench-py-{i}==2.0.0\n" for i in range(packages - half))
    )


def scan_seconds(root: Path, settings: ReleaseDataSettings | None) -> tuple[float, int]:
    detectors = load_plugins(DETECTOR_GROUP, Detector)
    start = time.perf_counter()
    report = run_scan([str(root)], detectors, release_data=settings)
    seconds = time.perf_counter() - start
    return seconds, sum(len(scan.freshness) for scan in report.scans)


def main() -> None:
    global DELAY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument(
        "--delay", type=float, default=0.0, help="seconds the registry waits per answer"
    )
    args = parser.parse_args()
    DELAY = args.delay
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        write_project(root, args.packages)
        cache = Path(folder) / "cache.sqlite"
        locations = discover_locations(
            {}, overrides={"npm": f"{base}/npm/", "pypi": f"{base}/simple/"}
        )
        settings = ReleaseDataSettings(
            endoflife_url=f"{base}/eol",
            http=HttpSettings(cache_path=cache, retries=0),
            as_of=date(2026, 11, 24),
            registries=locations,
        )
        baseline, _ = scan_seconds(root, None)
        print(f"scan without release data: {baseline:.2f} s")
        for label in ("cold", "warm"):
            SEEN.clear()
            seconds, assessed = scan_seconds(root, settings)
            repeated = sum(1 for count in SEEN.values() if count > 1)
            print(
                f"{label}: release data {seconds - baseline:.2f} s (scan {seconds:.2f} s), "
                f"{assessed} dependencies assessed, {sum(SEEN.values())} requests, "
                f"{repeated} paths asked more than once"
            )
    server.shutdown()


if __name__ == "__main__":
    main()
