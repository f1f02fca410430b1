"""Maven POMs: coordinates and inheritance, interpolation, scopes, management, plugins, Java."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.jvm.detector import JvmDetector
from detectors.jvm.maven import parse_pom
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, FailureKind, RepositoryScan, Scope

NS = (
    'xmlns="http://maven.apache.org/POM/4.0.0" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)

MakeTree = Callable[[dict[str, str]], Path]


def pom_file(text: str, path: str = "pom.xml") -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "jvm")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, JvmDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


def test_coordinates_inherit_group_and_version_from_parent_namespaced_or_not() -> None:
    for namespace in (NS, ""):
        output = parse_pom(
            pom_file(
                f"<project {namespace}><parent><groupId>org.acme</groupId>"
                "<artifactId>acme-parent</artifactId><version>7.1</version></parent>"
                "<artifactId>svc</artifactId></project>"
            )
        )
        (found,) = output.manifests
        assert (found.name, found.version, found.ecosystem) == ("svc", "7.1", "maven")
        parent = by_name(output.dependencies)["org.acme:acme-parent"]
        assert (parent.declared, parent.scope) == ("7.1", Scope.BUILD)
        assert parent.evidence[0].reason == "parent POM org.acme:acme-parent"


def test_properties_interpolate_recursively_with_built_ins_and_survive_cycles() -> None:
    output = parse_pom(
        pom_file(
            f"""<project {NS}>
  <parent><groupId>g</groupId><artifactId>p</artifactId><version>2.0</version></parent>
  <groupId>org.acme</groupId><artifactId>app</artifactId><version>1.4.0</version>
  <properties>
    <base>5.3</base>
    <spring.version>${{base}}.21</spring.version>
    <loop.a>${{loop.b}}</loop.a>
    <loop.b>${{loop.a}}</loop.b>
  </properties>
  <dependencies>
    <dependency><groupId>org.springframework</groupId><artifactId>spring-core</artifactId>
      <version>${{spring.version}}</version></dependency>
    <dependency><groupId>${{project.groupId}}</groupId><artifactId>app-api</artifactId>
      <version>${{project.version}}</version></dependency>
    <dependency><groupId>g</groupId><artifactId>p-lib</artifactId>
      <version>${{project.parent.version}}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>cyclic</artifactId>
      <version>${{loop.a}}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>missing</artifactId>
      <version>${{nowhere.version}}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>ci</artifactId>
      <version>${{revision}}</version></dependency>
  </dependencies>
</project>"""
        )
    )
    found = by_name(output.dependencies)
    spring = found["org.springframework:spring-core"]
    assert (spring.declared, spring.version_note) == ("5.3.21", None)
    assert spring.evidence[0].line == 11
    assert "version ${spring.version} = 5.3.21" in spring.evidence[0].reason
    assert found["org.acme:app-api"].declared == "1.4.0"
    assert found["g:p-lib"].declared == "2.0"
    cyclic = found["x:cyclic"]
    assert cyclic.declared is not None and "${" in cyclic.declared
    assert cyclic.version_note is not None and "not defined" in cyclic.version_note
    missing = found["x:missing"]
    assert missing.declared == "${nowhere.version}"
    assert missing.version_note == (
        "property ${nowhere.version} is not defined in this POM or its parents in this "
        "repository; it may come from parent g:p:2.0"
    )
    assert found["x:ci"].version_note == (
        "${revision} is set on the Maven command line (CI-friendly version)"
    )


def test_scopes_optional_types_and_imported_boms() -> None:
    output = parse_pom(
        pom_file(
            f"""<project {NS}><artifactId>app</artifactId>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-dependencies</artifactId><version>3.2.0</version>
      <type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>a</groupId><artifactId>compile</artifactId><version>1</version>
    </dependency>
    <dependency><groupId>a</groupId><artifactId>runtime</artifactId><version>1</version>
      <scope>runtime</scope></dependency>
    <dependency><groupId>a</groupId><artifactId>test</artifactId><version>1</version>
      <scope>test</scope></dependency>
    <dependency><groupId>a</groupId><artifactId>provided</artifactId><version>1</version>
      <scope>provided</scope></dependency>
    <dependency><groupId>a</groupId><artifactId>system</artifactId><version>1</version>
      <scope>system</scope></dependency>
    <dependency><groupId>a</groupId><artifactId>optional</artifactId><version>1</version>
      <optional>true</optional></dependency>
    <dependency><groupId>a</groupId><artifactId>optional-test</artifactId>
      <version>1</version><scope>test</scope><optional>true</optional></dependency>
    <dependency><groupId>a</groupId><artifactId>fixtures</artifactId><version>1</version>
      <type>test-jar</type><classifier>tests</classifier><scope>test</scope></dependency>
  </dependencies>
