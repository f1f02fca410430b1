"""Release data end to end through the command line: a real repository, the endoflife.date
snapshot and a registry stand-in on 127.0.0.1, located by ``[release-data.registries]``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_registry import FakeRegistry

from scanner.cli import main

PIPFILE_TYPE = "application/vnd.pypi.simple.v1+json"


def simple_page(name: str, *versions: tuple[str, str]) -> dict[str, object]:
    """A Simple JSON page (API 1.1) with one wheel per ``(version, upload time)``."""
    return {
        "meta": {"api-version": "1.1"},
        "name": name,
        "versions": [version for version, _ in versions],
        "files": [
            {
                "filename": f"{name}-{version}-py3-none-any.whl",
                "url": f"../../files/{name}-{version}-py3-none-any.whl",
                "hashes": {},
                "upload-time": uploaded,
                "yanked": False,
            }
            for version, uploaded in versions
        ],
    }


def npm_document(name: str, *versions: tuple[str, str], **extra: object) -> dict[str, object]:
    return {
        "name": name,
        "dist-tags": {"latest": versions[-1][0]},
        "versions": {version: {"name": name, "version": version} for version, _ in versions},
        "time": {"created": versions[0][1], **dict(versions)},
        **extra,
    }


@pytest.fixture(autouse=True)
def _endoflife_from_the_config_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STACKAUDIT_ENDOFLIFE_URL")


@pytest.fixture
def project(make_repo: Callable[[dict[str, str]], Path]) -> Path:
    return make_repo(
        {
            "requirements.txt": "requests==2.20.0\n",
            "package.json": json.dumps({"name": "app", "dependencies": {"left-pad": "^1.0.0"}}),
            "package-lock.json": json.dumps(
                {
                    "name": "app",
                    "lockfileVersion": 3,
                    "packages": {
                        "": {"name": "app", "dependencies": {"left-pad": "^1.0.0"}},
                        "node_modules/left-pad": {"version": "1.3.0"},
                    },
                }
            ),
        }
    )


@pytest.fixture
def registry(fake_registry: FakeRegistry) -> FakeRegistry:
    fake_registry.add(
        "/simple/requests/",
        simple_page(
            "requests",
            ("2.20.0", "2018-10-18T15:46:32.000000Z"),
            ("2.32.5", "2025-08-18T20:46:00.000000Z"),
        ),
        content_type=PIPFILE_TYPE,
    )
    fake_registry.add(
        "/npm/left-pad",
        npm_document(
            "left-pad",
            ("1.2.0", "2017-11-13T20:10:46.000Z"),
            ("1.3.0", "2018-04-09T23:06:24.000Z"),
        ),
    )
    return fake_registry


def write_config(path: Path, registry: FakeRegistry, endoflife_url: str) -> Path:
    path.write_text(
        "[release-data.registries]\n"
        f'pypi = "{registry.url}/simple/"\n'
        f'npm = "{registry.url}/npm/"\n'
        f'endoflife = "{endoflife_url}"\n'
    )
    return path


def scan(
    project: Path, config: Path, cache: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> dict[str, object]:
    code = main(
        [
            "scan", str(project), "--release-data", "--config", str(config), "--as-of",
            "2026-11-24", "--data-cache", str(cache), "-f", "json", *extra,
        ]
    )  # fmt: skip
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    scans = document["scans"]
    assert isinstance(scans, list)
    return scans[0]  # type: ignore[no-any-return]


def test_registry_findings_freshness_and_data_age(
    project: Path,
    registry: FakeRegistry,
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = write_config(tmp_path / "stackaudit.toml", registry, endoflife_url)
    result = scan(project, config, tmp_path / "cache.sqlite", capsys)
    freshness = {(f["ecosystem"], f["name"]): f for f in result["freshness"]}  # type: ignore[attr-defined]
    requests = freshness[("pypi", "requests")]
    assert (requests["current"], requests["current_from"], requests["latest"]) == (
        "2.20.0", "resolved", "2.32.5",
    )  # fmt: skip
    assert requests["libyears"] == pytest.approx(6.84, abs=0.01)
    left_pad = freshness[("npm", "left-pad")]
    assert (left_pad["current_from"], left_pad["libyears"]) == ("resolved", 0.0)
    kinds = {(f["kind"], f["subject"]) for f in result["findings"]}  # type: ignore[attr-defined]
    assert ("minors-behind", "pypi/requests") in kinds
    assert ("abandoned", "npm/left-pad") in kinds
    uses = {use["name"]: use for use in result["release_data"]}  # type: ignore[attr-defined]
    assert set(uses) >= {"endoflife.date", "PyPI", "npm registry"}
    assert uses["PyPI"]["problems"] == [] and uses["PyPI"]["oldest_answer"]
    assert registry.seen["/simple/requests/"] == 1 and registry.seen["/npm/left-pad"] == 1


def test_offline_answers_from_the_cache_and_an_unknown_package_is_named(
    project: Path,
    registry: FakeRegistry,
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = write_config(tmp_path / "stackaudit.toml", registry, endoflife_url)
    cache = tmp_path / "cache.sqlite"
    first = scan(project, config, cache, capsys)
    registry.seen.clear()
    again = scan(project, config, cache, capsys, "--offline")
    assert sum(registry.seen.values()) == 0
    assert again["freshness"] == first["freshness"]

    (project / "requirements.txt").write_text("requests==2.20.0\nour-private-lib==1.0\n")
    result = scan(project, config, cache, capsys)
    uses = {use["name"]: use for use in result["release_data"]}  # type: ignore[attr-defined]
    assert uses["PyPI"]["problems"] == ["PyPI does not know 1 package(s): our-private-lib"]


def test_an_unreachable_registry_makes_direct_findings_unknown(
    project: Path, endoflife_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "stackaudit.toml"
    config.write_text(
        '[release-data.registries]\npypi = "http://127.0.0.1:9/simple/"\n'
        f'npm = "http://127.0.0.1:9/npm/"\nendoflife = "{endoflife_url}"\n'
    )
    result = scan(project, config, tmp_path / "cache.sqlite", capsys)
    unknown = [f for f in result["findings"] if f["kind"] == "unknown"]  # type: ignore[attr-defined]
    assert {f["subject"] for f in unknown} == {"pypi/requests", "npm/left-pad"}
    assert all("connection refused" in f["advice"] for f in unknown)
    uses = {use["name"]: use for use in result["release_data"]}  # type: ignore[attr-defined]
    assert uses["PyPI"]["problems"] == [
        "PyPI unreachable at http://127.0.0.1:9: connection refused"
    ]


def test_a_repository_cannot_choose_where_requests_go(
    make_repo: Callable[[dict[str, str]], Path],
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = make_repo(
        {".stackaudit.toml": '[release-data.registries]\npypi = "http://attacker.example/"\n'}
    )
    code = main(
        [
            "scan", str(repo), "--release-data", "--eol-only", "--endoflife-url",
            endoflife_url, "--data-cache", str(tmp_path / "c.sqlite"), "-f", "json",
        ]
    )  # fmt: skip
    failures = json.loads(capsys.readouterr().out)["scans"][0]["failures"]
    assert code == 0
    assert any("[release-data] ignored" in failure["reason"] for failure in failures)


def test_reports_say_how_old_the_data_is_and_sum_libyears(
    project: Path,
    registry: FakeRegistry,
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = write_config(tmp_path / "stackaudit.toml", registry, endoflife_url)
    common = [
        "scan", str(project), "--release-data", "--config", str(config), "--as-of",
        "2026-11-24", "--data-cache", str(tmp_path / "cache.sqlite"),
    ]  # fmt: skip
    assert main([*common, "-f", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "<summary>Release data for 2026-11-24</summary>" in markdown
    assert f"| PyPI | {registry.url}/simple/ | 20" in markdown
    assert "6.8 libyears over 2 direct dependencies, 0.0 over 0 transitive ones." in markdown
    assert "- requests 2.20.0 → 2.32.5 (6.8 libyears, .)" in markdown
    assert main(common) == 0
    text = capsys.readouterr().out
    assert "Libyears: 6.8 direct (2 packages), 0.0 transitive (0 packages)" in text
    assert "release data for 2026-11-24: endoflife.date (data from 20" in text
