"""A package-registry stand-in for the release-data tests: routes of canned answers, served
by a real HTTP server on 127.0.0.1 (see the ``fake_registry`` fixture)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler


@dataclass
class Route:
    """One canned answer of the fake registry. ``delay`` holds the answer back (for
    timeouts); ``drop`` announces the whole body, sends half of it and closes the connection."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False


class FakeRegistry:
    """Routes of a registry stand-in: documents in the registry's own response shape, set by
    each test. A path with no route answers 404, as registries do for unknown packages."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.routes: dict[str, Route] = {}
        self.scripts: dict[str, list[Route]] = {}
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()

    def add(
        self,
        path: str,
        body: object = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
        delay: float = 0.0,
        drop: bool = False,
    ) -> None:
        """Serve ``body`` at ``path`` (a document is sent as JSON, text as UTF-8); ``path``
        may carry a query string, matched exactly."""
        self.routes[path] = _route(body, status, headers, content_type, delay, drop)

    def script(self, path: str, *answers: Route) -> None:
        """Answer the next requests for ``path`` with ``answers``, one each, before the
        route set with :meth:`add`."""
        self.scripts.setdefault(path, []).extend(answers)

    def answer(self, path: str) -> Route:
        with self.lock:
            self.seen[path] += 1
            scripted = self.scripts.get(path)
            if scripted:
                return scripted.pop(0)
        route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        return route or Route(404, b'{"error": "Not found"}', {"Content-Type": "application/json"})


def _route(
    body: object,
    status: int,
    headers: dict[str, str] | None,
    content_type: str,
    delay: float,
    drop: bool,
) -> Route:
    if isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode()
    else:
        data = json.dumps(body).encode()
    return Route(status, data, {"Content-Type": content_type, **(headers or {})}, delay, drop)


class RegistryHandler(BaseHTTPRequestHandler):
    registry: FakeRegistry | None = None

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        registry = type(self).registry
        assert registry is not None
        route = registry.answer(self.path)
        time.sleep(route.delay)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if not send_body:
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if route.drop:
                self.wfile.write(route.body[: len(route.body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        pass
