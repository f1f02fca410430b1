"""Go modules through a module proxy (the GOPROXY protocol, go.dev/ref/mod#goproxy-protocol).

For a module path (upper-case letters escaped as ``!`` and the lower-case letter, in
versions too):

* ``{proxy}/{module}/@v/list``: the tagged versions, one per line, no pseudo-versions and
  no dates;
* ``{proxy}/{module}/@v/{version}.info``: ``{"Version": ..., "Time": ...}``, ``Time`` an
  RFC 3339 commit time (optional);
* ``{proxy}/{module}/@latest``: the same for the version the go command should use when the
  list has none that suits (optional: a proxy may answer 404 or 410);
* ``{proxy}/{module}/@v/{version}.mod``: that version's go.mod file.

Dating every version would cost one request each, so only the versions asked for and the
latest one are dated (``dated=False``). Deprecation and retractions are read, as the go
command reads them, from the go.mod of the latest version: a ``// Deprecated:`` paragraph
in the comments of the ``module`` directive, and ``retract`` directives (one version or an
inclusive ``[low, high]`` interval) with the comments on them as the rationale.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://proxy.golang.org"
LABEL = "Go module proxy"
# The longest deprecation message or retraction rationale reported, as the go command does.
MAX_MESSAGE = 500

_SEMVER = re.compile(
    r"v(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
# golang.org/x/mod/module's pseudo-version pattern.
_PSEUDO = re.compile(
    r"v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
)
_DEPRECATED = re.compile(r"(?:^|\n\n)Deprecated: *(.*?)(?:$|\n\n)", re.DOTALL)
_INTERVAL = re.compile(r"\[\s*([^\s,\]]+)\s*,\s*([^\s,\]]+)\s*\]")


@dataclass(frozen=True, slots=True)
class Retraction:
    """Versions ``low`` to ``high`` (both included; equal for one version) withdrawn by a
    ``retract`` directive, with the first line of its rationale (``None`` when none)."""

    low: str
    high: str
    rationale: str | None = None

    def covers(self, version: str) -> bool:
        """Whether ``version`` lies in the interval (``False`` when it is not semver)."""
        key, low, high = _semver_key(version), _semver_key(self.low), _semver_key(self.high)
        if key is None or low is None or high is None:
            return False
        return low <= key <= high


@dataclass(frozen=True, slots=True)
class GoModNotes:
    """What a go.mod file says about its module's versions: the deprecation message of the
    ``module`` directive (``None``: not deprecated; ``""``: deprecated without a message)
    and the retractions."""

    deprecated: str | None = None
    retractions: tuple[Retraction, ...] = ()


class GoProxySource(RegistrySource):
    """A Go module proxy at ``base_url`` (see :func:`proxy_from_goproxy` for GOPROXY).

    ``session`` is the run's :class:`requests.Session` (a plain one with stackaudit's
    User-Agent when none is given). One :meth:`history` asks for the version list, the
    latest version, its go.mod and one ``.info`` per other version asked for, never the
    same document twice.
    """

    ecosystem = "golang"
    label = LABEL

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The module's tagged releases, dating those in ``wanted`` and the latest.

        A pseudo-version in ``wanted`` is dated (and listed) too; any other version the
        proxy does not list is left out without a request. Raises :class:`UnknownProduct`
        when the proxy knows no version of the module.
        """
        module_url = f"{self.base_url}/{escape_path(name)}"
        list_url = f"{module_url}/@v/list"
        listed = parse_version_list(_text(self.client.get(list_url)), list_url)
        latest_url = f"{module_url}/@latest"
        latest: str | None
        try:
            latest_info: object = self.client.get_json(latest_url)
            latest = parse_info(latest_info, latest_url)[0]
        except UnknownProduct:  # @latest is optional in the protocol
            latest_info, latest = None, newest(listed)
        if latest is None:
            raise UnknownProduct(f"{self.label} lists no version of {name}")
        mod_url = _version_url(module_url, latest, "mod")
        try:
            go_mod: str | None = _text(self.client.get(mod_url))
        except UnknownProduct:  # listed without its go.mod: it says nothing, then
            go_mod = None
        known = set(listed)
        infos: dict[str, object] = {}
        for version in dict.fromkeys([*wanted, latest]):
            dated_by_latest = version == latest and latest_info is not None
            if dated_by_latest or not (version in known or is_pseudo_version(version)):
                continue
            try:
                infos[version] = self.client.get_json(_version_url(module_url, version, "info"))
            except UnknownProduct:
                continue  # unknown there: a pseudo-version stays out, a listed one undated
        return parse_module(
            name,
            module_url,
            version_list=listed,
            latest=latest,
            latest_info=latest_info,
            infos=infos,
            go_mod=go_mod,
            label=self.label,
        )


