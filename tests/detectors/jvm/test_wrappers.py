"""The Maven and Gradle wrappers, and the Java properties format they are written in."""

from __future__ import annotations

import pytest

from detectors.jvm.java_properties import read_properties
from detectors.jvm.wrappers import parse_gradle_wrapper, parse_maven_wrapper
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "jvm")


def test_java_properties_separators_comments_continuations_and_escapes() -> None:
    text = (
        "# comment\n! also a comment\n"
        "a=1\n"
        "b : 2\n"
        "c 3\n"
        "   d=spaced value  \n"
        "url=https\\://example.org/x\n"
        "long=one, \\\n    two\n"
        "uni=caf\\u00e9\n"
        "key\\ with\\ space=x\n"
        "empty=\n"
        "a=last wins\n"
    )
    found = {
        key: (entry.value, entry.line)
        for key, entry in read_properties(source("x.properties", text)).items()
    }
    assert found == {
        "a": ("last wins", 13),
        "b": ("2", 4),
        "c": ("3", 5),
        "d": ("spaced value  ", 6),
        "url": ("https://example.org/x", 7),
        "long": ("one, two", 8),
        "uni": ("café", 10),
        "key with space": ("x", 11),
        "empty": ("", 12),
    }


def test_maven_wrapper_version_from_the_distribution_url() -> None:
    text = (
        "wrapperVersion=3.3.2\r\ndistributionType=only-script\r\n"
        "distributionUrl=https\\://repo.maven.apache.org/maven2/org/apache/maven/"
        "apache-maven/3.9.6/apache-maven-3.9.6-bin.zip\r\n"
    )
    (maven,) = parse_maven_wrapper(
        source(".mvn/wrapper/maven-wrapper.properties", text)
    ).technologies
    assert (maven.key, maven.category, maven.version, maven.version_source) == (
        "maven",
        "build-tool",
        "3.9.6",
        "resolved",
    )
    assert maven.evidence[0].line == 3
    assert maven.evidence[0].reason == (
        "wrapper distributionUrl apache-maven-3.9.6-bin.zip (Maven Wrapper 3.3.2)"
    )


@pytest.mark.parametrize(
    ("url", "version"),
    [
        ("https\\://services.gradle.org/distributions/gradle-8.5-bin.zip", "8.5"),
        ("https://services.gradle.org/distributions/gradle-8.6-rc-1-all.zip", "8.6-rc-1"),
        ("https://mirror.example/gradle-7.6.4-bin.zip?token=x", "7.6.4"),
    ],
)
def test_gradle_wrapper_versions(url: str, version: str) -> None:
    text = f"distributionBase=GRADLE_USER_HOME\ndistributionUrl={url}\n"
    (gradle,) = parse_gradle_wrapper(
        source("gradle/wrapper/gradle-wrapper.properties", text)
    ).technologies
    assert (gradle.key, gradle.version, gradle.evidence[0].line) == ("gradle", version, 2)


def test_a_distribution_without_a_version_is_kept_with_a_note() -> None:
    text = "distributionUrl=https://internal.example/gradle-latest.zip\n"
    (gradle,) = parse_gradle_wrapper(
        source("gradle/wrapper/gradle-wrapper.properties", text)
    ).technologies
    assert gradle.version is None
    assert gradle.version_note == (
        "no Gradle version in the distribution file name 'gradle-latest.zip'"
    )


def test_a_wrapper_without_distribution_url_is_an_error() -> None:
    with pytest.raises(DetectorError, match="no distributionUrl"):
        parse_maven_wrapper(source(".mvn/wrapper/maven-wrapper.properties", "wrapperVersion=3\n"))