</project>"""
        )
    )
    scopes = {d.name: d.scope for d in output.dependencies}
    assert scopes == {
        "org.springframework.boot:spring-boot-dependencies": Scope.BUILD,
        "a:compile": Scope.RUNTIME,
        "a:runtime": Scope.RUNTIME,
        "a:test": Scope.TEST,
        "a:provided": Scope.BUILD,
        "a:system": Scope.BUILD,
        "a:optional": Scope.OPTIONAL,
        "a:optional-test": Scope.TEST,
        "a:fixtures": Scope.TEST,
    }
    found = by_name(output.dependencies)
    bom = found["org.springframework.boot:spring-boot-dependencies"]
    assert (bom.declared, bom.direct) == ("3.2.0", True)
    assert bom.evidence[0].reason.startswith("imported BOM ")
    assert "type test-jar; classifier tests" in found["a:fixtures"].evidence[0].reason


def test_dependency_management_in_the_same_pom_and_unused_entries() -> None:
    output = parse_pom(
        pom_file(
            f"""<project {NS}><groupId>g</groupId><artifactId>app</artifactId>
  <properties><guava.version>33.0-jre</guava.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId>
      <version>${{guava.version}}</version></dependency>
    <dependency><groupId>org.yaml</groupId><artifactId>snakeyaml</artifactId>
      <version>2.2</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId>
    </dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
  </dependencies>
</project>"""
        )
    )
    found = by_name(output.dependencies)
    guava = found["com.google.guava:guava"]
    assert (guava.declared, guava.direct, guava.version_note) == ("33.0-jre", True, None)
    assert [e.line for e in guava.evidence] == [10, 4]
    assert guava.evidence[1].reason == (
        "version ${guava.version} = 33.0-jre managed in <dependencyManagement>"
    )
    pinned = found["org.yaml:snakeyaml"]
    assert (pinned.declared, pinned.direct) == ("2.2", False)
    assert "no POM in this repository declares it" in pinned.evidence[0].reason
    unmanaged = found["org.slf4j:slf4j-api"]
    assert unmanaged.declared is None
    assert unmanaged.version_note == "no version given and none managed in this repository"


def test_modules_plugins_and_the_default_plugin_group() -> None:
    output = parse_pom(
        pom_file(
            f"""<project {NS}><artifactId>root</artifactId><packaging>pom</packaging>
  <modules><module>core</module><module> web </module><module/></modules>
  <properties><jacoco.version>0.8.11</jacoco.version></properties>
  <build>
    <extensions><extension><groupId>kr.motd.maven</groupId>
      <artifactId>os-maven-plugin</artifactId><version>1.7.1</version></extension></extensions>
    <pluginManagement><plugins>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.2.2</version></plugin>
      <plugin><artifactId>maven-site-plugin</artifactId><version>4.0</version></plugin>
    </plugins></pluginManagement>
    <plugins>
      <plugin><artifactId>maven-surefire-plugin</artifactId></plugin>
      <plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId>
        <version>${{jacoco.version}}</version>
        <dependencies><dependency><groupId>org.ow2.asm</groupId><artifactId>asm</artifactId>
          <version>9.6</version></dependency></dependencies>
      </plugin>
    </plugins>
  </build>
  <profiles><profile><build><plugins>
    <plugin><groupId>p</groupId><artifactId>only-in-profile</artifactId><version>1</version>
    </plugin></plugins></build></profile></profiles>
