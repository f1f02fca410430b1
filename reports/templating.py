"""One Jinja2 environment for all templates of this package."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jinja2


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=False,  # Markdown and text; each template escapes with its own filter
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_template(name: str, filters: dict[str, Callable[[Any], str]], **context: Any) -> str:
    """Render the template ``name`` with extra ``filters`` and ``context``."""
    environment = _environment().overlay()
    environment.filters.update(filters)
    return environment.get_template(name).render(**context)
