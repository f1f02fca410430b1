"""Finding, loading and selecting plugins through entry points.

Built-in detectors and reporters are registered in stackaudit's own ``pyproject.toml`` under
the same entry-point groups a third-party package uses, so there is one path for all of them.
Three steps, each with its own failure: *find* the entry points of a group, *load* each (a
plugin that fails to import is named with the original exception), *check* that what was loaded
is a subclass of the group's base class carrying the entry point's name.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from importlib.metadata import EntryPoint, entry_points
from typing import TypeVar, cast

from scanner.errors import PluginError

DETECTOR_GROUP = "stackaudit.detectors"
REPORTER_GROUP = "stackaudit.reporters"

PluginT = TypeVar("PluginT", bound=type)


def find_entry_points(group: str) -> list[EntryPoint]:
    """The entry points registered in ``group``, sorted by name; duplicates are an error."""
    found = sorted(entry_points(group=group), key=lambda point: point.name)
    names = [point.name for point in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise PluginError(f"{group}: several plugins registered as {', '.join(duplicates)}")
    return found


def load_plugins(
    group: str, base: PluginT, only: Collection[str] | None = None
) -> dict[str, PluginT]:
    """Load the plugins of ``group`` (those named in ``only``, or all) and check them.

    Raises :class:`PluginError` for a name in ``only`` that is not registered, and naming the
    first plugin that cannot be imported or is not a ``base`` subclass named as registered.
    """
    points = find_entry_points(group)
    if only is not None:
        registered = {point.name for point in points}
        missing = sorted(set(only) - registered)
        if missing:
            raise PluginError(
                f"unknown {group.rpartition('.')[2][:-1]} {', '.join(missing)}; "
                f"available: {', '.join(sorted(registered))}"
            )
        points = [point for point in points if point.name in only]
    plugins: dict[str, PluginT] = {}
    for point in points:
        try:
            loaded = point.load()
        except Exception as error:
            raise PluginError(
                f"plugin {point.name!r} ({point.value}) in {group} failed to load: "
                f"{type(error).__name__}: {error}"
            ) from error
        if not (isinstance(loaded, type) and issubclass(loaded, base)):
            raise PluginError(
                f"plugin {point.name!r} ({point.value}) in {group} is not a {base.__name__}"
            )
        declared = getattr(loaded, "name", None)
        if declared != point.name:
            raise PluginError(
                f"plugin {point.name!r} ({point.value}) in {group} calls itself {declared!r}; "
                "the entry point name and the class's name must be the same"
            )
        plugins[point.name] = cast(PluginT, loaded)
    if not plugins and only is None:
        raise PluginError(f"no plugins registered in {group}: is stackaudit installed?")
    return plugins


def select_plugins(
    available: dict[str, PluginT], include: Sequence[str], exclude: Sequence[str]
) -> list[PluginT]:
    """The plugins chosen by name or tag: all when ``include`` is empty, less ``exclude``.

    A word that is neither a plugin name nor a tag is an error listing what there is.
    """
    tags: dict[str, set[str]] = {}
    for name, plugin in available.items():
        for tag in getattr(plugin, "tags", ()):
            tags.setdefault(tag, set()).add(name)

    def expand(words: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        for word in words:
            if word in available:
                chosen.add(word)
            elif word in tags:
                chosen |= tags[word]
            else:
                raise PluginError(
                    f"unknown detector or tag {word!r}; detectors: "
                    f"{', '.join(sorted(available))}; tags: {', '.join(sorted(tags))}"
                )
        return chosen

    chosen = expand(include) if include else set(available)
    chosen -= expand(exclude)
    return [available[name] for name in sorted(chosen)]
