"""Exporting and importing cached release data, then answering offline from it."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.releases.endoflife import EndOfLifeSource
from scanner.releases.http import HttpSettings, make_session
from scanner.releases.snapshot import ReleaseDataError, export_cache, import_cache


def fetch(url: str, cache: Path, product: str, offline: bool = False) -> str:
    session = make_session(HttpSettings(cache_path=cache, offline=offline, retries=0))
    return EndOfLifeSource(url, session=session).product(product).name


def test_export_then_import_then_offline(
    endoflife_url: str, requests_seen: Counter[str], tmp_path: Path
) -> None:
    here = tmp_path / "here.sqlite"
    fetch(endoflife_url, here, "django")
    fetch(endoflife_url, here, "python")
    snapshot = tmp_path / "moved" / "release-data.sqlite"
    assert export_cache(here, snapshot) == 2
    there = tmp_path / "there.sqlite"
    fetch(endoflife_url, there, "nodejs")  # the other machine has a cache of its own
    assert import_cache(snapshot, there) == 2
    before = sum(requests_seen.values())
    for product in ("django", "python", "nodejs"):
        assert fetch(endoflife_url, there, product, offline=True) == product
    assert sum(requests_seen.values()) == before


def test_import_into_a_missing_cache_creates_it(endoflife_url: str, tmp_path: Path) -> None:
    here = tmp_path / "here.sqlite"
    fetch(endoflife_url, here, "ruby")
    export_cache(here, tmp_path / "snap.sqlite")
    fresh = tmp_path / "new" / "cache.sqlite"
    assert import_cache(tmp_path / "snap.sqlite", fresh) == 1
    assert fetch(endoflife_url, fresh, "ruby", offline=True) == "ruby"


def test_bad_snapshots_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReleaseDataError, match="no release data is cached yet"):
        export_cache(tmp_path / "none.sqlite", tmp_path / "out.sqlite")
    with pytest.raises(ReleaseDataError, match="no such file"):
        import_cache(tmp_path / "none.sqlite", tmp_path / "cache.sqlite")
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    with pytest.raises(ReleaseDataError, match="not a stackaudit release-data cache"):
        import_cache(text, tmp_path / "cache.sqlite")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ReleaseDataError, match="not a stackaudit release-data cache"):
        import_cache(other, tmp_path / "cache.sqlite")


def test_data_commands(
    endoflife_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = tmp_path / "here.sqlite"
    fetch(endoflife_url, here, "go")
    snapshot = tmp_path / "snap.sqlite"
    assert main(["data", "export", str(snapshot), "--data-cache", str(here)]) == 0
    assert "exported 1 cached answers" in capsys.readouterr().out
    there = tmp_path / "there.sqlite"
    assert main(["data", "import", str(snapshot), "--data-cache", str(there)]) == 0
    assert "imported 1 cached answers" in capsys.readouterr().out
    assert main(["data", "import", str(tmp_path / "missing"), "--data-cache", str(there)]) == 2
    assert "no such file" in capsys.readouterr().err
