"""package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3."""

from __future__ import annotations

import json

import pytest

from detectors.javascript.npm_lock import parse_npm_lock, read_npm_lock
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, Scope


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode("utf-8")), "javascript")


def records(path: str, document: object) -> list[Dependency]:
    return list(parse_npm_lock(source(path, json.dumps(document, indent=2))).dependencies)


V3 = {
    "name": "mono",
    "version": "1.0.0",
    "lockfileVersion": 3,
    "requires": True,
    "packages": {
        "": {
            "name": "mono",
            "workspaces": ["packages/*"],
            "dependencies": {"lodash": "^4.17.0", "alias": "npm:real@^2"},
            "devDependencies": {"jest": "^29.0.0"},
            "peerDependencies": {"not-installed": "*"},
        },
        "node_modules/@mono/web": {"resolved": "packages/web", "link": True},
        "node_modules/lodash": {"version": "4.17.21", "resolved": "https://r.example/l.tgz"},
        "node_modules/alias": {"name": "real", "version": "2.0.1"},
        "node_modules/jest": {"version": "29.7.0", "dev": True},
        "node_modules/jest/node_modules/lodash": {"version": "3.10.1", "dev": True},
        "node_modules/fsevents": {"version": "2.3.3", "optional": True},
        "node_modules/both": {"version": "1.0.0", "devOptional": True},
        "node_modules/peer-only": {"version": "1.0.0", "peer": True},
        "node_modules/from-git": {"version": "0.1.0", "resolved": "git+ssh://git@x/y.git#abc"},
        "packages/web": {
            "name": "@mono/web",
            "version": "0.0.0",
            "dependencies": {"react": "^18.2.0", "lodash": "^3.0.0", "@mono/web": "*"},
        },
        "packages/web/node_modules/lodash": {"version": "3.10.1"},
        "node_modules/react": {"version": "18.3.1"},
        "packages/gone": {"name": "gone", "extraneous": True, "dependencies": {"react": "*"}},
    },
}


def test_v3_one_record_per_package_version_direct_for_who_asked() -> None:
    found = {
        (d.name, d.resolved, d.component): (d.direct, d.scope)
        for d in records("package-lock.json", V3)
    }
    assert found == {
        ("lodash", "4.17.21", None): (True, Scope.RUNTIME),
        ("real", "2.0.1", None): (True, Scope.RUNTIME),
        ("jest", "29.7.0", None): (True, Scope.DEVELOPMENT),
        ("lodash", "3.10.1", "packages/web"): (True, Scope.RUNTIME),
        ("fsevents", "2.3.3", None): (False, Scope.OPTIONAL),
        ("both", "1.0.0", None): (False, Scope.OPTIONAL),
        ("peer-only", "1.0.0", None): (False, Scope.PEER),
        ("from-git", "0.1.0", None): (False, Scope.RUNTIME),
        ("react", "18.3.1", "packages/web"): (True, Scope.RUNTIME),
    }


def test_v3_links_are_the_projects_own_packages() -> None:
    lock = read_npm_lock(source("package-lock.json", json.dumps(V3)))
    assert lock.local_names == {"@mono/web"}
    assert "@mono/web" not in {p.name for p in lock.packages}


def test_v3_evidence_lines_notes_and_reasons() -> None:
    text = json.dumps(V3, indent=2)
    lines = text.splitlines()
    found = {
        d.name + "@" + (d.resolved or ""): d
        for d in parse_npm_lock(source("web/package-lock.json", text)).dependencies
    }
    lodash = found["lodash@4.17.21"]
    (evidence,) = lodash.evidence
    assert evidence.path == "web/package-lock.json"
    assert lines[(evidence.line or 0) - 1].strip() == '"node_modules/lodash": {'
    assert evidence.reason == (
        "package-lock.json v3 entry lodash@4.17.21, asked for by the package here"
    )
    assert found["from-git@0.1.0"].version_note == "not from a registry: git+ssh://git@x/y.git#abc"
    assert found["react@18.3.1"].component == "web/packages/web"
    assert (
        found["react@18.3.1"].evidence[0].reason.endswith("asked for by workspace web/packages/web")
    )


