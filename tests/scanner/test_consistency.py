from __future__ import annotations

from scanner.consistency import find_disagreements
from scanner.model import Evidence, Technology


def runtime(key: str, version: str | None, path: str, component: str = ".") -> Technology:
    return Technology(
        key,
        key.title(),
        "runtime",
        (Evidence(path, "d", "pin"),),
        version=version,
        component=component,
    )


def test_pins_of_different_cycles_disagree() -> None:
    (found,) = find_disagreements(
        [
            runtime("python", "3.8", "Dockerfile"),
            runtime("python", "3.11", ".github/workflows/ci.yml"),
            runtime("python", "3.11.4", ".python-version"),
        ]
    )
    assert (found.key, found.component, found.versions) == (
        "python",
        ".",
        ("3.8", "3.11", "3.11.4"),
    )
    assert [(pin.version, pin.evidence.path) for pin in found.pins] == [
        ("3.8", "Dockerfile"),
        ("3.11", ".github/workflows/ci.yml"),
        ("3.11.4", ".python-version"),
    ]


def test_same_cycle_agrees() -> None:
    assert (
        find_disagreements(
            [
                runtime("python", "3.11", "a"),
                runtime("python", "3.11.4", "b"),
                runtime("python", "3", "c"),
            ]
        )
        == []
    )
    assert (
        find_disagreements([runtime("nodejs", "v18.17.0", "a"), runtime("nodejs", "18", "b")]) == []
    )


def test_node_majors_differ() -> None:
    (found,) = find_disagreements(
        [runtime("nodejs", "18", ".nvmrc"), runtime("nodejs", "20.1", "b")]
    )
    assert found.versions == ("18", "20.1")


def test_matrices_and_constraints_are_not_pins() -> None:
    assert (
        find_disagreements(
            [
                runtime("python", "3.10", "ci.yml"),
                runtime("python", "3.12", "ci.yml"),
                runtime("python", ">=3.8", "pyproject.toml"),
                runtime("python", "3.9", ".python-version"),
            ]
        )
        == []
    )


def test_components_are_checked_apart() -> None:
    assert (
        find_disagreements(
            [runtime("python", "3.8", "a/Dockerfile", "a"), runtime("python", "3.12", "b/x", "b")]
        )
        == []
    )


def test_only_runtimes_and_datastores() -> None:
    tools = [
        Technology("poetry", "Poetry", "package-manager", (Evidence(p, "d", "r"),), version=v)
        for p, v in (("a", "1.8"), ("b", "2.1"))
    ]
    assert find_disagreements(tools) == []
