"""The endoflife.date API v1: a product's release cycles with their support dates.

``GET {base}/api/v1/products/{product}`` answers ``{"schema_version", "generated_at",
"last_modified", "result": {"name", "label", "releases": [...]}}`` (see the OpenAPI spec the
site publishes). The base URL is configuration, so that tests and mirrors can point it
elsewhere; nothing else about the service is assumed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.cycles import Milestone, Product, ReleaseCycle
from scanner.releases.fetch import SourceClient

DEFAULT_BASE_URL = "https://endoflife.date"
DEFAULT_TIMEOUT = 10.0


class EndOfLifeSource:
    """Reads products from the endoflife.date API at ``base_url``.

    ``session`` is a :class:`requests.Session` (the caller's, so that caching and retries are
    decided in one place); a plain one is made when none is given.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        session: Any | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = SourceClient("endoflife.date", session, timeout)

    def product(self, name: str) -> Product:
        """The product ``name`` with its cycles.

        Raises :class:`UnknownProduct` when the service has no such product, and
        :class:`SourceUnavailable` (saying why) when it cannot be reached or answers with
        something that is not a product document.
        """
        url = f"{self.base_url}/api/v1/products/{name}"
        try:
            document = self.client.get_json(url)
        except UnknownProduct as error:
            raise UnknownProduct(f"endoflife.date has no product {name!r}") from error
        return parse_product(document, url)

    def purl_products(self) -> dict[str, str]:
        """Package URLs (without version) mapped to the product they belong to, from the
        identifiers endpoint; :class:`SourceUnavailable` when it cannot be had."""
        url = f"{self.base_url}/api/v1/identifiers/purl"
        try:
            document = self.client.get_json(url)
        except UnknownProduct as error:
            raise SourceUnavailable(f"endoflife.date has no purl identifiers at {url}") from error
        result = document.get("result") if isinstance(document, dict) else None
        if not isinstance(result, list):
            raise SourceUnavailable(f"{url}: not an endoflife.date identifier list")
        products: dict[str, str] = {}
        for entry in result:
            if not isinstance(entry, dict) or not isinstance(entry.get("product"), dict):
                continue
            identifier, product = entry.get("identifier"), entry["product"].get("name")
            if isinstance(identifier, str) and isinstance(product, str):
                products[identifier.lower()] = product
        return products


def parse_product(document: object, where: str = "endoflife.date") -> Product:
    """A product from an API v1 product document; :class:`SourceUnavailable` naming
    ``where`` when the document does not have that shape."""
    result = document.get("result") if isinstance(document, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("releases"), list):
        raise SourceUnavailable(f"{where}: not an endoflife.date product document")
    try:
        cycles = tuple(_cycle(release) for release in result["releases"])
    except (KeyError, TypeError, ValueError) as error:
        raise SourceUnavailable(f"{where}: unreadable release cycle ({error})") from error
    name = str(result.get("name", ""))
    return Product(name=name, label=str(result.get("label") or name), cycles=cycles)


def _cycle(release: dict[str, Any]) -> ReleaseCycle:
    latest = release.get("latest") if isinstance(release.get("latest"), dict) else None
    return ReleaseCycle(
        name=str(release["name"]),
        release_date=_date(release.get("releaseDate")),
        end_of_life=_milestone(release, "isEol", "eolFrom"),
        active_support=_milestone(release, "isEoas", "eoasFrom"),
        extended_support=_milestone(release, "isEoes", "eoesFrom"),
        lts=bool(release.get("isLts")),
        latest=str(latest["name"]) if latest and latest.get("name") else None,
        latest_date=_date(latest.get("date")) if latest else None,
        requires=_requirements(release.get("custom")),
    )


# The custom fields endoflife.date products use for the runtime a cycle needs, by the
# runtime's technology key.
_RUNTIME_FIELDS = {
    "python": ("supportedPythonVersions", "pythonVersions", "pythonVersion"),
    "java": ("supportedJavaVersions", "minJavaVersion", "javaVersion", "minJvmVersion"),
    "nodejs": ("nodeVersion",),
    "php": ("supportedPHPVersions", "supportedPhpVersions"),
    "ruby": ("minRubyVersion", "supportedRubyVersion"),
    "dotnet": ("dotnetVersion",),
}
_VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _requirements(custom: object) -> tuple[tuple[str, str], ...]:
    """``(runtime, oldest version)`` from a cycle's custom fields (``"3.10 - 3.13"``,
    ``"17+"``, ``"8.1, 8.2"``): the lowest version each field names."""
    if not isinstance(custom, dict):
        return ()
    found = []
    for runtime, fields in _RUNTIME_FIELDS.items():
        for name in fields:
            value = custom.get(name)
            numbers = _VERSION_NUMBER.findall(value) if isinstance(value, str) else []
            if numbers:
                lowest = min(numbers, key=lambda text: tuple(int(p) for p in text.split(".")))
                found.append((runtime, lowest))
                break
    return tuple(found)


def _milestone(release: dict[str, Any], flag: str, on: str) -> Milestone:
    passed = release.get(flag)
    return Milestone(on=_date(release.get(on)), passed=passed if isinstance(passed, bool) else None)


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None
