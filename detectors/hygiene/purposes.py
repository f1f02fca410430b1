"""Two libraries for one job in one component: ``duplicate-purpose`` (low).

Read from the direct runtime dependencies of each judged component, per ecosystem (a PHP
back end and its JavaScript front end in one directory are two code bases):

* **ORMs**: packages the technology rules give a technology of category ``orm``
  (SQLAlchemy, SQLModel, Peewee, Prisma, TypeORM, Sequelize, Hibernate, MyBatis, Entity
  Framework, Dapper, GORM, Diesel, Ecto…), counted once per technology.
* **HTTP clients**: the packages of :data:`HTTP_CLIENTS`, per ecosystem.

A library that another one in the component is built on is not counted beside it
(:data:`BUILT_ON`: SQLModel on SQLAlchemy, Requests on urllib3, Retrofit on OkHttp, Faraday
on its adapters, Req on Finch), as declaring both is how the pair is used.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from detectors.hygiene.records import finding, judged
from detectors.technologies.rules import rule_table
from scanner.detector import Findings
from scanner.ecosystems import normalize_name
from scanner.model import Dependency, Ecosystem, Finding, Scope, Severity

_HTTP_CLIENT_NAMES: dict[str, dict[str, str]] = {
    Ecosystem.PYPI: {
        "requests": "Requests", "httpx": "HTTPX", "aiohttp": "aiohttp", "urllib3": "urllib3",
        "httplib2": "httplib2", "pycurl": "PycURL",
    },
    Ecosystem.NPM: {
        "axios": "Axios", "got": "Got", "node-fetch": "node-fetch", "superagent": "SuperAgent",
        "ky": "ky", "request": "request", "undici": "undici", "cross-fetch": "cross-fetch",
    },
    Ecosystem.MAVEN: {
        "com.squareup.okhttp3:okhttp": "OkHttp", "com.squareup.okhttp:okhttp": "OkHttp 2",
        "com.squareup.retrofit2:retrofit": "Retrofit",
        "org.apache.httpcomponents:httpclient": "Apache HttpClient 4",
        "org.apache.httpcomponents.client5:httpclient5": "Apache HttpClient 5",
        "org.asynchttpclient:async-http-client": "AsyncHttpClient",
    },
    Ecosystem.GEM: {
        "faraday": "Faraday", "httparty": "HTTParty", "rest-client": "rest-client",
        "http": "http.rb", "excon": "Excon", "typhoeus": "Typhoeus",
    },
    Ecosystem.COMPOSER: {
        "guzzlehttp/guzzle": "Guzzle", "symfony/http-client": "Symfony HttpClient",
    },
    Ecosystem.CARGO: {"reqwest": "reqwest", "ureq": "ureq", "surf": "surf", "isahc": "isahc"},
    Ecosystem.GOLANG: {"github.com/go-resty/resty/v2": "Resty", "github.com/imroc/req/v3": "req"},
    Ecosystem.NUGET: {"restsharp": "RestSharp", "flurl.http": "Flurl.Http", "refit": "Refit"},
    Ecosystem.HEX: {"httpoison": "HTTPoison", "tesla": "Tesla", "req": "Req", "finch": "Finch"},
}  # fmt: skip
HTTP_CLIENTS: dict[tuple[str, str], str] = {
    (ecosystem, normalize_name(ecosystem, name)): shown
    for ecosystem, names in _HTTP_CLIENT_NAMES.items()
    for name, shown in names.items()
}
"""HTTP client libraries, ``(ecosystem, package)`` to display name."""
BUILT_ON: dict[str, frozenset[str]] = {
    "sqlmodel": frozenset({"sqlalchemy"}),
    "pypi:requests": frozenset({"pypi:urllib3"}),
    "maven:com.squareup.retrofit2:retrofit": frozenset({"maven:com.squareup.okhttp3:okhttp"}),
    "gem:faraday": frozenset({"gem:excon", "gem:typhoeus"}),
    "hex:req": frozenset({"hex:finch"}),
}
"""A library (a technology key, or ``ecosystem:package``) to those it is built on."""

PURPOSES = {"orm": "ORMs", "http-client": "HTTP clients"}


@dataclass(frozen=True, slots=True)
class _Library:
    """A library serving a purpose: its key (see :data:`BUILT_ON`), name and dependency."""

    key: str
    name: str
    dependency: Dependency


def purpose_findings(findings: Findings) -> Iterator[Finding]:
    """``duplicate-purpose`` for every judged component with two ORMs or two HTTP clients
    of one ecosystem; the subject is ``ecosystem/purpose`` (``pypi/http-client``)."""
    found: dict[tuple[str, str, str], dict[str, _Library]] = {}
    for dependency in findings.dependencies:
        component = dependency.component or "."
        if dependency.direct and dependency.scope == Scope.RUNTIME and judged(component):
            for purpose, library in _purposes(dependency):
                key = (component, dependency.ecosystem, purpose)
                found.setdefault(key, {}).setdefault(library.key, library)
    for (component, ecosystem, purpose), libraries in sorted(found.items()):
        kept = _without_foundations(libraries)
        if len(kept) > 1:
            yield _duplicate(findings, component, ecosystem, purpose, kept)


def _purposes(dependency: Dependency) -> Iterator[tuple[str, _Library]]:
    for claim in rule_table().claims(f"{dependency.ecosystem}:{dependency.name}"):
        if claim.rule.category == "orm":
            yield "orm", _Library(claim.rule.key, claim.rule.name, dependency)
            break
    shown = HTTP_CLIENTS.get((dependency.ecosystem, dependency.name))
    if shown is not None:
        key = f"{dependency.ecosystem}:{dependency.name}"
        yield "http-client", _Library(key, shown, dependency)


def _without_foundations(libraries: Mapping[str, _Library]) -> list[_Library]:
    under = {base for key in libraries for base in BUILT_ON.get(key, ())}
    return [library for key, library in sorted(libraries.items()) if key not in under]


def _duplicate(
    findings: Findings, component: str, ecosystem: str, purpose: str, libraries: list[_Library]
) -> Finding:
    names = ", ".join(library.name for library in libraries)
    return finding(
        "duplicate-purpose",
        Severity.LOW,
        f"{ecosystem}/{purpose}",
        component,
        title=f"{len(libraries)} {PURPOSES[purpose]} in one component: {names}",
        facts=[("purpose", PURPOSES[purpose]), ("libraries", names)]
        + [
            (library.name, f"{library.dependency.ecosystem}/{library.dependency.name}")
            for library in libraries
        ],
        evidence=[
            findings.evidence(
                f"{library.dependency.name}: {library.name}",
                library.dependency.evidence[0].path,
                library.dependency.evidence[0].line,
            )
            for library in libraries
            if library.dependency.evidence
        ],
        advice=(
            f"Settle on one of the {PURPOSES[purpose]} and migrate the rest of the code to it: "
            "two libraries for one job mean two sets of behaviour, configuration and upgrades "
            "to learn and keep secure."
        ),
    )
