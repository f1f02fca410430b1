"""Asking the registries about many packages: each document once, several at a time.

Look-ups are keyed by ``(ecosystem, name)``, so a package used by a hundred components of
ten repositories is asked for once per run. They run on a bounded pool of threads (the
shared session is safe for that), and a progress callback hears of each one done.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.packages import PackageHistory, PackageSource

DEFAULT_CONCURRENCY = 8

PackageKey = tuple[str, str]
Progress = Callable[[int, int], None]
LookupResult = PackageHistory | SourceUnavailable | UnknownProduct


def fetch_histories(
    wanted: Mapping[PackageKey, Collection[str]],
    sources: Mapping[str, PackageSource],
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: Progress | None = None,
) -> dict[PackageKey, LookupResult]:
    """The history of every package in ``wanted`` (keyed ``(ecosystem, name)``, with the
    versions to date) from the source of its ecosystem, or the error that source raised.

    Packages of an ecosystem without a source are left out. A client that fails in an
    unexpected way yields a :class:`SourceUnavailable` for that package only.
    ``progress(done, total)`` is called after each look-up, from the calling thread.
    """
    jobs = [(key, versions) for key, versions in wanted.items() if key[0] in sources]
    results: dict[PackageKey, LookupResult] = {}
    total = len(jobs)
    if progress is not None:
        progress(0, total)
    if not jobs:
        return results

    def look_up(key: PackageKey, versions: Collection[str]) -> LookupResult:
        source = sources[key[0]]
        try:
            return source.history(key[1], versions)
        except (SourceUnavailable, UnknownProduct) as error:
            return error
        except Exception as error:  # a client's bug must cost one package, not the run
            return SourceUnavailable(
                f"{source.label}: could not read the answer for {key[1]} "
                f"({type(error).__name__}: {error})"
            )

    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, total))) as pool:
        futures = {pool.submit(look_up, key, versions): key for key, versions in jobs}
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, total)
    return results