</project>"""
        )
    )
    (found_manifest,) = output.manifests
    assert found_manifest.workspace is not None
    assert found_manifest.workspace.patterns == ("core", "web")
    found = by_name(output.dependencies)
    assert set(found) == {
        "kr.motd.maven:os-maven-plugin",
        "org.apache.maven.plugins:maven-surefire-plugin",
        "org.apache.maven.plugins:maven-site-plugin",
        "org.jacoco:jacoco-maven-plugin",
        "org.ow2.asm:asm",
    }
    assert all(d.scope is Scope.BUILD for d in found.values())
    assert found["org.apache.maven.plugins:maven-surefire-plugin"].declared == "3.2.2"
    assert found["org.apache.maven.plugins:maven-site-plugin"].direct is False
    assert found["org.jacoco:jacoco-maven-plugin"].declared == "0.8.11"
    assert (
        found["org.ow2.asm:asm"]
        .evidence[0]
        .reason.startswith(
            "plugin dependency org.ow2.asm:asm (of plugin org.jacoco:jacoco-maven-plugin"
        )
    )


@pytest.mark.parametrize(
    ("body", "version", "reason"),
    [
        (
            "<properties><java.version>1.8</java.version></properties>",
            "8",
            "java.version 1.8 (Java 8)",
        ),
        (
            "<properties><java.version>17</java.version>"
            "<maven.compiler.release>21</maven.compiler.release></properties>",
            "21",
            "maven.compiler.release 21",
        ),
        (
            "<properties><maven.compiler.source>1.7</maven.compiler.source>"
            "<maven.compiler.target>1.7</maven.compiler.target></properties>",
            "7",
            "maven.compiler.target 1.7 (Java 7)",
        ),
        (
            "<properties><jdk>11</jdk><java.version>8</java.version></properties>"
            "<build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId>"
            "<configuration><release>${jdk}</release></configuration></plugin></plugins></build>",
            "11",
            "maven-compiler-plugin <release> 11",
        ),
    ],
)
def test_java_version_from_properties_or_the_compiler_plugin(
    body: str, version: str, reason: str
) -> None:
    output = parse_pom(pom_file(f"<project {NS}><artifactId>a</artifactId>{body}</project>"))
    (java,) = output.technologies
    assert (java.key, java.category, java.version, java.version_source) == (
        "java",
        "runtime",
        version,
        "declared",
    )
    assert java.evidence[0].reason == reason


def test_an_unresolvable_java_version_is_kept_with_a_note() -> None:
    output = parse_pom(
        pom_file(
            f"<project {NS}><artifactId>a</artifactId><properties>"
            "<java.version>${jdk.level}</java.version></properties></project>"
        )
    )
    (java,) = output.technologies
    assert java.version is None
    assert java.version_note is not None and "${jdk.level}" in java.version_note


def test_child_poms_inherit_management_properties_and_java_across_the_repository(
    make_tree: MakeTree,
) -> None:
    parent = f"""<project {NS}>
  <parent><groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version>
    <relativePath/></parent>
  <groupId>com.acme</groupId><artifactId>shop</artifactId><version>1.0</version>
  <packaging>pom</packaging>
  <modules><module>api</module><module>libs/core</module></modules>
  <properties><java.version>21</java.version><jjwt.version>0.12.3</jjwt.version>
    <core.version>${{project.version}}</core.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>io.jsonwebtoken</groupId><artifactId>jjwt-api</artifactId>
      <version>${{jjwt.version}}</version></dependency>
    <dependency><groupId>com.acme</groupId><artifactId>core</artifactId>
      <version>${{core.version}}</version></dependency>
  </dependencies></dependencyManagement>
  <build><pluginManagement><plugins>
    <plugin><groupId>io.fabric8</groupId><artifactId>docker-maven-plugin</artifactId>
      <version>0.43.4</version></plugin>
  </plugins></pluginManagement></build>
