"""The rules detector through the whole scan: a small fake detector reports dependencies and
container images, the core merges and assigns them, and the rules detector turns them (and
files it asked for) into technologies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from detectors.technologies.detector import FILE_NOTE, TechnologyRulesDetector
from scanner.config import Settings
from scanner.detector import Detector, TreeView
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Evidence,
    FailureKind,
    Manifest,
    Repository,
    RepositoryScan,
    Technology,
)
from scanner.scan import scan_source
from scanner.sources import DirectorySource

Tree = Callable[[dict[str, str]], Path]


def dep(
    name: str,
    ecosystem: str = "pypi",
    path: str = "requirements.txt",
    line: int = 3,
    **fields: object,
) -> Dependency:
    evidence = (Evidence(path, "fake", f"entry {name}", line),)
    return Dependency(ecosystem, name, evidence, **fields)  # type: ignore[arg-type]


def image(
    key: str,
    tag: str | None,
    path: str = "docker-compose.yml",
    note: str | None = None,
    source: str | None = None,
) -> Technology:
    evidence = (Evidence(path, "fake", f"service image {key}", 7),)
    return Technology(
        key,
        key,
        Category.CONTAINER_IMAGE,
        evidence,
        version=tag,
        version_source=source,
        version_note=note,
    )


def fake(*found: Dependency | Technology, manifests: Sequence[str] = ()) -> type[Detector]:
    """A detector reporting ``found`` (and a manifest per path in ``manifests``)."""

    class Fake(Detector):
        name = "fake"

        def inspect_tree(self, tree: TreeView) -> DetectorOutput:
            return DetectorOutput(
                dependencies=tuple(item for item in found if isinstance(item, Dependency)),
                technologies=tuple(item for item in found if isinstance(item, Technology)),
                manifests=tuple(
                    Manifest(
                        path,
                        path.rpartition("/")[0] or ".",
                        "npm",
                        "package.json",
                        Evidence(path, "fake", "manifest"),
                    )
                    for path in manifests
                ),
            )

    return Fake


def scan(
    root: Path, *found: Dependency | Technology, manifests: Sequence[str] = (), **options: object
) -> RepositoryScan:
    settings = Settings(detector_options={"technologies": options} if options else {})
    detectors = [fake(*found, manifests=manifests), TechnologyRulesDetector]
    return scan_source(DirectorySource(root), Repository("r", str(root)), detectors, settings)


def revealed(result: RepositoryScan) -> dict[str, Technology]:
    """The technologies other than container images, by key (one each expected)."""
    found = [t for t in result.technologies if t.category != Category.CONTAINER_IMAGE]
    assert len({t.key for t in found}) == len(found), [(t.key, t.version) for t in found]
    return {t.key: t for t in found}


@pytest.fixture
def root(make_tree: Tree) -> Path:
    return make_tree({"README.md": "x"})


def test_a_resolved_dependency_gives_its_version_and_evidence(root: Path) -> None:
    result = scan(
        root,
        dep("django", declared=">=4.2"),
        dep("django", resolved="4.2.11", path="poetry.lock", line=40, direct=False),
    )
    django = revealed(result)["django"]
    assert (django.name, django.category, django.version, django.version_source) == (
        "Django",
        "framework",
        "4.2.11",
        "resolved",
    )
    assert django.version_note is None and django.component == "."
    paths = [(e.path, e.line, e.detector) for e in django.evidence]
    assert ("requirements.txt", 3, "fake") in paths and ("poetry.lock", 40, "fake") in paths
    why = [e for e in django.evidence if e.detector == "technologies"]
    assert [(e.path, e.line, e.reason) for e in why] == [
        ("requirements.txt", 3, "pypi package django 4.2.11 reveals Django")
    ]


def test_a_declared_range_gives_its_lowest_version(root: Path) -> None:
    django = revealed(scan(root, dep("django", declared=">=4.2")))["django"]
    assert (django.version, django.version_source, django.version_note) == (
        "4.2",
        "declared",
        "lowest version '>=4.2' admits",
    )
    exact = revealed(scan(root, dep("django", ecosystem="pypi", declared="==4.2.11")))["django"]
    assert (exact.version, exact.version_note) == ("4.2.11", None)


def test_a_range_without_a_lowest_version_or_no_version_at_all_is_noted(root: Path) -> None:
    star = revealed(scan(root, dep("express", ecosystem="npm", declared="*")))["express"]
    assert (star.version, star.version_note) == (None, "declared '*' names no lowest version")
    bare = revealed(scan(root, dep("express", ecosystem="npm")))["express"]
    assert (bare.version, bare.version_note) == (None, "no version declared for express")
    spring = dep(
        "org.springframework:spring-core",
        ecosystem="maven",
        declared="${spring.version}",
        version_note="property spring.version is not defined",
    )
    found = revealed(scan(root, spring))["spring-framework"]
    assert found.version is None
    assert found.version_note == ("declared '${spring.version}' names no lowest version")


def test_a_resolved_version_that_is_not_one_is_not_taken(root: Path) -> None:
    django = revealed(scan(root, dep("django", resolved="$(DjangoVersion)")))["django"]
    assert (django.version, django.version_source) == (None, None)
    assert django.version_note == "resolved '$(DjangoVersion)' is not a version"


def test_angular_1_is_angularjs_and_angular_core_17_is_angular(root: Path) -> None:
    found = revealed(
        scan(
            root,
            dep("angular", "npm", resolved="1.8.2"),
            dep("angular-route", "npm", resolved="1.8.2"),
            dep("@angular/core", "npm", resolved="17.0.4"),
        )
    )
    assert (found["angularjs"].name, found["angularjs"].version) == ("AngularJS", "1.8.2")
    assert (found["angular"].name, found["angular"].version) == ("Angular", "17.0.4")


def test_a_version_outside_every_range_reveals_nothing(root: Path) -> None:
    assert revealed(scan(root, dep("angular", "npm", resolved="2.0.0"))) == {}


def test_vue_2_and_vue_3_are_told_apart_by_version(make_tree: Tree) -> None:
    root = make_tree({"old/package.json": "{}", "new/package.json": "{}"})
    result = scan(
        root,
        dep("vue", "npm", path="old/package.json", resolved="2.7.16"),
        dep("vue", "npm", path="new/package.json", declared="^3.4.21"),
        manifests=["old/package.json", "new/package.json"],
    )
    found = {(t.key, t.name, t.version, t.component) for t in result.technologies}
    assert ("vue2", "Vue.js 2", "2.7.16", "old") in found
    assert ("vue", "Vue.js", "3.4.21", "new") in found


def test_a_vue_of_unknown_version_is_taken_for_the_current_line(root: Path) -> None:
    vue = revealed(scan(root, dep("vue", "npm", declared="latest")))
    assert list(vue) == ["vue"] and vue["vue"].version is None


def test_postgres_11_image_is_postgresql_11_and_a_client_joins_it(root: Path) -> None:
    result = scan(root, image("postgres", "11"), dep("psycopg2-binary", resolved="2.9.9"))
    postgresql = revealed(result)["postgresql"]
    assert (postgresql.name, postgresql.category, postgresql.version) == (
        "PostgreSQL",
        "datastore",
        "11",
    )
    assert postgresql.version_source == "declared"
    reasons = {e.reason for e in postgresql.evidence if e.detector == "technologies"}
    assert reasons == {
        "image postgres:11 carries PostgreSQL",
        "pypi package psycopg2-binary reveals PostgreSQL (its version is its own)",
    }
    assert {e.path for e in postgresql.evidence} == {"docker-compose.yml", "requirements.txt"}


def test_a_client_package_alone_gives_no_version(root: Path) -> None:
    postgresql = revealed(scan(root, dep("pg", "npm", resolved="8.11.3")))["postgresql"]
    assert postgresql.version is None and postgresql.version_source is None
    assert postgresql.version_note == (
        "pg versions on its own; it does not tell the PostgreSQL version"
    )


def test_image_tags_lose_their_variant_suffix(root: Path) -> None:
    found = revealed(
        scan(
            root,
            image("redis", "8-alpine"),
            image("python", "3.8-slim"),
            image("bitnami/postgresql", "15.3.0-debian-11-r7"),
        )
    )
    assert (found["redis"].category, found["redis"].version) == ("datastore", "8")
    assert found["redis"].version_note == "from image tag '8-alpine'"
    assert (found["python"].category, found["python"].version) == ("runtime", "3.8")
    assert found["postgresql"].version == "15.3.0"


def test_latest_no_tag_and_digest_only_images_have_no_version_and_say_why(
    make_tree: Tree,
) -> None:
    root = make_tree({"a/package.json": "{}", "b/package.json": "{}", "c/package.json": "{}"})
    result = scan(
        root,
        image("mysql", "latest", path="a/compose.yml"),
        image("mysql", None, path="b/compose.yml", note="no tag (latest)"),
        image("mysql", None, path="c/compose.yml", note="digest sha256:0123abcd"),
        manifests=["a/package.json", "b/package.json", "c/package.json"],
    )
    notes = {
        t.component: t.version_note
        for t in result.technologies
        if t.key == "mysql" and t.category == "datastore"
    }
    assert notes == {
        "a": "image tag 'latest' names no version",
        "b": "no tag (latest)",
        "c": "digest sha256:0123abcd",
    }


def test_a_vendor_image_whose_tag_is_its_own_version_reveals_without_a_version(root: Path) -> None:
    kafka = revealed(scan(root, image("confluentinc/cp-kafka", "7.6.13")))["kafka"]
    assert (kafka.name, kafka.version) == ("Apache Kafka", None)
    assert kafka.version_note == (
        "image confluentinc/cp-kafka does not tell the Apache Kafka version by its tag"
    )


def test_images_from_docker_hub_mirrors_are_the_official_images(root: Path) -> None:
    found = revealed(scan(root, image("public.ecr.aws/docker/library/postgres", "16.1")))
    assert found["postgresql"].version == "16.1"


def test_wildcard_patterns_and_carve_outs(root: Path) -> None:
    found = revealed(
        scan(
            root,
            dep("@aws-sdk/client-s3", "npm", resolved="3.450.0"),
            dep("microsoft.aspnetcore.components.webassembly", "nuget", resolved="8.0.4"),
            dep("microsoft.aspnetcore.mvc.testing", "nuget", resolved="8.0.4"),
            dep("github.com/stripe/stripe-go/v76", "golang", resolved="v76.8.0"),
            dep("github.com/gin-gonic/gin", "golang", resolved="v1.9.1"),
        )
    )
    assert found["aws-sdk-js-v3"].version == "3.450.0"
    assert found["blazor"].version == "8.0.4" and found["aspnetcore"].version == "8.0.4"
    assert found["stripe"].version is None
    assert found["gin"].version == "1.9.1"


def test_file_presence_joins_the_versioned_sighting_or_stands_alone(make_tree: Tree) -> None:
    root = make_tree({"manage.py": "", "web/manage.py": "", "web/package.json": "{}"})
    result = scan(root, dep("django", resolved="4.2.11"), manifests=["web/package.json"])
    django = {
        (t.component, t.version, t.version_note): t
        for t in result.technologies
        if t.key == "django"
    }
    assert set(django) == {(".", "4.2.11", None), ("web", None, FILE_NOTE)}
    root_django = django[(".", "4.2.11", None)]
    assert ("manage.py", "manage.py present: reveals Django") in {
        (e.path, e.reason) for e in root_django.evidence
    }


def test_file_globs_anchored_and_not(make_tree: Tree) -> None:
    root = make_tree(
        {
            "apps/web/next.config.mjs": "",
            "bin/rails": "",
            "lib/bin/rails": "",
            "my-next.config.js": "",
            "next.config": "",
        }
    )
    found = {(t.key, e.path) for t in scan(root).technologies for e in t.evidence}
    assert found == {
        ("nextjs", "apps/web/next.config.mjs"),
        ("rails", "bin/rails"),
        ("rails", "lib/bin/rails"),
    }


def test_transitive_dependencies_count_unless_the_option_says_not(root: Path) -> None:
    transitive = dep("celery", resolved="5.3.6", direct=False)
    assert "celery" in revealed(scan(root, transitive))
    assert "celery" not in revealed(scan(root, transitive, **{"include-transitive": False}))


def test_invalid_options_leave_the_detector_out_with_a_failure(root: Path) -> None:
    result = scan(root, dep("django", resolved="4.2.11"), colour="red")
    assert result.detectors == ("fake",)
    (failure,) = result.failures
    assert (
        failure.kind == FailureKind.DETECTOR_ERROR and "unknown option 'colour'" in failure.reason
    )
    result = scan(root, dep("django"), **{"include-transitive": "no"})
    assert "include-transitive must be true or false" in result.failures[0].reason


def test_an_image_and_the_technology_it_carries_stay_apart_when_key_and_version_agree(
    root: Path,
) -> None:
    result = scan(root, image("redis", "7"))
    assert {(t.key, t.category, t.version) for t in result.technologies} == {
        ("redis", "container-image", "7"),
        ("redis", "datastore", "7"),
    }


def test_an_exact_tag_keeps_the_image_s_version_source(root: Path) -> None:
    exact = revealed(scan(root, image("postgres", "15.3", source="resolved")))["postgresql"]
    assert (exact.version, exact.version_source, exact.version_note) == ("15.3", "resolved", None)
    variant = image("postgres", "15.3-bullseye", source="resolved")
    stripped = revealed(scan(root, variant))["postgresql"]
    assert (stripped.version, stripped.version_source) == ("15.3", "declared")


def test_the_image_s_own_note_is_not_repeated(root: Path) -> None:
    latest = image("mysql", "latest", note="tag 'latest' names no version; digest sha256:0a")
    mysql = revealed(scan(root, latest))["mysql"]
    assert (mysql.version, mysql.version_note) == (
        None,
        "tag 'latest' names no version; digest sha256:0a",
    )


def test_helm_chart_dependencies_reveal_what_they_deploy(root: Path) -> None:
    chart = dep("postgresql", "helm", path="chart/Chart.yaml", declared="12.x.x")
    postgresql = revealed(scan(root, chart))["postgresql"]
    assert postgresql.version is None
    assert "helm package postgresql reveals PostgreSQL (its version is its own)" in {
        e.reason for e in postgresql.evidence
    }


def test_technologies_other_detectors_found_get_their_product(make_tree) -> None:  # type: ignore[no-untyped-def]
    """A runtime from a version file is the rules' ``python``: it carries the product too."""
    from helpers import scan_with

    from detectors.runtimes.detector import RuntimesDetector

    root = make_tree({".python-version": "3.12.4\n"})
    result = scan_with(root, RuntimesDetector, TechnologyRulesDetector)
    (python,) = [t for t in result.technologies if t.key == "python"]
    assert (python.version, python.product, python.category) == ("3.12.4", "python", "runtime")
    assert [e.path for e in python.evidence] == [".python-version"]
