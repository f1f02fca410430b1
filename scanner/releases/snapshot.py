"""Moving cached release data to a machine that cannot reach the sources.

``export_cache`` writes a consistent copy of the release-data cache (an SQLite file, copied
with SQLite's online backup, so a scan running meanwhile does no harm); ``import_cache``
merges such a file into the local cache, newer answers replacing older ones for the same
request. A scan with ``--offline`` then answers from what was imported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scanner.errors import StackauditError

_TABLES = ("responses", "redirects")
_COLUMNS = ["key", "value", "expires"]


class ReleaseDataError(StackauditError):
    """A release-data snapshot cannot be written or read; the message says why."""


def export_cache(cache: Path, destination: Path) -> int:
    """Copy the cache at ``cache`` to ``destination``; returns the number of answers in it."""
    if not cache.is_file():
        raise ReleaseDataError(
            f"no release data is cached yet at {cache}: run a scan with release data first"
        )
    source = _open(cache, read_only=True)
    try:
        count = _check(source, cache)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.unlink(missing_ok=True)
        target = sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            target.close()
    except (OSError, sqlite3.Error) as error:
        raise ReleaseDataError(f"cannot export release data to {destination}: {error}") from error
    finally:
        source.close()
    return count


def import_cache(snapshot: Path, cache: Path) -> int:
    """Merge the snapshot file into the cache at ``cache``; returns the answers imported."""
    if not snapshot.is_file():
        raise ReleaseDataError(f"{snapshot}: no such file")
    incoming = _open(snapshot, read_only=True)
    try:
        count = _check(incoming, snapshot)
        cache.parent.mkdir(parents=True, exist_ok=True)
        if not cache.exists():
            target = sqlite3.connect(cache)
            try:
                incoming.backup(target)
            finally:
                target.close()
            return count
    except (OSError, sqlite3.Error) as error:
        raise ReleaseDataError(f"cannot import {snapshot}: {error}") from error
    finally:
        incoming.close()
    local = _open(cache, read_only=False)
    try:
        _check(local, cache)
        local.execute("ATTACH DATABASE ? AS incoming", (f"file:{snapshot}?mode=ro",))
        with local:
            for table in _TABLES:
                local.execute(
                    f"INSERT OR REPLACE INTO main.{table} (key, value, expires) "
                    f"SELECT key, value, expires FROM incoming.{table}"
                )
    except sqlite3.Error as error:
        raise ReleaseDataError(f"cannot import {snapshot} into {cache}: {error}") from error
    finally:
        local.close()
    return count


def _open(path: Path, read_only: bool) -> sqlite3.Connection:
    mode = "ro" if read_only else "rw"
    try:
        return sqlite3.connect(f"file:{path}?mode={mode}", uri=True)
    except sqlite3.Error as error:
        raise ReleaseDataError(f"{path}: cannot open: {error}") from error


def _check(connection: sqlite3.Connection, path: Path) -> int:
    """The number of cached answers; :class:`ReleaseDataError` unless ``path`` is a
    stackaudit release-data cache."""
    try:
        for table in _TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            if columns != _COLUMNS:
                raise ReleaseDataError(f"{path} is not a stackaudit release-data cache")
        (count,) = connection.execute("SELECT COUNT(*) FROM responses").fetchone()
    except sqlite3.DatabaseError as error:
        raise ReleaseDataError(f"{path} is not a stackaudit release-data cache") from error
    return int(count)
