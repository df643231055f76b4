"""The school's configuration in the build: data/school.yml (anshin/school.py) fills the
template blanks on every page (==xx小学== becomes the school's name once it is set), and
gives the site its colours and logo. A page that shows blanks as examples opts out with
`keep_blanks: true`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import context
from anshin.school import fill_blanks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    school = context(config).school
    if school.logo:
        if not (Path(config.docs_dir) / school.logo).is_file():
            raise PluginError(f"data/school.yml: logo '{school.logo}' is not a file under docs/ — "
                              f"fix: put the image in docs/ and give its path, or leave 'logo' empty")
        config.theme["logo"] = school.logo
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.meta.get("keep_blanks"):
        return None
    build_context = context(config)
    values = build_context.school.blanks(build_context.language.code)
    return fill_blanks(markdown, values) if values else None
