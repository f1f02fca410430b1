"""The command line end to end: real trees and repositories, real plugins from entry points."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from scanner import __version__
from scanner.cli import main
from scanner.serialize import SCHEMA_PATH, SCHEMA_VERSION

PROJECT = {
    "package.json": '{"name": "web", "dependencies": {"express": "^4.18.0"}}',
    "src/server.js": "const express = require('express');\n" * 20,
    "src/util.ts": "export const x: number = 1;\n" * 5,
    "README.md": "# web\n",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def validate(document: dict) -> None:  # type: ignore[type-arg]
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_version_is_quick_to_reach_and_correct() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "scanner", "--version"], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == f"stackaudit {__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["scan", "--help"], ["detectors", "--help"]])
def test_help_on_every_command(capsys, argv) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    assert "usage: stackaudit" in capsys.readouterr().out


def test_usage_error_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(["scan"])
    assert exited.value.code == 2


def test_scan_prints_a_summary(make_repo, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(PROJECT)
    code, out, err = run(capsys, "scan", str(root))
    assert code == 0, err
    assert "Languages" in out and "JavaScript" in out and "TypeScript" in out
    assert "Components (1)" in out and "web" in out
    assert "npm: 1 direct" in out


def test_quiet_prints_nothing(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "scan", str(make_tree(PROJECT)), "-q") == (0, "", "")


def test_json_report_follows_the_schema(make_repo, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(PROJECT)
    output = tmp_path / "out" / "report.json"
    code, out, _ = run(capsys, "scan", str(root), "--format", "json", "-o", str(output))
    assert code == 0
    assert "Languages" in out, "the summary is still printed when the report goes to a file"
    document = json.loads(output.read_text())
    validate(document)
    assert document["schema_version"] == SCHEMA_VERSION
    (scan,) = document["scans"]
    assert scan["repository"]["commit"] is not None
    assert scan["walk"]["mode"] == "git-work-tree"
    assert [lang["name"] for lang in scan["languages"]] == ["JavaScript", "TypeScript"]
    assert scan["dependencies"][0]["name"] == "express"
    assert scan["dependencies"][0]["evidence"][0]["detector"] == "javascript"


def test_json_to_stdout(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "scan", str(make_tree(PROJECT)), "--format", "json")
    assert code == 0
    validate(json.loads(out))


def test_several_formats_into_a_directory(make_tree, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "reports"
    code, _, _ = run(
        capsys, "scan", str(make_tree(PROJECT)), "-f", "json", "-f", "markdown", "-o", str(out_dir)
    )
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["stackaudit.json", "stackaudit.md"]
    assert (out_dir / "stackaudit.md").read_text().startswith("# stackaudit report")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-f", "json", "-f", "markdown"], "several formats need -o/--output"),
        (["-f", "yaml"], "unknown format yaml"),
        (["--detectors", "nope"], "unknown detector or tag 'nope'"),
        (["--max-file-size", "huge"], "expected a positive size"),
    ],
)
def test_fatal_errors_exit_2_with_a_message(make_tree, capsys, extra, message) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "scan", str(make_tree(PROJECT)), *extra)
    assert code == 2
    assert message in err


def test_a_target_that_fails_is_reported_and_the_others_are_scanned(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    good = make_tree(PROJECT)
    code, out, err = run(capsys, "scan", "no/such/dir", str(good), "--format", "json")
    assert code == 0
    assert "no/such/dir: no such directory" in err
    document = json.loads(out)
    validate(document)
    failed, scanned = document["scans"]
    assert failed["walk"] is None and failed["failures"][0]["kind"] == "target-error"
    assert scanned["walk"] is not None


def test_when_every_target_fails_the_exit_code_is_2(capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "scan", "no/such/dir")
    assert code == 2 and "no such directory" in err


def test_credentials_never_reach_output(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "scan", "https://alice:t0ken-XYZ@127.0.0.1:9/org/repo.git", "-f", "json"
    )
    assert code == 2
    assert "t0ken-XYZ" not in out + err and "alice" not in out + err
    assert json.loads(out)["scans"][0]["repository"]["source"] == "https://127.0.0.1:9/org/repo.git"


def test_detector_selection(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(PROJECT)
    _, out, _ = run(capsys, "scan", str(root), "-f", "json", "--detectors", "javascript")
    scan = json.loads(out)["scans"][0]
    assert scan["detectors"] == ["javascript"] and scan["languages"] == []
    _, out, _ = run(capsys, "scan", str(root), "-f", "json", "--skip-detectors", "manifest")
    scan = json.loads(out)["scans"][0]
    assert "languages" in scan["detectors"] and "javascript" not in scan["detectors"]
    assert scan["components"][0]["manifests"] == []


def test_repository_config_is_honoured(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({**PROJECT, ".stackaudit.toml": 'exclude = ["src/util.ts"]\n'})
    _, out, _ = run(capsys, "scan", str(root), "-f", "json")
    assert [lang["name"] for lang in json.loads(out)["scans"][0]["languages"]] == ["JavaScript"]


def test_broken_repository_config_is_reported_and_defaults_used(make_tree, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({**PROJECT, ".stackaudit.toml": "exclude = 3\n"})
    code, out, _ = run(capsys, "scan", str(root), "-f", "json")
    assert code == 0
    scan = json.loads(out)["scans"][0]
    assert "repository configuration ignored" in scan["failures"][0]["reason"]
    assert len(scan["languages"]) == 2


def test_explicit_config_wins_and_its_errors_are_fatal(make_tree, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({**PROJECT, ".stackaudit.toml": 'exclude = ["src/util.ts"]\n'})
    config = tmp_path / "ci.toml"
    config.write_text('exclude = ["src/server.js"]\n')
    _, out, _ = run(capsys, "scan", str(root), "-f", "json", "--config", str(config))
    assert [lang["name"] for lang in json.loads(out)["scans"][0]["languages"]] == ["TypeScript"]
    config.write_text("colour = 'blue'\n")
    code, _, err = run(capsys, "scan", str(root), "--config", str(config))
    assert code == 2 and "unknown key(s) colour" in err


def test_detectors_command_lists_files_read(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "detectors")
    assert code == 0
    assert "javascript:" in out and "package.json" in out and "*.csproj" in out
    assert "languages:" in out and ".gitattributes" in out


def test_scan_of_a_remote_url_at_a_ref(make_repo, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(PROJECT)
    code, out, _ = run(capsys, "scan", root.as_uri(), "--ref", "main", "-f", "json")
    assert code == 0
    scan = json.loads(out)["scans"][0]
    assert scan["repository"]["ref"] == "main" and scan["walk"]["mode"] == "git-tree"
    assert scan["dependencies"][0]["name"] == "express"
