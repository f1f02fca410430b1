"""Path globs as used by manifests, .gitattributes and stackaudit's configuration.

One dialect for all of them, matched case-sensitively against repository-relative POSIX paths:
``*`` and ``?`` never cross a ``/``, ``**`` as a whole segment spans any number of directories
(including none), ``[abc]`` and ``[!abc]`` are character classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def glob_to_regex(pattern: str) -> str:
    """Translate one glob into an anchored regular expression (without ``^``/``$``)."""
    parts: list[str] = []
    segments = pattern.split("/")
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == last:
                parts.append(".*")
            else:
                parts.append("(?:[^/]*/)*")
            continue
        parts.append(_segment_to_regex(segment))
        if index != last:
            parts.append("/")
    return "".join(parts)


def _segment_to_regex(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = segment.find("]", i + 2 if segment[i + 1 : i + 2] in ("!", "^") else i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = segment[i + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\").replace("/", "") + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def compile_globs(
    patterns: Iterable[str], *, descendants: bool = True
) -> re.Pattern[str] | None:
    """Compile globs into one regex matching a path that any of them matches in full.

    A pattern without a ``/`` matches a path's base name at any depth, as in ``.gitignore``; a
    pattern with one is anchored at the root (a leading ``/`` is dropped). With
    ``descendants``, everything below a matched directory matches too. Returns ``None`` for no
    patterns, so callers can skip matching altogether.
    """
    alternatives = []
    for pattern in patterns:
        pattern = pattern.strip()
        if not pattern:
            continue
        if "/" in pattern.rstrip("/"):
            alternatives.append(glob_to_regex(pattern.strip("/")))
        else:
            alternatives.append("(?:.*/)?" + glob_to_regex(pattern.rstrip("/")))
    if not alternatives:
        return None
    tail = r"(?:/.*)?\Z" if descendants else r"\Z"
    return re.compile("(?:" + "|".join(alternatives) + ")" + tail)
