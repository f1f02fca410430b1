"""PyPI (or any index pip can use) through the Simple repository API.

``GET {index}/{normalised name}/`` asking for the JSON form (PEP 691) and accepting the HTML
form (PEP 503) from indexes that serve only that. ``pypi-simple`` parses both: distribution
file names into versions, upload times (PEP 700), yanked flags and reasons (PEP 592), and
the project status (PEP 792: archived, deprecated, quarantined). A version is yanked when
every file of it is; its publication time is its first upload. An HTML-only index gives no
upload times, so its releases come undated.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timezone
from typing import Any

from scanner.ecosystems import normalize_name
from scanner.errors import SourceUnavailable
from scanner.releases.fetch import DEFAULT_TIMEOUT
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource


class PyPISource(RegistrySource):
    """A Simple-API index at ``base_url`` (pip's ``index-url``), kept with one trailing
    slash. ``accept`` is ``pypi-simple``'s ``ACCEPT_JSON_PREFERRED``, set when a source is
    made (``pypi-simple`` is slow to import, so only a run that asks PyPI imports it)."""

    ecosystem = "pypi"
    label = "PyPI"

    def __init__(self, base_url: str, session: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
        from pypi_simple import ACCEPT_JSON_PREFERRED

        self.accept = ACCEPT_JSON_PREFERRED
        super().__init__(base_url, session, timeout)
        self.base_url += "/"

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The project's releases; every release is dated in the one page (JSON form)."""
        project = normalize_name(self.ecosystem, name)
        url = f"{self.base_url}{project}/"
        response = self.client.get(url)
        return parse_project_page(response, project, url, self.label)


def parse_project_page(response: Any, project: str, url: str, label: str) -> PackageHistory:
    """A :class:`PackageHistory` from a Simple-API response (JSON or HTML);
    :class:`SourceUnavailable` naming ``url`` when it is neither."""
    from pydantic import ValidationError
    from pypi_simple import ProjectPage
    from pypi_simple.errors import UnsupportedContentTypeError, UnsupportedRepoVersionError

    try:
        page = ProjectPage.from_response(response, project)
    except (ValidationError, UnsupportedContentTypeError, UnsupportedRepoVersionError) as error:
        reason = str(error).splitlines()[0]
        raise SourceUnavailable(f"{label}: {url} is not a project page ({reason})") from error
    except ValueError as error:
        raise SourceUnavailable(f"{label} sent malformed JSON for {url}") from error
    return PackageHistory(
        ecosystem="pypi",
        name=project,
        releases=_releases(page.packages),
        source=label,
        url=url,
        status=_status(page),
        dated=all(package.upload_time is not None for package in page.packages),
    )


def _releases(packages: Collection[Any]) -> tuple[Release, ...]:
    files: dict[str, list[Any]] = {}
    for package in packages:
        if package.version:
            files.setdefault(package.version, []).append(package)
    releases = []
    for version, group in files.items():
        times = [_utc(package.upload_time) for package in group if package.upload_time]
        yanked = all(package.is_yanked for package in group)
        requires = next((p.requires_python for p in group if p.requires_python), None)
        releases.append(
            Release(
                version=version,
                published=min(times) if times else None,
                yanked=yanked,
                yanked_reason=next((p.yanked_reason for p in group if p.yanked_reason), None)
                if yanked
                else None,
                requires=(("python", requires),) if requires else (),
            )
        )
    return tuple(releases)


def _status(page: Any) -> str | None:
    status = getattr(page, "status", None)
    if status is None or str(getattr(status, "value", status)) == "active":
        return None
    text = str(getattr(status, "value", status))
    reason = getattr(page, "status_reason", None)
    return f"{text}: {reason}" if reason else text


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
