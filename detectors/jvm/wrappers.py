"""The Maven and Gradle wrappers: ``.mvn/wrapper/maven-wrapper.properties`` and
``gradle/wrapper/gradle-wrapper.properties`` pin the exact build-tool version the project's
``mvnw``/``gradlew`` downloads, in the file name of ``distributionUrl``."""

from __future__ import annotations

import re

from detectors.jvm.java_properties import read_properties
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Technology

# .../apache-maven/3.9.12/apache-maven-3.9.12-bin.zip (or .tar.gz); mvnd is not Maven itself.
_MAVEN_DISTRIBUTION_RE = re.compile(r"apache-maven-([0-9][^/]*?)-bin\.(?:zip|tar\.gz)\Z")
# .../distributions/gradle-8.5-bin.zip, gradle-8.6-rc-1-all.zip
_GRADLE_DISTRIBUTION_RE = re.compile(r"gradle-([0-9][^/]*?)-(?:bin|all)\.zip\Z")


def parse_maven_wrapper(file: SourceFile) -> DetectorOutput:
    """A ``maven-wrapper.properties``: technology ``maven`` at the wrapper's Maven version.

    Raises :class:`DetectorError` when the file sets no ``distributionUrl``.
    """
    extra = ""
    wrapper = read_properties(file).get("wrapperVersion")
    if wrapper is not None and wrapper.value:
        extra = f" (Maven Wrapper {wrapper.value})"
    return _wrapper_technology(file, "maven", "Maven", _MAVEN_DISTRIBUTION_RE, extra)


def parse_gradle_wrapper(file: SourceFile) -> DetectorOutput:
    """A ``gradle-wrapper.properties``: technology ``gradle`` at the wrapper's Gradle version.

    Raises :class:`DetectorError` when the file sets no ``distributionUrl``.
    """
    return _wrapper_technology(file, "gradle", "Gradle", _GRADLE_DISTRIBUTION_RE, "")


def _wrapper_technology(
    file: SourceFile, key: str, name: str, pattern: re.Pattern[str], extra: str
) -> DetectorOutput:
    entry = read_properties(file).get("distributionUrl")
    if entry is None or not entry.value.strip():
        raise DetectorError("no distributionUrl")
    url = entry.value.strip()
    distribution = url.split("?", 1)[0].rstrip("/").rpartition("/")[2]
    match = pattern.search(distribution)
    if match is None:
        technology = Technology(
            key,
            name,
            Category.BUILD_TOOL,
            (file.evidence(f"wrapper distributionUrl {distribution}{extra}", entry.line),),
            version_note=f"no {name} version in the distribution file name {distribution!r}",
        )
    else:
        technology = Technology(
            key,
            name,
            Category.BUILD_TOOL,
            (file.evidence(f"wrapper distributionUrl {distribution}{extra}", entry.line),),
            version=match.group(1),
            version_source="resolved",
        )
    return DetectorOutput(technologies=(technology,))
