"""Real HTTP servers on 127.0.0.1 for the release-data tests.

* ``endoflife_url``: the endoflife.date snapshot in ../shared/endoflife (the tests that use it
  need that folder and fail without it), with a few paths that fail the ways a real service
  does;
* ``fake_registry``: a package-registry stand-in that each test fills with documents in the
  registry's documented response shape, and with failures (delays, error statuses,
  connections dropped mid-body).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fake_registry import FakeRegistry, RegistryHandler
from helpers import SHARED

from scanner.releases.cycles import Product
from scanner.releases.endoflife import parse_product

SNAPSHOT = SHARED / "endoflife"

# Every request the server answered, by path (tests count them).
SEEN: Counter[str] = Counter()
# Scripted answers for a path, used one by one: (status, headers) with an empty JSON body.
SCRIPTS: dict[str, list[tuple[int, dict[str, str]]]] = {}

# Request path -> (status, body, delay in seconds) for the failure modes.
FAILURES: dict[str, tuple[int, bytes, float]] = {
    "/api/v1/products/server-error": (503, b"<html>unavailable</html>", 0.0),
    "/api/v1/products/malformed": (200, b'{"result": {"releases": [', 0.0),
    "/api/v1/products/not-a-product": (200, b'{"result": {"name": "x"}}', 0.0),
    "/api/v1/products/slow": (200, b"{}", 3.0),
}


class _SnapshotHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        SEEN[self.path] += 1
        script = SCRIPTS.get(self.path)
        if script:
            status, headers = script.pop(0)
            self._send(status, b"{}", "application/json", headers)
            return
        if self.path in FAILURES:
            status, body, delay = FAILURES[self.path]
            time.sleep(delay)
            self._send(status, body)
            return
        # The snapshot's rule: drop the leading and any trailing "/", add ".json".
        relative = self.path.split("?", 1)[0].strip("/") + ".json"
        path = (SNAPSHOT / relative).resolve()
        if SNAPSHOT.resolve() not in path.parents or not path.is_file():
            self._send(404, b"<html>Not found</html>")
            return
        body = path.read_bytes()
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            SEEN[f"{self.path} 304"] += 1
            self._send(304, b"", "application/json", {"ETag": tag})
            return
        self._send(200, body, "application/json", {"ETag": tag})

    def _send(
        self,
        status: int,
        body: bytes,
        kind: str = "text/html",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the timeout test's client may have gone

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def endoflife_url() -> Iterator[str]:
    """The base URL of the local endoflife.date stand-in."""
    if not (SNAPSHOT / "api" / "v1.json").is_file():
        pytest.fail(f"these tests need the endoflife.date snapshot at {SNAPSHOT}", pytrace=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SnapshotHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def snapshot_product() -> Callable[[str], Product]:
    """Products read straight from the snapshot files, without the server."""

    def load(name: str) -> Product:
        path = SNAPSHOT / "api" / "v1" / "products" / f"{name}.json"
        if not path.is_file():
            pytest.fail(
                f"these tests need the endoflife.date snapshot at {SNAPSHOT}", pytrace=False
            )
        return parse_product(json.loads(path.read_text()), str(path))

    return load


@pytest.fixture
def requests_seen() -> Counter[str]:
    """How many requests the local server answered per path (statuses as ``path 304``),
    counted from the start of the test."""
    SEEN.clear()
    return SEEN


@pytest.fixture
def scripted() -> Iterator[dict[str, list[tuple[int, dict[str, str]]]]]:
    """Scripted answers: ``scripted[path] = [(429, {"Retry-After": "0"}), ...]`` makes the
    server answer those, one per request, before serving the path as usual. What a test
    leaves unused is dropped after it, so that no other test meets it."""
    SCRIPTS.clear()
    yield SCRIPTS
    SCRIPTS.clear()


@pytest.fixture(scope="session")
def _registry_server() -> Iterator[tuple[ThreadingHTTPServer, type[RegistryHandler]]]:
    handler = type("Handler", (RegistryHandler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fake_registry(
    _registry_server: tuple[ThreadingHTTPServer, type[RegistryHandler]],
) -> Iterator[FakeRegistry]:
    """A registry stand-in on 127.0.0.1, empty at the start of each test: add the documents
    the test needs with ``fake_registry.add(path, document)``; ``fake_registry.url`` is its
    base URL and ``fake_registry.seen`` counts the requests per path."""
    server, handler = _registry_server
    registry = FakeRegistry(f"http://127.0.0.1:{server.server_address[1]}")
    handler.registry = registry
    yield registry
    handler.registry = None
