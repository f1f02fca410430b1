"""Gradle: build and settings scripts (Groovy and Kotlin DSL), version catalogs, properties."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.jvm.detector import JvmDetector
from detectors.jvm.gradle import parse_gradle_build, parse_gradle_settings
from detectors.jvm.gradle_script import statements, tokenize
from detectors.jvm.version_catalog import parse_version_catalog, read_version_catalog
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, FailureKind, RepositoryScan, Scope

MakeTree = Callable[[dict[str, str]], Path]


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "jvm")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, JvmDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


GROOVY = """\
plugins {
    id 'org.springframework.boot' version '3.2.0'
    id 'io.spring.dependency-management' version "1.1.4"
    id 'java'
}
group = 'com.example'
version = '0.0.1-SNAPSHOT'
def grpcVersion = "1.60.0"
ext.jacksonVersion = '2.16.1'
ext {
    versions = [guava: '33.0-jre', junit: "5.10.1"]
}
java {
    sourceCompatibility = '17'
}
dependencies {
    implementation 'org.springframework.boot:spring-boot-starter-web'
    implementation "io.grpc:grpc-stub:${grpcVersion}", "io.grpc:grpc-core:$grpcVersion"
    implementation group: 'com.google.guava', name: 'guava', version: versions.guava
    runtimeOnly "com.fasterxml.jackson.core:jackson-databind:$jacksonVersion"
    compileOnly 'org.projectlombok:lombok:1.18.30'
    annotationProcessor 'org.projectlombok:lombok:1.18.30'
    developmentOnly 'org.springframework.boot:spring-boot-devtools'
    testImplementation "org.junit.jupiter:junit-jupiter:${versions.junit}"
    implementation platform('org.springframework.cloud:spring-cloud-dependencies:2023.0.0')
    implementation project(':core')
    implementation fileTree(dir: 'libs', include: ['*.jar'])
    if (useNetty) {
        implementation 'io.netty:netty-all:4.1.104.Final' // a comment with a { brace
    }
    /* implementation 'commented:out:1.0' */
    implementation('org.apache.commons:commons-lang3:3.14.0') {
        exclude group: 'x', module: 'y'
    }
    agent "io.opentelemetry.javaagent:opentelemetry-javaagent:2.0.0"
    implementation "org.example:unknown:$undefinedVersion"
    constraints {
        implementation 'org.yaml:snakeyaml:2.2'
    }
}
"""

KOTLIN = """\
plugins {
    id("org.springframework.boot") version "3.2.0"
    kotlin("jvm") version "1.9.21"
    kotlin("plugin.spring") version "1.9.21" apply false
    `java-library`
    alias(libs.plugins.versions)
}
val kotlinxVersion: String = "1.7.3"
val arrowVersion by extra("1.2.1")
java {
    toolchain {
        languageVersion.set(JavaLanguageVersion.of(21))
    }
}
dependencies {
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:$kotlinxVersion")
    implementation(kotlin("reflect"))
    implementation(group = "io.arrow-kt", name = "arrow-core", version = arrowVersion)
    implementation(platform(libs.spring.boot.bom))
    implementation(libs.bundles.jackson)
    testImplementation(libs.junit.jupiter)
    "kapt"("com.google.dagger:dagger-compiler:2.50")
}
"""

CATALOG = """\
[versions]
jackson = "2.16.1"
junit = { strictly = "5.10.1" }

[libraries]
junit-jupiter = { module = "org.junit.jupiter:junit-jupiter", version.ref = "junit" }
spring-boot-bom = "org.springframework.boot:spring-boot-dependencies:3.2.0"
unused-lib = "org.unused:lib:1.0"
"no-version" = { module = "org.example:managed" }

[libraries.jackson-databind]
module = "com.fasterxml.jackson.core:jackson-databind"
version.ref = "jackson"

[libraries.jackson-kotlin]
group = "com.fasterxml.jackson.module"
name = "jackson-module-kotlin"
version = { ref = "jackson" }

[bundles]
jackson = ["jackson-databind", "jackson_kotlin"]

