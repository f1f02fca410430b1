"""The Maven repository client against a local repository with the Maven 2 layout:
``maven-metadata.xml`` as the Maven Repository Metadata model describes it, and POMs whose
``Last-Modified`` header dates a version."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.registries.maven import MavenSource, http_date, parse_metadata

DATA = Path(__file__).parent / "data"
NAME = "org.example.demo:demo-lib"
ARTIFACT = "/org/example/demo/demo-lib"
METADATA = f"{ARTIFACT}/maven-metadata.xml"


def _pom(version: str) -> str:
    return f"{ARTIFACT}/{version}/demo-lib-{version}.pom"


def _repository(registry: FakeRegistry) -> None:
    registry.add(
        METADATA, (DATA / "maven-demo-lib-metadata.xml").read_bytes(), content_type="text/xml"
    )
    for version, modified in [
        ("1.0.0", "Mon, 04 Jan 2021 10:00:00 GMT"),
        ("1.1.0", "Tue, 01 Aug 2023 12:30:45 GMT"),
        ("1.2.0", "Mon, 15 Jan 2024 09:30:00 GMT"),
    ]:
        registry.add(
            _pom(version), b"", content_type="text/xml", headers={"Last-Modified": modified}
        )


def test_dates_the_wanted_versions_and_the_release_once_each(
    fake_registry: FakeRegistry,
) -> None:
    _repository(fake_registry)
    history = MavenSource(fake_registry.url).history(
        NAME, wanted=["1.1.0", "9.9.9", "1.2.0", "1.1.0"]
    )
    releases = {release.version: release for release in history.releases}
    assert history.ecosystem == "maven"
    assert history.source == "Maven Central"
    assert history.latest == "1.2.0"
    assert not history.dated
    assert list(releases) == ["1.0.0", "1.1.0", "1.2.0", "2.0.0-M1"]
    assert releases["1.1.0"].published == datetime(2023, 8, 1, 12, 30, 45, tzinfo=timezone.utc)
    assert releases["1.2.0"].published == datetime(2024, 1, 15, 9, 30, tzinfo=timezone.utc)
    assert releases["1.0.0"].published is None
    assert fake_registry.seen == {METADATA: 1, _pom("1.1.0"): 1, _pom("1.2.0"): 1}


def test_a_version_without_pom_or_date_stays_undated(fake_registry: FakeRegistry) -> None:
    _repository(fake_registry)
    fake_registry.add(_pom("1.0.0"), b"", content_type="text/xml")
    history = MavenSource(fake_registry.url).history(NAME, wanted=["1.0.0", "2.0.0-M1"])
    assert {release.version: release.published for release in history.releases} == {
        "1.0.0": None,
        "1.1.0": None,
        "1.2.0": datetime(2024, 1, 15, 9, 30, tzinfo=timezone.utc),
        "2.0.0-M1": None,
    }
    assert fake_registry.seen[_pom("2.0.0-M1")] == 1


def test_namespaced_metadata_and_a_release_missing_from_the_list() -> None:
    document = b"""<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://maven.apache.org/METADATA/1.1.0" modelVersion="1.1.0">
  <groupId>org.example</groupId><artifactId>lib</artifactId>
  <versioning>
    <release>3.0</release>
    <versions><version>1.0</version><version> 2.0 </version><version/></versions>
  </versioning>
</metadata>"""
    history = parse_metadata(document, "org.example:lib", "u")
    assert [release.version for release in history.releases] == ["1.0", "2.0", "3.0"]
    assert history.latest == "3.0"


def test_metadata_without_release_has_no_latest() -> None:
    document = b"<metadata><versioning><versions><version>1.0</version></versions>"
    document += b"</versioning></metadata>"
    assert parse_metadata(document, "org.example:lib", "u").latest is None


def test_unknown_artifact(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct, match="Maven Central has no"):
        MavenSource(fake_registry.url).history("org.example:missing")


@pytest.mark.parametrize("name", ["demo-lib", ":demo-lib", "org.example:", "g:a:jar"])
def test_a_name_that_is_not_group_and_artifact(fake_registry: FakeRegistry, name: str) -> None:
    with pytest.raises(UnknownProduct, match="not a Maven group:artifact name"):
        MavenSource(fake_registry.url).history(name)
    assert not fake_registry.seen


@pytest.mark.parametrize(
    "document",
    [
        b"<html><body>Index of /maven2</body></html>",
        b"<metadata><groupId>org.example.demo</groupId><version>1.0</version></metadata>",
    ],
)
def test_a_document_of_another_shape(fake_registry: FakeRegistry, document: bytes) -> None:
    fake_registry.add(METADATA, document, content_type="text/xml")
    with pytest.raises(SourceUnavailable, match=f"{METADATA} is not Maven artifact metadata"):
        MavenSource(fake_registry.url).history(NAME)


def test_malformed_xml(fake_registry: FakeRegistry) -> None:
    fake_registry.add(METADATA, b"<metadata><versioning><versions>", content_type="text/xml")
    with pytest.raises(SourceUnavailable, match="malformed XML"):
        MavenSource(fake_registry.url).history(NAME)


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE metadata [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b"<metadata><versioning><release>&b;</release></versioning></metadata>",
        b'<!DOCTYPE metadata SYSTEM "http://127.0.0.1:9/evil.dtd">'
        b"<metadata><versioning/></metadata>",
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE m [<!ENTITY x "y">]><m>&x;</m>'.encode(
            "utf-16"
        ),
    ],
)
def test_a_document_type_declaration_is_refused(
    fake_registry: FakeRegistry, document: bytes
) -> None:
    fake_registry.add(METADATA, document, content_type="text/xml")
    with pytest.raises(SourceUnavailable, match="declares a DTD"):
        MavenSource(fake_registry.url).history(NAME)


def test_an_undeclared_entity_is_malformed(fake_registry: FakeRegistry) -> None:
    document = b"<metadata><versioning><release>&lol;</release></versioning></metadata>"
    fake_registry.add(METADATA, document, content_type="text/xml")
    with pytest.raises(SourceUnavailable, match="malformed XML"):
        MavenSource(fake_registry.url).history(NAME)


def test_a_failing_head_request(fake_registry: FakeRegistry) -> None:
    _repository(fake_registry)
    fake_registry.add(_pom("1.2.0"), b"", status=502)
    with pytest.raises(SourceUnavailable, match="answered 502"):
        MavenSource(fake_registry.url).history(NAME)


def test_timeout(fake_registry: FakeRegistry) -> None:
    fake_registry.add(METADATA, b"<metadata/>", content_type="text/xml", delay=0.5)
    with pytest.raises(SourceUnavailable, match="timed out"):
        MavenSource(fake_registry.url, timeout=0.1).history(NAME)


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("Mon, 15 Jan 2024 09:30:00 GMT", datetime(2024, 1, 15, 9, 30, tzinfo=timezone.utc)),
        ("Mon, 15 Jan 2024 10:30:00 +0100", datetime(2024, 1, 15, 9, 30, tzinfo=timezone.utc)),
        ("Mon, 15 Jan 2024 09:30:00 -0000", datetime(2024, 1, 15, 9, 30, tzinfo=timezone.utc)),
        ("last tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_http_dates(value: object, moment: datetime | None) -> None:
    assert http_date(value) == moment
