"""Maven repositories (Maven Central and any repository with the Maven 2 layout).

``{base}/{group, dots as slashes}/{artifact}/maven-metadata.xml`` is the artifact's
repository metadata: ``versioning/release`` (the last release deployed: the repository's
"latest"), ``versioning/latest`` (snapshots included, kept up to date for plugins only, so
not used), ``versioning/versions/version`` and ``versioning/lastUpdated`` (of the file, not
of any version). The metadata dates nothing, so a version is dated by the ``Last-Modified``
header of a HEAD request for its POM, ``{artifact}/{version}/{artifact}-{version}.pom``:
only the versions asked for and the latest are (``dated=False``).

The metadata is untrusted input: a document with a DTD (the way to entity expansion
attacks and external entities) is refused before it is parsed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import quote
from xml.etree import ElementTree

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource

DEFAULT_BASE_URL = "https://repo1.maven.org/maven2"
LABEL = "Maven Central"


class MavenSource(RegistrySource):
    """A Maven repository at ``base_url``, for packages named ``group:artifact``.

    ``session`` is the run's :class:`requests.Session` (a plain one with stackaudit's
    User-Agent when none is given). One :meth:`history` fetches the metadata once and sends
    one HEAD request per version it dates, never two for the same version.
    """

    ecosystem = "maven"
    label = LABEL

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The artifact's versions, dating those in ``wanted`` that it lists and its
        ``<release>``. Raises :class:`UnknownProduct` for a name that is not
        ``group:artifact`` or that the repository does not have."""
        artifact_url = self._artifact_url(name)
        url = f"{artifact_url}/maven-metadata.xml"
        history = parse_metadata(self.client.get(url).content, name, url, self.label)
        listed = {release.version for release in history.releases}
        targets = [v for v in dict.fromkeys([*wanted, history.latest]) if v and v in listed]
        published = {version: self._published(artifact_url, version) for version in targets}
        return with_published(history, published)

    def _artifact_url(self, name: str) -> str:
        group, _, artifact = name.partition(":")
        if not group or not artifact or ":" in artifact:
            raise UnknownProduct(f"{self.label}: {name!r} is not a Maven group:artifact name")
        segments = [*group.split("."), artifact]
        return "/".join([self.base_url, *(quote(segment, safe="") for segment in segments)])

    def _published(self, artifact_url: str, version: str) -> datetime | None:
        """The ``Last-Modified`` time of the version's POM; ``None`` when the repository
        has no POM for it or does not say when it was written."""
        artifact = artifact_url.rsplit("/", 1)[1]
        escaped = quote(version, safe="")
        try:
            response = self.client.head(f"{artifact_url}/{escaped}/{artifact}-{escaped}.pom")
        except UnknownProduct:
            return None
        return http_date(response.headers.get("Last-Modified"))


def parse_metadata(document: bytes, name: str, url: str, label: str = LABEL) -> PackageHistory:
    """A :class:`PackageHistory` (no release dated) from an artifact's
    ``maven-metadata.xml``; :class:`SourceUnavailable` naming ``url`` when the document is
    not XML, declares a DTD, or is not artifact metadata (no ``<versioning>``)."""
    root = _parse_xml(document, url, label)
    versioning = _child(root, "versioning") if _local(root.tag) == "metadata" else None
    if versioning is None:
        raise SourceUnavailable(f"{label}: {url} is not Maven artifact metadata")
    versions_element = _child(versioning, "versions")
    versions = [
        text
        for element in (versions_element if versions_element is not None else ())
        if _local(element.tag) == "version" and (text := (element.text or "").strip())
    ]
    release = _child(versioning, "release")
    latest = ((release.text or "").strip() or None) if release is not None else None
    if latest is not None and latest not in versions:
        versions.append(latest)
    return PackageHistory(
        ecosystem="maven",
        name=name,
        releases=tuple(Release(version) for version in dict.fromkeys(versions)),
        source=label,
        url=url,
        latest=latest,
        dated=False,
    )


def with_published(
    history: PackageHistory, published: Mapping[str, datetime | None]
) -> PackageHistory:
    """``history`` with the publication times in ``published`` set on its releases."""
    releases = tuple(
        replace(release, published=published[release.version])
        if release.version in published
        else release
        for release in history.releases
    )
    return replace(history, releases=releases)


def http_date(value: object) -> datetime | None:
    """An HTTP date (``Wed, 21 Oct 2015 07:28:00 GMT``) in UTC, or ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:  # Python 3.10 answers None for some unreadable dates
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _parse_xml(document: bytes, url: str, label: str) -> ElementTree.Element:
    """The root of ``document``, refusing any DTD before ElementTree sees the document."""
    from xml.parsers import expat

    class _Refused(Exception):
        pass

    def refuse(*_: object) -> None:
        raise _Refused

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = refuse
    scanner.EntityDeclHandler = refuse
    try:
        scanner.Parse(document, True)
    except _Refused:
        raise SourceUnavailable(f"{label}: {url} declares a DTD; refused") from None
    except expat.ExpatError as error:
        raise SourceUnavailable(f"{label} sent malformed XML for {url} ({error})") from error
    try:
        return ElementTree.fromstring(document)
    except ElementTree.ParseError as error:
        raise SourceUnavailable(f"{label} sent malformed XML for {url} ({error})") from error


def _local(tag: str) -> str:
    """A tag without its namespace (older metadata declares the METADATA/1.1.0 one)."""
    return tag.rsplit("}", 1)[-1]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((child for child in element if _local(child.tag) == name), None)
