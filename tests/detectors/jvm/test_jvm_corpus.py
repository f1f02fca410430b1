"""The JVM detector on the real files of the corpus (needs ../shared/corpus; fails without)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.jvm.detector import JvmDetector
from scanner.model import FailureKind, RepositoryScan, Scope

# The INVENTORY.tsv kinds this detector claims.
CLAIMED_KINDS = frozenset({"pom", "maven-wrapper-properties"})


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, JvmDetector)


def claimed_files() -> list[tuple[str, str, str]]:
    return inventory(*CLAIMED_KINDS)


def test_every_claimed_corpus_file_is_read_without_failure(
    corpus_tree: Callable[[str], Path],
) -> None:
    files = claimed_files()
    checked = 0
    for folder in sorted({folder for folder, _, _ in files}):
        result = scan(corpus_tree(folder))
        ours = [f for f in result.failures if f.detector == "jvm"]
        # Sparse placeholders of uncopied files (build.gradle...) are binary; nothing else fails.
        assert not ours, f"{folder}: {ours}"
        manifests = {path for component in result.components for path in component.manifests}
        evidence = {e.path for t in result.technologies for e in t.evidence}
        for _, path, kind in (f for f in files if f[0] == folder):
            if kind == "pom":
                assert path in manifests, f"{folder}/{path} gave no manifest"
            else:
                assert path in evidence, f"{folder}/{path} gave no technology"
            checked += 1
    assert checked == len(files) == 10


def test_spring_petclinic(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("spring-projects__spring-petclinic"))
    dependencies = {d.name: d for d in result.dependencies}
    parent = dependencies["org.springframework.boot:spring-boot-starter-parent"]
    assert (parent.declared, parent.scope, parent.component) == ("4.0.3", Scope.BUILD, ".")
    technologies = {(t.key, t.component): t for t in result.technologies}
    assert technologies[("java", ".")].version == "17"
    maven = technologies[("maven", ".")]
    assert (maven.version, maven.version_source) == ("3.9.12", "resolved")
    assert {e.path for e in maven.evidence} == {".mvn/wrapper/maven-wrapper.properties", "pom.xml"}
    bootstrap = dependencies["org.webjars.npm:bootstrap"]
    assert (bootstrap.declared, bootstrap.scope) == ("5.3.8", Scope.RUNTIME)
    assert dependencies["org.springframework.boot:spring-boot-devtools"].scope is Scope.OPTIONAL
    assert dependencies["org.testcontainers:testcontainers-mysql"].scope is Scope.TEST

    # Independent counts: <dependency> and <plugin> elements outside <profiles>, by regex.
    corpus = require_corpus()
    text = (corpus / "spring-projects__spring-petclinic/pom.xml").read_text(encoding="utf-8")
    main = text.split("<profiles>", 1)[0]
    declared = [
        d
        for d in result.dependencies
        if d.evidence[0].reason.startswith(("dependency ", "plugin dependency "))
    ]
    assert len(declared) == len(re.findall(r"<dependency>", main)) == 26
    plugins = [d for d in result.dependencies if d.evidence[0].reason.startswith("build plugin ")]
    assert len(plugins) == len(re.findall(r"<plugin>", main)) == 8
    unversioned = [d for d in result.dependencies if d.declared is None]
    assert all(
        d.version_note == "no version given; managed by parent "
        "org.springframework.boot:spring-boot-starter-parent:4.0.3, outside this repository"
        for d in unversioned
    )


def test_mall_multi_module(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("macrozheng__mall"))
    assert not [f for f in result.failures if f.kind is not FailureKind.BINARY]
    root = result.components[0]
    assert root.path == "." and root.name == "mall"
    modules = (
        "mall-admin",
        "mall-common",
        "mall-demo",
        "mall-mbg",
        "mall-portal",
        "mall-search",
        "mall-security",
    )
    assert root.workspace_members == modules
    assert all(c.workspace_root == "." for c in result.components[1:])
    parent = next(
        d
        for d in result.dependencies
        if d.name == "org.springframework.boot:spring-boot-starter-parent"
    )
    assert (parent.declared, parent.scope, parent.component) == ("2.7.5", Scope.BUILD, ".")
    java = {t.component: t for t in result.technologies if t.key == "java"}
    assert set(java) == {".", *modules}
    assert {t.version for t in java.values()} == {"8"}
    assert java["."].evidence[0].reason == "java.version 1.8 (Java 8)"

    def declared(component: str, name: str) -> str | None:
        (found,) = [d for d in result.dependencies if d.component == component and d.name == name]
        return found.declared

    assert declared("mall-admin", "com.aliyun.oss:aliyun-sdk-oss") == "2.5.0"
    assert declared("mall-admin", "io.fabric8:docker-maven-plugin") == "0.40.2"
    assert declared("mall-portal", "com.alipay.sdk:alipay-sdk-java") == "4.38.61.ALL"
    assert declared("mall-common", "com.github.pagehelper:pagehelper") == "5.3.2"

    # Independent count over every POM: <dependency> outside <dependencyManagement> is one
    # declared dependency; each managed entry is either used somewhere or reported unused.
    corpus = require_corpus()
    texts = [p.read_text(encoding="utf-8") for p in (corpus / "macrozheng__mall").rglob("pom.xml")]
    management = [
        block
        for text in texts
        for block in re.findall(r"<dependencyManagement>(.*?)</dependencyManagement>", text, re.S)
    ]
    outside = sum(
        len(
            re.findall(
                r"<dependency>",
                re.sub(
                    r"<dependencyManagement>.*?"
                    r"</dependencyManagement>",
                    "",
                    t,
                    flags=re.S,
                ),
            )
        )
        for t in texts
    )
    declared_records = [
        d for d in result.dependencies if d.evidence[0].reason.startswith("dependency ")
    ]
    assert len(declared_records) == outside
    managed_total = sum(len(re.findall(r"<dependency>", block)) for block in management)
    unused = [d for d in result.dependencies if not d.direct]
    used_keys = {
        d.name
        for d in result.dependencies
        if any("managed in <dependencyManagement>" in e.reason for e in d.evidence)
    }
    assert len(unused) + len(used_keys) == managed_total == 18
