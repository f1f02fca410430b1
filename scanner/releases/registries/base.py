"""What every registry client is made of: where it asks, and the client it asks through.

:class:`RegistrySource` keeps the part of :class:`~scanner.releases.packages.PackageSource`
that all registries share: ``base_url`` (as given, less any trailing slash) and the
:class:`~scanner.releases.fetch.SourceClient` built from the class's ``label`` and ``accept``
and the run's session and timeout. Each registry module subclasses it, names its
``ecosystem`` and ``label`` (and ``accept`` when it sends one), and writes ``history`` itself.
"""

from __future__ import annotations

from typing import Any

from scanner.releases.fetch import DEFAULT_TIMEOUT, SourceClient


class RegistrySource:
    """A registry at ``base_url``, asked through ``session`` (the run's
    :class:`requests.Session`; a plain one with stackaudit's User-Agent when ``None``) with
    ``timeout``.

    Subclasses set the class attributes: ``ecosystem`` (the Package URL type served),
    ``label`` (the registry's name for people, in every message) and ``accept`` (the
    ``Accept`` header every request sends; ``None`` sends none). A subclass that needs more
    (constructor arguments of its own, state, other headers, an ``explain`` callback for
    its client, another form of ``base_url``) extends ``__init__``: it calls
    ``super().__init__(base_url, session, timeout)``, then sets what it adds, or sets an
    instance's ``accept`` before that call when the value is known only then.
    """

    ecosystem: str
    label: str
    accept: str | None = None

    def __init__(
        self, base_url: str, session: Any = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Accept": self.accept} if self.accept is not None else None
        self.client = SourceClient(self.label, session, timeout, headers=headers)