def parse_module(
    name: str,
    url: str,
    *,
    version_list: Collection[str],
    latest: str,
    latest_info: object = None,
    infos: Mapping[str, object] | None = None,
    go_mod: str | None = None,
    label: str = LABEL,
) -> PackageHistory:
    """A :class:`PackageHistory` from a module's documents: the listed versions (see
    :func:`parse_version_list`), the ``latest`` version with its ``@latest`` document if
    there was one, ``.info`` documents by the version they were asked for, and the latest
    version's go.mod. Raises :class:`SourceUnavailable` naming ``url`` when an ``.info``
    document is not one."""
    published: dict[str, datetime | None] = {}
    for version, info in (infos or {}).items():
        published[version] = parse_info(info, f"{url}/@v/{version}.info")[1]
    if latest_info is not None:
        published[latest] = parse_info(latest_info, f"{url}/@latest")[1]
    notes = parse_go_mod(go_mod) if go_mod is not None else GoModNotes()
    versions = dict.fromkeys([*version_list, *published, latest])
    releases = tuple(
        _release(version, published.get(version), notes.retractions) for version in versions
    )
    status = None
    if notes.deprecated is not None:
        status = f"deprecated: {notes.deprecated}" if notes.deprecated else "deprecated"
    return PackageHistory(
        ecosystem="golang",
        name=name,
        releases=releases,
        source=label,
        url=url,
        latest=latest,
        status=status,
        dated=False,
    )


def _release(
    version: str, published: datetime | None, retractions: Collection[Retraction]
) -> Release:
    retraction = next((r for r in retractions if r.covers(version)), None)
    return Release(
        version=version,
        published=published,
        yanked=retraction is not None,
        yanked_reason=retraction.rationale if retraction else None,
    )


def parse_version_list(text: str, url: str) -> tuple[str, ...]:
    """The versions of an ``@v/list`` answer, in its order; :class:`SourceUnavailable`
    naming ``url`` when a line does not start with a version."""
    versions = []
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        if _SEMVER.fullmatch(fields[0]) is None:
            raise SourceUnavailable(f"{LABEL}: {url} is not a version list")
        versions.append(fields[0])
    return tuple(dict.fromkeys(versions))


def parse_info(document: object, url: str) -> tuple[str, datetime | None]:
    """The version and commit time of an ``.info`` (or ``@latest``) document;
    :class:`SourceUnavailable` naming ``url`` when it has no ``Version``."""
    version = document.get("Version") if isinstance(document, dict) else None
    if not isinstance(version, str) or _SEMVER.fullmatch(version) is None:
        raise SourceUnavailable(f"{LABEL}: {url} is not a version info document")
    return version, parse_timestamp(document.get("Time") if isinstance(document, dict) else None)


def parse_go_mod(text: str) -> GoModNotes:
    """The deprecation and retractions of a go.mod file.

    Comments belong to a directive as the go command attaches them: the comment lines
    right above it (a blank line ends them) and the one after it on its line; a directive
    inside a ``retract (...)`` block without comments of its own takes the block's.
    Unknown or malformed lines are skipped, as they say nothing about versions.
    """
    deprecated: str | None = None
    retractions: list[Retraction] = []
    for verb, argument, comments in _directives(text):
        if verb == "module" and deprecated is None:
            match = _DEPRECATED.search("\n".join(comments))
            if match is not None:
                deprecated = _clean(match.group(1))
        elif verb == "retract":
            interval = _INTERVAL.fullmatch(argument)
            low, high = interval.groups() if interval else (argument, argument)
            low, high = _unquote(low), _unquote(high)
            if _semver_key(low) is None or _semver_key(high) is None:
                continue
            first_line = "\n".join(comments).strip().split("\n", 1)[0]
            retractions.append(Retraction(low, high, _clean(first_line) or None))
    return GoModNotes(deprecated, tuple(retractions))