[plugins]
versions = { id = "com.github.ben-manes.versions", version = "0.50.0" }
unused-plugin = "org.example.plugin:2.0"
"""


def test_groovy_build_script_forms() -> None:
    output = parse_gradle_build(source("app/build.gradle", GROOVY))
    found = {(d.name, d.declared, d.scope, d.direct) for d in output.dependencies}
    assert found == {
        (
            "org.springframework.boot:org.springframework.boot.gradle.plugin",
            "3.2.0",
            Scope.BUILD,
            True,
        ),
        (
            "io.spring.dependency-management:io.spring.dependency-management.gradle.plugin",
            "1.1.4",
            Scope.BUILD,
            True,
        ),
        ("org.springframework.boot:spring-boot-starter-web", None, Scope.RUNTIME, True),
        ("io.grpc:grpc-stub", "1.60.0", Scope.RUNTIME, True),
        ("io.grpc:grpc-core", "1.60.0", Scope.RUNTIME, True),
        ("com.google.guava:guava", "33.0-jre", Scope.RUNTIME, True),
        ("com.fasterxml.jackson.core:jackson-databind", "2.16.1", Scope.RUNTIME, True),
        ("org.projectlombok:lombok", "1.18.30", Scope.BUILD, True),
        ("org.springframework.boot:spring-boot-devtools", None, Scope.DEVELOPMENT, True),
        ("org.junit.jupiter:junit-jupiter", "5.10.1", Scope.TEST, True),
        ("org.springframework.cloud:spring-cloud-dependencies", "2023.0.0", Scope.BUILD, True),
        ("io.netty:netty-all", "4.1.104.Final", Scope.RUNTIME, True),
        ("org.apache.commons:commons-lang3", "3.14.0", Scope.RUNTIME, True),
        ("io.opentelemetry.javaagent:opentelemetry-javaagent", "2.0.0", Scope.RUNTIME, True),
        ("org.example:unknown", "$undefinedVersion", Scope.RUNTIME, True),
        ("org.yaml:snakeyaml", "2.2", Scope.RUNTIME, False),
    }
    dependencies = by_name(output.dependencies)
    core = dependencies["io.grpc:grpc-core"]
    assert core.evidence[0].line == 18
    assert core.evidence[0].reason == 'implementation "io.grpc:grpc-core:$grpcVersion"'
    assert (core.evidence[1].line, core.evidence[1].reason) == (8, "variable grpcVersion = 1.60.0")
    assert dependencies["org.example:unknown"].version_note == (
        "undefinedVersion is not defined in this script, the scripts above it or gradle.properties"
    )
    assert dependencies["org.springframework.boot:spring-boot-starter-web"].version_note == (
        "no version given (a platform, BOM or plugin may manage it)"
    )
    (java,) = output.technologies
    assert (java.version, java.evidence[0].reason, java.evidence[0].line) == (
        "17",
        "sourceCompatibility '17'",
        14,
    )
    (found_manifest,) = output.manifests
    assert (found_manifest.kind, found_manifest.version) == ("gradle", "0.0.1-SNAPSHOT")


def test_kotlin_build_script_with_a_version_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.gradle.kts": 'rootProject.name = "shop"\ninclude(":app")\n',
            "gradle/libs.versions.toml": CATALOG,
            "app/build.gradle.kts": KOTLIN,
        }
    )
    result = scan(root)
    assert not result.failures
    app = by_name([d for d in result.dependencies if d.component == "app"])
    assert {name: (d.declared, d.scope) for name, d in app.items()} == {
        "org.springframework.boot:org.springframework.boot.gradle.plugin": ("3.2.0", Scope.BUILD),
        "org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin": ("1.9.21", Scope.BUILD),
        "org.jetbrains.kotlin.plugin.spring:org.jetbrains.kotlin.plugin.spring.gradle.plugin": (
            "1.9.21",
            Scope.BUILD,
        ),
        "com.github.ben-manes.versions:com.github.ben-manes.versions.gradle.plugin": (
            "0.50.0",
            Scope.BUILD,
        ),
        "org.jetbrains.kotlinx:kotlinx-coroutines-core": ("1.7.3", Scope.RUNTIME),
        "org.jetbrains.kotlin:kotlin-reflect": (None, Scope.RUNTIME),
        "io.arrow-kt:arrow-core": ("1.2.1", Scope.RUNTIME),
        "org.springframework.boot:spring-boot-dependencies": ("3.2.0", Scope.BUILD),
        "com.fasterxml.jackson.core:jackson-databind": ("2.16.1", Scope.RUNTIME),
        "com.fasterxml.jackson.module:jackson-module-kotlin": ("2.16.1", Scope.RUNTIME),
        "org.junit.jupiter:junit-jupiter": ("5.10.1", Scope.TEST),
        "com.google.dagger:dagger-compiler": ("2.50", Scope.BUILD),
    }
    junit = app["org.junit.jupiter:junit-jupiter"]
    assert [(e.path, e.line) for e in junit.evidence] == [
        ("app/build.gradle.kts", 21),
        ("gradle/libs.versions.toml", 6),
    ]
    assert junit.evidence[1].reason == (
        "version catalog library 'junit-jupiter' (org.junit.jupiter:junit-jupiter "
        "version.ref 'junit' = strictly 5.10.1)"
    )
    assert app["org.jetbrains.kotlin:kotlin-reflect"].version_note == (
        "no version given; the Kotlin Gradle plugin sets it"
    )
    root_deps = {
        (d.name, d.declared, d.direct, d.scope) for d in result.dependencies if d.component == "."
    }
    assert root_deps == {
        ("org.unused:lib", "1.0", False, Scope.RUNTIME),
        ("org.example:managed", None, False, Scope.RUNTIME),
        ("org.example.plugin:org.example.plugin.gradle.plugin", "2.0", False, Scope.BUILD),
    }
    java = [(t.component, t.version) for t in result.technologies if t.key == "java"]
    assert java == [("app", "21")]
    components = {c.path: (c.name, c.workspace_members) for c in result.components}
    assert components == {".": ("shop", ("app",)), "app": ("app", ())}


def test_gradle_properties_root_ext_and_plugin_versions_from_above(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gradle.properties": "kotlinVersion=1.9.22\njavaVersion = 17\n",
            "settings.gradle": "pluginManagement {\n  plugins {\n"
            "    id 'org.jetbrains.kotlin.jvm' version \"${kotlinVersion}\"\n  }\n}\n"
            "plugins { id 'org.gradle.toolchains.foojay-resolver-convention' version '0.8.0' }\n"
            "include 'api', ':libs:core'\n",
            "build.gradle": "buildscript {\n  ext { springBootVersion = '2.7.18' }\n"
            '  dependencies {\n    classpath "org.springframework.boot:'
            'spring-boot-gradle-plugin:${springBootVersion}"\n  }\n}\n'
            "plugins { id 'com.diffplug.spotless' version '6.23.3' apply false }\n"
            "subprojects {\n  java { toolchain { languageVersion = "
            "JavaLanguageVersion.of(javaVersion) } }\n}\n",
            "api/build.gradle": "plugins {\n  id 'com.diffplug.spotless'\n"
            "  id 'org.jetbrains.kotlin.jvm'\n}\n"
            'dependencies { implementation "org.springframework.boot:spring-boot:'
            '$springBootVersion" }\n',
            "libs/core/build.gradle": "",
        }
    )
    result = scan(root)
    assert not result.failures
    api = by_name([d for d in result.dependencies if d.component == "api"])
    spotless = api["com.diffplug.spotless:com.diffplug.spotless.gradle.plugin"]
    assert spotless.declared == "6.23.3"
    assert (spotless.evidence[1].path, spotless.evidence[1].line) == ("build.gradle", 7)
    kotlin = api["org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin"]
    assert kotlin.declared == "1.9.22"
    assert [e.path for e in kotlin.evidence] == [
        "api/build.gradle",
        "settings.gradle",
        "gradle.properties",
    ]
    assert api["org.springframework.boot:spring-boot"].declared == "2.7.18"
    root_deps = by_name([d for d in result.dependencies if d.component == "."])
    classpath = root_deps["org.springframework.boot:spring-boot-gradle-plugin"]
    assert (classpath.declared, classpath.scope) == ("2.7.18", Scope.BUILD)
    assert (
        root_deps[
            "org.gradle.toolchains.foojay-resolver-convention:"
            "org.gradle.toolchains.foojay-resolver-convention.gradle.plugin"
        ].declared
        == "0.8.0"
    )
    java = {t.component: t.version for t in result.technologies if t.key == "java"}
    # subprojects {} applies to the modules, not to the root project itself.
    assert java == {"api": "17", "libs/core": "17"}
    core_java = next(
        t for t in result.technologies if t.component == "libs/core" and t.key == "java"
    )
    assert core_java.evidence[0].reason == (
        "toolchain languageVersion javaVersion (Java 17), set for subprojects in build.gradle"
    )
    assert {c.path: c.workspace_root for c in result.components} == {
        ".": None,
        "api": ".",
        "libs/core": ".",
    }


@pytest.mark.parametrize(
    ("statement", "version", "label"),
    [
        ("sourceCompatibility = JavaVersion.VERSION_1_8", "8", "sourceCompatibility"),
        ("targetCompatibility = 11\nsourceCompatibility = 1.8", "11", "targetCompatibility"),
        ('java.sourceCompatibility = JavaVersion.toVersion("17")', "17", "sourceCompatibility"),
        ("kotlin { jvmToolchain(21) }", "21", "jvmToolchain"),
        ("tasks.withType(JavaCompile) { options.release = 17 }", "17", "options.release"),
        (
            "kotlin { compilerOptions { jvmTarget.set(JvmTarget.JVM_17) } }",
            "17",
            "kotlin jvmTarget",
        ),
        (
            "java { toolchain { languageVersion = JavaLanguageVersion.of(17) } }\n"
            "sourceCompatibility = 1.8",
            "17",
            "toolchain languageVersion",
        ),
    ],
)
def test_java_version_forms(statement: str, version: str, label: str) -> None:
    (java,) = parse_gradle_build(source("build.gradle.kts", statement)).technologies
    assert java.version == version
    assert java.evidence[0].reason.startswith(label)


def test_settings_include_and_root_project_name() -> None:
    text = (
        "// include 'commented'\nrootProject.name = 'shop'\n"
        "include 'web', ':libs:core'\ninclude(\n  \":api\",\n  \":tools\"\n)\n"
        "includeBuild('build-logic')\n"
    )
    output = parse_gradle_settings(source("settings.gradle", text))
    (found,) = output.manifests
    assert found.name == "shop"
    assert found.workspace is not None
    assert found.workspace.patterns == ("web", "libs/core", "api", "tools")


def test_catalog_references_that_lead_nowhere_are_failures(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gradle/libs.versions.toml": '[libraries]\nknown = "g:a:1"\n',
            "build.gradle.kts": "dependencies {\n  implementation(libs.known)\n"
            "  implementation(libs.unknown)\n  implementation(other.thing)\n"
            "  implementation(tools.x)\n}\n",
            "gradle/tools.versions.toml": '[libraries]\nx = "t:x:2"\n',
        }
    )
    result = scan(root)
    (failure,) = result.failures
    assert (failure.kind, failure.path) == (FailureKind.PARSE_ERROR, "build.gradle.kts")
    assert failure.reason == (
        "line 3: libs.unknown is not in the version catalog gradle/libs.versions.toml"
    )
    assert {(d.name, d.declared) for d in result.dependencies} == {("g:a", "1"), ("t:x", "2")}


def test_version_catalog_alone_and_alias_normalisation() -> None:
    catalog = read_version_catalog(source("gradle/libs.versions.toml", CATALOG))
    assert catalog.root == "." and catalog.accessor == "libs"
    assert set(catalog.libraries) == {
        "jackson.databind",
        "jackson.kotlin",
        "junit.jupiter",
        "spring.boot.bom",
        "unused.lib",
        "no.version",
    }
    assert catalog.bundles["jackson"] == ("jackson.databind", "jackson.kotlin")
    output = parse_version_catalog(source("gradle/libs.versions.toml", CATALOG))
    assert all(not d.direct for d in output.dependencies)
    lines = {d.name: d.evidence[0].line for d in output.dependencies}
    assert lines["org.springframework.boot:spring-boot-dependencies"] == 7
    assert lines["com.fasterxml.jackson.module:jackson-module-kotlin"] == 15
    # Independent count: entries of [libraries] and [plugins] by a plain line regex.
    text = CATALOG
    sections = re.split(r"^\[([\w.-]+)\]\s*$", text, flags=re.MULTILINE)
    expected = sum(
        len(re.findall(r"^[\w\"-]+\s*=", body, flags=re.MULTILINE))
        for name, body in zip(sections[1::2], sections[2::2], strict=True)
        if name in ("libraries", "plugins")
    ) + sum(1 for name in sections[1::2] if name.startswith("libraries."))
    assert len(output.dependencies) == expected == 8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[libraries\n", "not valid TOML"),
        ("libraries = 3\n", "[libraries] is not a table"),
        ("", "empty file"),
    ],
)
def test_malformed_catalogs(text: str, message: str) -> None:
    with pytest.raises(DetectorError) as raised:
        read_version_catalog(source("gradle/libs.versions.toml", text))
    assert message in str(raised.value)


def test_the_tokenizer_keeps_strings_whole_and_tracks_lines_and_blocks() -> None:
    text = (
        'def s = "a { b } ${x.y("q")} c"\r\n'
        "/* block\n comment { */ dependencies {\n"
        "  implementation '''triple\n' quoted'''\n"
        "  api `odd-name`\n"
        "}\n"
    )
    found = [([t.text for t in s.tokens], s.blocks, s.line) for s in statements(tokenize(text))]
    assert found == [
        (["def", "s", "=", 'a { b } ${x.y("q")} c'], (), 1),
        (["dependencies"], (), 3),
        (["implementation", "triple\n' quoted"], ("dependencies",), 4),
        (["api", "odd-name"], ("dependencies",), 6),
    ]


def test_unterminated_and_unbalanced_scripts_do_not_fail() -> None:
    for text in ('dependencies { implementation "a:b:1', "}}}\n{{{", "'", "/*", "\0\1"):
        output = parse_gradle_build(source("build.gradle", text))
        assert len(output.manifests) == 1


def test_undecodable_script_is_a_parse_error() -> None:
    with pytest.raises(DetectorError, match="not valid UTF-8"):
        parse_gradle_build(SourceFile(FileContent("build.gradle", b"\xfa\xfb\xfc"), "jvm"))


def test_notations_held_in_root_variables_and_maps(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "build.gradle": "ext {\n  deps = [guava: 'com.google.guava:guava:33.0-jre',"
            ' kotlinVersion: "1.9.0"]\n}\next.glide = "com.github.bumptech.glide:glide:4.13.1"\n',
            "app/build.gradle": "dependencies {\n  implementation deps.guava\n"
            "  implementation rootProject.ext.glide\n"
            '  implementation "org.jetbrains.kotlin:kotlin-stdlib:${deps.kotlinVersion}"\n'
            "  implementation undefinedVariable\n}\n",
        }
    )
    result = scan(root)
    assert not result.failures
    found = {(d.name, d.declared, d.component) for d in result.dependencies}
    assert found == {
        ("com.google.guava:guava", "33.0-jre", "app"),
        ("com.github.bumptech.glide:glide", "4.13.1", "app"),
        ("org.jetbrains.kotlin:kotlin-stdlib", "1.9.0", "app"),
    }
    guava = next(d for d in result.dependencies if d.name == "com.google.guava:guava")
    assert [(e.path, e.line) for e in guava.evidence] == [
        ("app/build.gradle", 2),
        ("build.gradle", 2),
    ]


def test_catalogs_declared_by_the_settings_script(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.gradle.kts": "dependencyResolutionManagement {\n"
            '  defaultLibrariesExtensionName = "projectLibs"\n'
            "  versionCatalogs {\n"
            '    create("tools") { from(files("$rootDir/catalogs/tools.versions.toml")) }\n'
            "  }\n}\n",
            "gradle/libs.versions.toml": '[libraries]\ncore = "g:core:1.0"\n',
            "catalogs/tools.versions.toml": '[libraries]\nlint = "g:lint:2.0"\n',
            "app/build.gradle.kts": "dependencies {\n  implementation(projectLibs.core)\n"
            "  implementation(tools.lint)\n  implementation(libs.core)\n}\n",
        }
    )
    result = scan(root)
    assert {(d.name, d.declared, d.component) for d in result.dependencies} == {
        ("g:core", "1.0", "app"),
        ("g:lint", "2.0", "app"),
    }
    (failure,) = result.failures
    assert failure.reason == (
        "line 4: libs.core refers to version catalog 'libs', which no settings script "
        "declares and no gradle/libs.versions.toml provides"
    )


def test_exponential_variable_nesting_is_cut_short() -> None:
    lines = ['def v0 = "xxxxxxxxxx"'] + [f'def v{i} = "$v{i - 1}$v{i - 1}"' for i in range(1, 60)]
    text = "\n".join(lines) + '\ndependencies { implementation "g:a:$v59" }\n'
    (dependency,) = parse_gradle_build(source("build.gradle", text)).dependencies
    assert dependency.declared is not None and len(dependency.declared) < 5000
    assert dependency.version_note is not None
