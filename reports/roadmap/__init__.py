"""Renderers of the roadmap draft: Markdown for GitHub (with Mermaid diagrams), CSV for
spreadsheets and JSON for tools, and :func:`write_roadmap`, which writes all three."""

from __future__ import annotations

from pathlib import Path

from reports.roadmap.csv_writer import render_csv
from reports.roadmap.json_writer import render_json
from reports.roadmap.markdown import render_markdown
from scanner.debt.model import Roadmap
from scanner.errors import ConfigError

__all__ = ["render_csv", "render_json", "render_markdown", "write_roadmap"]


def write_roadmap(roadmap: Roadmap, directory: Path) -> list[Path]:
    """Write ``roadmap.md``, ``roadmap.csv`` and ``roadmap.json`` into ``directory`` (made
    when missing, files replaced) and return their paths in that order.

    Everything is rendered before anything is written, so a roadmap that cannot be rendered
    (``ValueError``) leaves the directory untouched; a directory that cannot be made or
    written to raises :class:`ConfigError` naming it and saying why.
    """
    documents = {
        directory / "roadmap.md": render_markdown(roadmap),
        directory / "roadmap.csv": render_csv(roadmap),
        directory / "roadmap.json": render_json(roadmap),
    }
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for path, text in documents.items():
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"cannot write the roadmap to {directory}: {error.strerror or error}"
        ) from error
    return list(documents)