def _directives(text: str) -> Iterator[tuple[str, str, list[str]]]:
    """``(verb, argument, comment lines)`` for each directive of a go.mod file."""
    above: list[str] = []
    block: tuple[str, list[str]] | None = None
    for raw in text.splitlines():
        code, comment = _split_comment(raw)
        if not code:
            above = [*above, comment] if comment is not None else []
            continue
        own = [*above, comment] if comment is not None else above
        above = []
        if block is not None:
            if code == ")":
                block = None
                continue
            verb, comments = block
            yield verb, code, own or comments
            continue
        verb, *rest = code.split(None, 1)
        argument = rest[0].strip() if rest else ""
        if argument == "(":
            block = (verb, own)
            continue
        yield verb, argument, own


def _split_comment(line: str) -> tuple[str, str | None]:
    """A go.mod line's code (stripped) and its ``//`` comment text (``None``: none)."""
    quote_char: str | None = None
    index = 0
    while index < len(line):
        char = line[index]
        if quote_char is not None:
            if char == "\\" and quote_char == '"':
                index += 1
            elif char == quote_char:
                quote_char = None
        elif char in '"`':
            quote_char = char
        elif line.startswith("//", index):
            return line[:index].strip(), line[index + 2 :].strip()
        index += 1
    return line.strip(), None


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in '"`':
        return token[1:-1]
    return token


def _clean(message: str) -> str:
    """A module author's message made safe to print on one line: control characters and
    runs of white space become one space, and it is cut at :data:`MAX_MESSAGE` characters."""
    printable = " ".join("".join(c if c.isprintable() else " " for c in message).split())
    return printable if len(printable) <= MAX_MESSAGE else printable[: MAX_MESSAGE - 1] + "…"


def newest(versions: Collection[str]) -> str | None:
    """The highest release among ``versions``, or the highest pre-release when there is no
    release (the go command's choice from a version list); ``None`` when none is semver."""
    keyed = [(key, version) for version in versions if (key := _semver_key(version))]
    releases = [item for item in keyed if item[0][3] == 1]
    chosen = max(releases or keyed, default=None, key=lambda item: item[0])
    return chosen[1] if chosen else None


def _semver_key(version: str) -> tuple[Any, ...] | None:
    """A sort key ordering Go versions as semantic versions (build metadata ignored)."""
    match = _SEMVER.fullmatch(version)
    if match is None:
        return None
    major, minor, patch = (int(part or 0) for part in match.group(1, 2, 3))
    prerelease = match.group(4)
    if prerelease is None:
        return (major, minor, patch, 1, ())
    identifiers = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in prerelease.split(".")
    )
    return (major, minor, patch, 0, identifiers)


def is_pseudo_version(version: str) -> bool:
    """Whether ``version`` is a pseudo-version (``v0.0.0-20191109021931-daa7c04131f5``)."""
    return _PSEUDO.fullmatch(version) is not None


def escape_path(path: str) -> str:
    """A module path as the proxy protocol writes it in URLs: each upper-case letter as
    ``!`` and its lower case (``github.com/Azure/x`` is ``github.com/!azure/x``)."""
    escaped = re.sub(r"[A-Z]", lambda match: "!" + match.group().lower(), path)
    return quote(escaped, safe="/!~")


def _version_url(module_url: str, version: str, kind: str) -> str:
    escaped = re.sub(r"[A-Z]", lambda match: "!" + match.group().lower(), version)
    return f"{module_url}/@v/{quote(escaped, safe='!+~')}.{kind}"


def _text(response: Any) -> str:
    return bytes(response.content).decode("utf-8", errors="replace")


def proxy_from_goproxy(value: str) -> str | None:
    """The first module proxy of a GOPROXY value an HTTP client can use, or ``None``.

    Entries are separated by ``,`` or ``|``; ``direct`` (the origin repositories) and
    ``file://`` proxies are skipped; ``off`` before any usable proxy means none may be
    asked. As the go command does, an entry without a scheme is an HTTPS URL.
    """
    for entry in re.split(r"[,|]", value):
        entry = entry.strip()
        if entry == "off":
            return None
        if not entry or entry == "direct":
            continue
        if ":/" not in entry:
            if entry.startswith("/") or "\\" in entry or not any(c in entry for c in ".:/"):
                continue  # a file path, or a keyword this client does not know
            entry = f"https://{entry}"
        if entry.startswith(("https://", "http://")):
            return entry.rstrip("/")
    return None