def test_v2_reads_packages_and_ignores_the_v1_section() -> None:
    document = {
        "lockfileVersion": 2,
        "packages": {"": {"dependencies": {"a": "^1"}}, "node_modules/a": {"version": "1.0.0"}},
        "dependencies": {"a": {"version": "1.0.0"}, "stale": {"version": "9.9.9"}},
    }
    found = records("npm-shrinkwrap.json", document)
    assert [(d.name, d.resolved, d.direct) for d in found] == [("a", "1.0.0", True)]
    assert found[0].evidence[0].reason.startswith("npm-shrinkwrap.json v2 entry")


V1 = {
    "name": "old",
    "lockfileVersion": 1,
    "requires": True,
    "dependencies": {
        "angular": {"version": "1.8.0", "resolved": "https://r.example/a.tgz"},
        "karma": {
            "version": "3.1.4",
            "dev": True,
            "requires": {"lodash": "^4.17.5"},
            "dependencies": {
                "lodash": {"version": "4.17.5", "dev": True},
                "deep": {
                    "version": "1.0.0",
                    "dev": True,
                    "dependencies": {"lodash": {"version": "2.4.2", "dev": True}},
                },
            },
        },
        "lodash": {"version": "4.17.21"},
        "opt": {"version": "1.0.0", "optional": True},
        "aliased": {"version": "npm:real@2.0.0"},
        "gitdep": {"version": "git+https://x.example/g.git#abc", "from": "git+https://x"},
    },
}


def test_v1_nested_entries_flags_aliases_and_top_level() -> None:
    lock = read_npm_lock(source("package-lock.json", json.dumps(V1, indent=2)))
    assert not lock.records_asks
    packages = [(p.name, p.version, p.scope) for p in lock.packages]
    assert packages == [
        ("angular", "1.8.0", Scope.RUNTIME),
        ("karma", "3.1.4", Scope.DEVELOPMENT),
        ("lodash", "4.17.5", Scope.DEVELOPMENT),
        ("deep", "1.0.0", Scope.DEVELOPMENT),
        ("lodash", "2.4.2", Scope.DEVELOPMENT),
        ("lodash", "4.17.21", Scope.RUNTIME),
        ("opt", "1.0.0", Scope.OPTIONAL),
        ("real", "2.0.0", Scope.RUNTIME),
        ("gitdep", None, Scope.RUNTIME),
    ]
    assert {k: (p.name, p.version) for k, p in lock.top_level.items()} == {
        "angular": ("angular", "1.8.0"),
        "karma": ("karma", "3.1.4"),
        "lodash": ("lodash", "4.17.21"),
        "opt": ("opt", "1.0.0"),
        "aliased": ("real", "2.0.0"),
        "gitdep": ("gitdep", None),
    }
    assert lock.packages[-1].note == "not from a registry: git+https://x.example/g.git#abc"
    text = json.dumps(V1, indent=2).splitlines()
    nested = lock.packages[4]
    assert text[(nested.line or 0) - 1].strip() == '"lodash": {'
    assert text[(nested.line or 0) - 2].strip() == '"dependencies": {'


def test_v1_alone_marks_nothing_direct() -> None:
    assert not any(d.direct for d in records("package-lock.json", V1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("{", "not valid JSON"),
        ("[1]", "expected a JSON object"),
        ("{}", "no lockfileVersion"),
        ('{"lockfileVersion": "3"}', "lockfileVersion '3' is not a number"),
        ('{"lockfileVersion": true}', "is not a number"),
        ('{"lockfileVersion": 3, "packages": []}', "'packages' is not an object"),
        ('{"lockfileVersion": 1, "dependencies": 5}', "'dependencies' is not an object"),
    ],
)
def test_malformed_lockfiles_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_npm_lock(source("package-lock.json", text))


def test_odd_entries_are_skipped_or_noted_not_fatal() -> None:
    document = {
        "lockfileVersion": 3,
        "packages": {
            "": {"dependencies": "oops"},
            "node_modules/a": "not an object",
            "node_modules/b": {"resolved": "https://r.example/b.tgz"},
        },
    }
    (b,) = records("package-lock.json", document)
    assert (b.name, b.resolved, b.version_note) == ("b", None, "no version recorded")