</project>"""
    api = f"""<project {NS}>
  <parent><groupId>com.acme</groupId><artifactId>shop</artifactId><version>1.0</version>
  </parent>
  <artifactId>api</artifactId>
  <properties><jjwt.version>0.12.5</jjwt.version></properties>
  <dependencies>
    <dependency><groupId>io.jsonwebtoken</groupId><artifactId>jjwt-api</artifactId>
    </dependency>
    <dependency><groupId>com.acme</groupId><artifactId>core</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>io.fabric8</groupId>
    <artifactId>docker-maven-plugin</artifactId></plugin></plugins></build>
</project>"""
    core = f"""<project {NS}>
  <parent><groupId>com.acme</groupId><artifactId>shop</artifactId><version>1.0</version>
    <relativePath>../../pom.xml</relativePath></parent>
  <artifactId>core</artifactId>
  <properties><java.version>17</java.version></properties>
</project>"""
    result = scan(make_tree({"pom.xml": parent, "api/pom.xml": api, "libs/core/pom.xml": core}))
    assert not result.failures
    components = {c.path: (c.name, c.workspace_root) for c in result.components}
    assert components == {".": ("shop", None), "api": ("api", "."), "libs/core": ("core", ".")}
    api_deps = by_name([d for d in result.dependencies if d.component == "api"])
    # The child's own property wins over the parent's, as Maven interpolates after inheritance.
    jjwt = api_deps["io.jsonwebtoken:jjwt-api"]
    assert jjwt.declared == "0.12.5"
    assert [(e.path, e.line) for e in jjwt.evidence] == [("api/pom.xml", 7), ("pom.xml", 11)]
    assert api_deps["com.acme:core"].declared == "1.0"
    assert api_deps["io.fabric8:docker-maven-plugin"].declared == "0.43.4"
    web = api_deps["org.springframework.boot:spring-boot-starter-web"]
    assert web.declared is None
    assert web.version_note == (
        "no version given; managed by parent "
        "org.springframework.boot:spring-boot-starter-parent:3.2.0, outside this repository"
    )
    assert api_deps["com.acme:shop"].scope is Scope.BUILD
    root_deps = by_name([d for d in result.dependencies if d.component == "."])
    assert root_deps["org.springframework.boot:spring-boot-starter-parent"].declared == "3.2.0"
    # Used by a module, so not reported again as an unused managed entry.
    assert "io.jsonwebtoken:jjwt-api" not in root_deps
    java = {t.component: t.version for t in result.technologies if t.key == "java"}
    assert java == {".": "21", "api": "21", "libs/core": "17"}
    api_java = next(t for t in result.technologies if t.key == "java" and t.component == "api")
    assert api_java.evidence[0].reason == "java.version 21, inherited from shop (pom.xml)"
    tools = {(t.key, t.component) for t in result.technologies if t.category == "build-tool"}
    assert tools == {("maven", "."), ("maven", "api"), ("maven", "libs/core")}


def test_a_parent_found_by_coordinates_and_a_parent_cycle(make_tree: MakeTree) -> None:
    a = (
        f"<project {NS}><parent><groupId>g</groupId><artifactId>b</artifactId>"
        "<version>1</version></parent><artifactId>a</artifactId>"
        "<properties><x>from-a</x></properties></project>"
    )
    b = (
        f"<project {NS}><parent><groupId>g</groupId><artifactId>a</artifactId>"
        "<version>1</version></parent><artifactId>b</artifactId>"
        "<dependencies><dependency><groupId>d</groupId><artifactId>e</artifactId>"
        "<version>${x}</version></dependency></dependencies></project>"
    )
    result = scan(make_tree({"one/pom.xml": a, "two/pom.xml": b}))
    assert not result.failures
    assert by_name(result.dependencies)["d:e"].declared == "from-a"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("<project>", "not well-formed XML: no element found: line 1, column 9"),
        ("<settings/>", "root element is <settings>, not <project>"),
        (
            '<!DOCTYPE p [<!ENTITY a "aaaa">]><project>&a;</project>',
            "XML entity declarations are not accepted",
        ),
    ],
)
def test_malformed_poms_raise_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(DetectorError) as raised:
        parse_pom(pom_file(text))
    assert str(raised.value) == message


def test_a_malformed_pom_fails_alone_in_a_scan(make_tree: MakeTree) -> None:
    result = scan(
        make_tree(
            {
                "bad/pom.xml": "<project><dependencies>",
                "good/pom.xml": f"<project {NS}><artifactId>good</artifactId></project>",
            }
        )
    )
    (failure,) = result.failures
    assert (failure.kind, failure.path, failure.detector) == (
        FailureKind.PARSE_ERROR,
        "bad/pom.xml",
        "jvm",
    )
    assert [c.path for c in result.components] == [".", "good"]


def test_bom_and_crlf_are_handled() -> None:
    text = (
        f"<project {NS}>\r\n<artifactId>a</artifactId>\r\n<dependencies>\r\n"
        "<dependency><groupId>g</groupId><artifactId>x</artifactId><version>1</version>"
        "</dependency>\r\n</dependencies></project>"
    )
    output = parse_pom(SourceFile(FileContent("pom.xml", b"\xef\xbb\xbf" + text.encode()), "jvm"))
    (dependency,) = output.dependencies
    assert (dependency.name, dependency.evidence[0].line) == ("g:x", 4)


def test_maven_modules_are_relative_to_each_pom(make_tree: MakeTree) -> None:
    pom = "<project {ns}><artifactId>{name}</artifactId><modules>{modules}</modules></project>"
    root = make_tree(
        {
            "pom.xml": pom.format(ns=NS, name="parent", modules="<module>svc</module>"),
            "svc/pom.xml": pom.format(ns=NS, name="svc", modules="<module>inner</module>"),
            "svc/inner/pom.xml": pom.format(ns=NS, name="inner", modules=""),
        }
    )
    result = scan(root)
    assert {c.path: (c.workspace_root, c.workspace_members) for c in result.components} == {
        ".": (None, ("svc",)),
        "svc": (".", ("svc/inner",)),
        "svc/inner": ("svc", ()),
    }
    assert [c.name for c in result.components] == ["parent", "svc", "inner"]


def test_blank_lines_before_the_xml_declaration_are_tolerated() -> None:
    text = (
        '\n  \n<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<project {NS}><artifactId>a</artifactId>\n<dependencies><dependency>"
        "<groupId>g</groupId><artifactId>x</artifactId><version>1</version></dependency>"
        "</dependencies></project>"
    )
    (dependency,) = parse_pom(pom_file(text)).dependencies
    assert dependency.evidence[0].line == 5


def test_exponential_property_nesting_is_cut_short() -> None:
    properties = "<p0>xxxxxxxxxx</p0>" + "".join(
        f"<p{i}>${{p{i - 1}}}${{p{i - 1}}}</p{i}>" for i in range(1, 60)
    )
    text = (
        f"<project {NS}><artifactId>a</artifactId><properties>{properties}</properties>"
        "<dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId>"
        "<version>${p59}</version></dependency></dependencies></project>"
    )
    (dependency,) = parse_pom(pom_file(text)).dependencies
    assert dependency.declared is not None and len(dependency.declared) < 5000
    assert dependency.version_note is not None
