from __future__ import annotations

from scanner.merge import merge_dependencies, merge_technologies
from scanner.model import Category, Dependency, Evidence, Scope, Technology

MANIFEST = Evidence("pyproject.toml", "python", "declared")
LOCK = Evidence("poetry.lock", "python", "locked")


def dep(**fields: object) -> Dependency:
    base: dict[str, object] = {"ecosystem": "pypi", "name": "django", "component": "."}
    base.update(fields)
    return Dependency(**base)  # type: ignore[arg-type]


def test_declaration_and_resolution_become_one() -> None:
    (merged,) = merge_dependencies(
        [
            dep(declared=">=4.2", scope=Scope.DEVELOPMENT, evidence=(MANIFEST,)),
            dep(resolved="4.2.11", direct=False, evidence=(LOCK,)),
        ]
    )
    assert (merged.declared, merged.resolved, merged.scope, merged.direct) == (
        ">=4.2",
        "4.2.11",
        Scope.DEVELOPMENT,
        True,
    )
    assert merged.evidence == (MANIFEST, LOCK)
    assert merged.purl == "pkg:pypi/django@4.2.11"


def test_several_resolved_versions_stay_apart_and_the_declaration_joins_the_direct_one() -> None:
    merged = merge_dependencies(
        [
            dep(ecosystem="npm", name="debug", declared="^4", evidence=(MANIFEST,)),
            dep(ecosystem="npm", name="debug", resolved="4.3.4", direct=True, evidence=(LOCK,)),
            dep(ecosystem="npm", name="debug", resolved="2.6.9", direct=False, evidence=(LOCK,)),
        ]
    )
    assert [(d.resolved, d.declared, d.direct) for d in merged] == [
        ("4.3.4", "^4", True),
        ("2.6.9", None, False),
    ]


def test_ambiguous_resolutions_leave_the_declaration_on_its_own() -> None:
    merged = merge_dependencies(
        [
            dep(declared="*", evidence=(MANIFEST,)),
            dep(resolved="1.0", direct=False, evidence=(LOCK,)),
            dep(resolved="2.0", direct=False, evidence=(LOCK,)),
        ]
    )
    assert sorted((d.resolved or "-", d.declared or "-") for d in merged) == [
        ("-", "*"),
        ("1.0", "-"),
        ("2.0", "-"),
    ]


def test_components_and_ecosystems_are_never_mixed() -> None:
    merged = merge_dependencies(
        [
            dep(declared="1", component="a", evidence=(MANIFEST,)),
            dep(resolved="1.0", component="b", evidence=(LOCK,)),
            dep(ecosystem="npm", resolved="1.0", component="a", evidence=(LOCK,)),
        ]
    )
    assert len(merged) == 3


def test_same_declaration_from_two_files_is_one_record() -> None:
    other = Evidence("requirements.txt", "python", "declared")
    (merged,) = merge_dependencies(
        [dep(declared="==4.2", evidence=(MANIFEST,)), dep(declared="==4.2", evidence=(other,))]
    )
    assert merged.evidence == (MANIFEST, other)


def test_technologies_merge_by_key_version_and_component() -> None:
    first = Evidence("a", "d", "r")
    second = Evidence("b", "d", "r")

    def python(evidence: Evidence, version: str) -> Technology:
        return Technology(
            "python", "Python", Category.RUNTIME, (evidence,), version=version, component="."
        )

    merged = merge_technologies(
        [python(first, "3.12"), python(second, "3.12"), python(second, "3.8")]
    )
    assert [(t.version, len(t.evidence)) for t in merged] == [("3.12", 2), ("3.8", 1)]


def test_a_versionless_sighting_joins_the_only_versioned_one() -> None:
    file_evidence = Evidence("manage.py", "technologies", "file present")
    lock_evidence = Evidence("poetry.lock", "technologies", "package django")

    def django(evidence: Evidence, version: str | None, component: str = ".") -> Technology:
        return Technology(
            "django", "Django", "framework", (evidence,), version=version, component=component
        )

    (merged,) = merge_technologies([django(file_evidence, None), django(lock_evidence, "4.2.11")])
    assert merged.version == "4.2.11" and merged.evidence == (lock_evidence, file_evidence)
    several = merge_technologies(
        [django(file_evidence, None), django(lock_evidence, "4.2"), django(lock_evidence, "5.0")]
    )
    assert sorted(t.version or "-" for t in several) == ["-", "4.2", "5.0"]
    elsewhere = merge_technologies(
        [django(file_evidence, None, "web"), django(lock_evidence, "4.2")]
    )
    assert len(elsewhere) == 2


def test_build_requirements_do_not_join_the_runtime_lockfile() -> None:
    merged = merge_dependencies(
        [
            dep(name="setuptools", declared=">=83", scope=Scope.BUILD, evidence=(MANIFEST,)),
            dep(name="setuptools", resolved="82.0.0", direct=False, evidence=(LOCK,)),
        ]
    )
    assert sorted((d.declared or "-", d.resolved or "-", d.scope.value) for d in merged) == [
        ("-", "82.0.0", "runtime"),
        (">=83", "-", "build"),
    ]


def test_categories_are_never_merged() -> None:
    evidence = Evidence("Dockerfile", "d", "FROM python:3.12")
    image = Technology("python", "python", "container-image", (evidence,), "3.12", component=".")
    runtime = Technology("python", "Python", "runtime", (evidence,), "3.12", component=".")
    assert len(merge_technologies([image, runtime])) == 2


def test_the_declarations_note_survives_the_join() -> None:
    (merged,) = merge_dependencies(
        [
            dep(
                ecosystem="npm",
                name="core-js",
                declared="^3.48.0",
                version_note="range from the default catalog",
                evidence=(MANIFEST,),
            ),
            dep(ecosystem="npm", name="core-js", resolved="3.49.0", evidence=(LOCK,)),
        ]
    )
    assert merged.version_note == "range from the default catalog"


def test_the_product_any_sighting_names_is_kept() -> None:
    file_pin = Evidence(".python-version", "runtimes", "pin")
    plain = Technology("python", "Python", "runtime", (file_pin,), "3.12", component=".")
    named = Technology(
        "python", "Python", "runtime", (file_pin,), "3.12", component=".", product="python"
    )
    elsewhere = Technology("python", "Python", "runtime", (file_pin,), "3.11", component="svc")
    merged = merge_technologies([plain, named, elsewhere])
    assert [(t.version, t.product, len(t.evidence)) for t in merged] == [
        ("3.12", "python", 1),
        ("3.11", None, 1),  # another record: its own sightings name its product, or none
    ]
