"""The roadmap draft as Markdown for GitHub: the plan table, a section per initiative, a
Mermaid Gantt chart and dependency graph, and the debt catalog.

Text from the roadmap reaches three places, each escaped its own way, with the scan
report's filters: Markdown (``md``: special characters escaped, ``<`` as an entity, no
autolink or mention can form), inline code (``code``: a fence longer than any run of
backticks inside, ``|`` and ``<`` escaped for tables) and Mermaid (the ``mermaid`` filter,
:func:`mermaid_text`).
"""

from __future__ import annotations

import re

from reports.markdown_report import markdown_code, markdown_text_safe
from reports.roadmap.view import build_view
from reports.templating import render_template
from scanner.debt.model import Roadmap

# Characters left as they are in Mermaid text; everything else becomes an entity code.
_MERMAID_PLAIN = frozenset(" .,-_()/")
# What Mermaid's Gantt lexer (case-insensitive) reads as a keyword or a date at the start of
# a task or section line, whatever follows.
_GANTT_LEADS = re.compile(
    r"(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|weekend|title|acctitle|accdescr|section|click|href|call"
    r"|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)


def render_markdown(roadmap: Roadmap) -> str:
    """The roadmap as Markdown, ending with one newline; ``ValueError`` for a roadmap that
    breaks the contract of :func:`reports.roadmap.view.build_view`."""
    text = render_template(
        "roadmap.md.j2",
        {"md": markdown_text_safe, "code": markdown_code, "mermaid": mermaid_text},
        view=build_view(roadmap),
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def mermaid_text(value: object) -> str:
    """Text safe in a quoted Mermaid flowchart label and as a Gantt task or section name.

    Whitespace is collapsed to single spaces (a line break would end the statement). Every
    character but letters, digits, spaces and ``.,-_()/`` is written as a Mermaid entity code,
    ``#`` + decimal code point + ``;`` (Mermaid's documented escape: "Numbers given are base
    10, so ``#`` can be encoded as ``#35;``"), so quotes, brackets, ``:``, ``;``, ``#``, ``%``
    and ``<`` can neither end the label or the statement nor start a comment or a tag: Mermaid
    turns the codes into HTML character references, which display as text. The first
    character is coded as well when the Gantt lexer would read a keyword or a date there.
    """
    text = " ".join(str(value).split())
    coded = "".join(
        char if char.isalnum() or char in _MERMAID_PLAIN else f"#{ord(char)};" for char in text
    )
    if _GANTT_LEADS.match(coded):
        coded = f"#{ord(coded[0])};{coded[1:]}"
    return coded


