"""The Markdown reporter: a lead's one-page answer per repository, fit for a GitHub issue or
comment.

Per repository, in this order: a summary (findings by severity, debt items by category,
components, dependencies, libyears, the release data's day and age, languages); the
inventory (the stack by category, with versions, components and their owners); the debt
catalog of :func:`scanner.debt.catalog.build_catalog` by category, long categories folded;
the top findings with what to do; then the components, versions that disagree,
dependencies, files not read, release data and suppressed findings, long ones folded. With
several repositories an overview table comes first.

**Size.** The document stays under :data:`CAP` characters (a GitHub comment holds 65,536).
When everything does not fit, detail is dropped step by step, each step keeping the cuts of
the ones before, until it fits:

1. the folded tables of all dependencies (the counts per ecosystem stay);
2. debt-catalog rows past the first 25 of each category (the counts stay);
3. component rows past the first 25;
4. rows past the first 10 of versions that disagree, files not read, suppressed findings
   and release-data notes;
5. debt-catalog rows past the first 5 of each category, the components table and those
   four lists;
6. every debt-catalog row;
7. with several repositories, the sections of the last ones, one at a time (they stay in
   the overview);
8. inventory rows past the first 10 of each category;
9. the text past the cap, cut at a line.

Summary, inventory and top findings are kept whole through step 6; steps 7 to 9 happen only
when those alone do not fit. Where rows were cut the section says "… and N more (see
--format json)", and a note under the title names everything left out.

**Escaping.** Text from the scan goes through :func:`markdown_text_safe` (the ``md``
filter) or, for paths and package names in table cells, :func:`markdown_code` (the ``code``
filter); see their contracts. The roadmap's Markdown still uses :func:`markdown_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from reports.base import Reporter
from reports.templating import render_template
from reports.view import (
    CatalogRow,
    ComponentRow,
    DependencyRow,
    DisagreementRow,
    FailureRow,
    ReportView,
    ScanView,
    TechnologyRow,
    build_view,
)
from scanner.model import ScanReport

CAP = 60_000
FOLD_ROWS = 10

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~#$])")
_AUTOLINK = re.compile(r"(:(?=//)|(?<=www)\.)", re.IGNORECASE)

RowT = TypeVar("RowT")


def markdown_text(value: object) -> str:
    """Text safe in a Markdown table cell: special characters escaped, one line (the
    roadmap's ``md`` filter; ``<`` comes out as ``\\<``, and autolinks are not broken)."""
    text = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", text)


def markdown_text_safe(value: object, *, links: bool = False) -> str:
    """Text from data, harmless anywhere in this report: a table cell, a list item, a
    heading, or an HTML block such as ``<summary>`` (where the backslashes below show, so
    only figures and fixed words go there).

    * Whitespace, line breaks included, becomes single spaces: one line.
    * ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;`` and ``&gt;``: no HTML tag, comment or
      ``<url>`` autolink can start, and the entities read as the characters both in Markdown
      and inside HTML blocks (where a backslash escape would not work).
    * ``\\ ` * _ [ ] | ~ # $`` are backslash-escaped: no code span, emphasis, strikethrough,
      link or image (no ``[`` opens one), heading, math, and no ``|`` ends a table cell.
    * GitHub's autolinks are broken (unless ``links``): ``:`` before ``//`` and the ``.``
      after ``www`` are escaped, so ``https://…``, ``ftp://…`` and ``www.…`` stay text; every
      ``@`` is followed by ``<wbr>`` (an empty element GitHub keeps), so that neither an
      e-mail autolink nor an @mention of a user or team forms.

    ``links=True`` is for the addresses the run itself was configured with (release-data
    sources), which GitHub may link. GitHub's references to issues (``#12``) and commits
    (a hexadecimal id) are not Markdown and are not prevented.
    """
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    if not links:
        text = _AUTOLINK.sub(r"\\\1", text)
    return text.replace("@", "@<wbr>")


def markdown_code(value: object) -> str:
    """Text from data as a Markdown code span for a table cell (nothing when empty).

    One line; a backtick fence longer than any run of backticks inside, padded with a space
    when the text starts or ends with one; ``|`` as ``\\|``, which GitHub's tables read as
    ``|`` even in a code span (outside a table the backslash shows). A code span is never
    HTML, a link or a mention, but ``<`` and ``>`` are written ``&lt;`` and ``&gt;`` all the
    same, so that no raw tag from data is in the document: a name holding them shows the
    entity, harmlessly.
    """
    text = " ".join(str(value).split())
    if not text:
        return ""
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@dataclass(frozen=True)
class Rows(Generic[RowT]):
    """A section's rows as shown: ``more`` were cut to fit; ``folded`` puts them in a
    ``<details>`` element."""

    shown: list[RowT]
    more: int
    folded: bool


@dataclass(frozen=True)
class InventoryCategory:
    title: str
    rows: Rows[TechnologyRow]


@dataclass(frozen=True)
class CatalogCategory:
    """One debt category: ``count`` items in all, ``rows`` as shown."""

    title: str
    count: int
    rows: Rows[CatalogRow]


@dataclass(frozen=True)
class ScanPage:
    """One repository's section: ``scan`` holds what is never cut (header, summary, top
    findings), the rest is cut to the rendering's :class:`Detail`; ``more_findings`` counts
    the findings past the top ones."""

    scan: ScanView
    inventory: list[InventoryCategory]
    catalog: list[CatalogCategory]
    components: Rows[ComponentRow]
    disagreements: Rows[DisagreementRow]
    dependencies: Rows[DependencyRow]
    failures: Rows[FailureRow]
    data_notes: Rows[str]
    suppressed: Rows[str]
    more_findings: int


@dataclass(frozen=True)
class Page:
    """The document as one rendering shows it: ``scans`` are the repositories given a
    section (``repositories_left_out`` more are only in the overview), ``left_out`` says
    what was dropped to fit under ``cap``."""

    view: ReportView
    scans: list[ScanPage]
    repositories_left_out: int
    left_out: list[str]
    cap: str


@dataclass(frozen=True)
class Detail:
    """How much one rendering keeps: ``None`` keeps every row, ``repositories`` how many
    repositories get a section."""

    dependency_tables: bool = True
    catalog_rows: int | None = None
    component_rows: int | None = None
    list_rows: int | None = None
    repositories: int | None = None
    inventory_rows: int | None = None


# Steps 1 to 6 of the module docstring (step 0 keeps everything); 7 to 9 are made per report.
STEPS = (
    Detail(),
    Detail(dependency_tables=False),
    Detail(dependency_tables=False, catalog_rows=25),
    Detail(dependency_tables=False, catalog_rows=25, component_rows=25),
    Detail(dependency_tables=False, catalog_rows=25, component_rows=25, list_rows=10),
    Detail(dependency_tables=False, catalog_rows=5, component_rows=0, list_rows=0),
    Detail(dependency_tables=False, catalog_rows=0, component_rows=0, list_rows=0),
)
INVENTORY_ROWS = 10
CUT_NOTE = "\n\n**Cut here to stay under {cap} characters; everything is in `--format json`.**\n"


class MarkdownReporter(Reporter):
    """A one-page answer per repository, under :data:`CAP` characters (see the module)."""

    name = "markdown"
    description = "a Markdown summary for people (GitHub issues, wikis)"
    extension = "md"

    def render(self, report: ScanReport) -> str:
        view = build_view(report)
        page = None
        for detail in _details(len(view.scans)):
            page = _page(view, detail)
            text = _render(page)
            if len(text) < CAP:
                return text
        assert page is not None  # _details yields at least STEPS
        return _cut(page)


def _details(repositories: int) -> Iterator[Detail]:
    yield from STEPS
    for kept in range(repositories - 1, 0, -1):
        yield replace(STEPS[-1], repositories=kept)
    yield replace(STEPS[-1], repositories=1, inventory_rows=INVENTORY_ROWS)


def _render(page: Page) -> str:
    text = render_template(
        "scan.md.j2", {"md": markdown_text_safe, "code": markdown_code}, page=page
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _cut(page: Page) -> str:
    """The page, its note saying that its end was cut, cut at a line to end under the cap."""
    note = CUT_NOTE.format(cap=page.cap)
    text = _render(
        replace(page, left_out=[*page.left_out, "the end of the document, past the cut"])
    )
    return text[: max(text.rfind("\n", 0, CAP - len(note)), 0)] + note


def _page(view: ReportView, detail: Detail) -> Page:
    shown = view.scans[: detail.repositories]
    scans = [_scan_page(scan, detail) for scan in shown]
    return Page(
        view=view,
        scans=scans,
        repositories_left_out=len(view.scans) - len(shown),
        left_out=_left_out(scans, detail, len(view.scans) - len(shown)),
        cap=f"{CAP:,}",
    )


def _scan_page(scan: ScanView, detail: Detail) -> ScanPage:
    return ScanPage(
        scan=scan,
        inventory=[
            InventoryCategory(group.title, _rows(group.rows, detail.inventory_rows, fold=False))
            for group in scan.technology_groups
        ],
        catalog=[
            CatalogCategory(group.title, len(group.rows), _rows(group.rows, detail.catalog_rows))
            for group in scan.catalog
        ],
        components=_rows(scan.components, detail.component_rows),
        disagreements=_rows(scan.disagreements, detail.list_rows),
        dependencies=_rows(scan.dependencies, None if detail.dependency_tables else 0),
        failures=_rows(scan.failures, detail.list_rows),
        data_notes=_rows(scan.data_notes, detail.list_rows),
        suppressed=_rows(scan.suppressed, detail.list_rows),
        more_findings=len(scan.findings) - len(scan.top_findings),
    )


def _rows(rows: Sequence[RowT], limit: int | None, *, fold: bool = True) -> Rows[RowT]:
    shown = list(rows if limit is None else rows[:limit])
    return Rows(shown, len(rows) - len(shown), fold and len(shown) > FOLD_ROWS)


def _left_out(scans: list[ScanPage], detail: Detail, repositories: int) -> list[str]:
    """What the note under the title says was left out: only what was cut, with counts."""
    notes = []
    dependencies = sum(s.dependencies.more for s in scans)
    if dependencies:
        notes.append(f"the tables of all dependencies ({dependencies:,} rows; the counts stay)")
    catalog = sum(c.rows.more for s in scans for c in s.catalog)
    if catalog:
        notes.append(_cut_rows(catalog, detail.catalog_rows, "debt-catalog rows", "category"))
    components = sum(s.components.more for s in scans)
    if components:
        notes.append(_cut_rows(components, detail.component_rows, "component rows"))
    lists = sum(
        rows.more
        for s in scans
        for rows in (s.disagreements, s.failures, s.data_notes, s.suppressed)
    )
    if lists:
        notes.append(
            _cut_rows(
                lists,
                detail.list_rows,
                "rows of versions that disagree, files not read, release-data notes and "
                "suppressed findings",
                "list",
            )
        )
    if repositories:
        last = (
            "section of the last repository"
            if repositories == 1
            else (f"sections of the last {repositories} repositories")
        )
        notes.append(f"the {last} (they are in the overview)")
    inventory = sum(c.rows.more for s in scans for c in s.inventory)
    if inventory:
        notes.append(_cut_rows(inventory, detail.inventory_rows, "inventory rows", "category"))
    return notes


def _cut_rows(count: int, kept: int | None, what: str, per: str = "") -> str:
    """``1,234 component rows past the first 25``, or ``all 1,234 component rows``."""
    if not kept:
        return f"all {count:,} {what}"
    return f"{count:,} {what} past the first {kept}" + (f" of each {per}" if per else "")
