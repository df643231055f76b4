"""The school's configuration in the build: data/school.yml fills the template blanks on
every page (==xx小学== becomes the school's name once it is set), and gives the site its
colours and logo. A page that shows blanks as examples opts out with `keep_blanks: true`."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs restores sys.path after loading
from hooks.data_files import DataError  # noqa: E402
from hooks.school import School, fill_blanks, load_school  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    school = _load(config)
    config.extra["anshin_school"] = school
    if school.logo:
        if not (Path(config.docs_dir) / school.logo).is_file():
            raise PluginError(f"data/school.yml: logo '{school.logo}' is not a file under docs/ — "
                              f"fix: put the image in docs/ and give its path, or leave 'logo' empty")
        config.theme["logo"] = school.logo
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.meta.get("keep_blanks"):
        return None
    school: School = config.extra["anshin_school"]
    values = school.blanks(config.theme["language"])
    return fill_blanks(markdown, values) if values else None


def _load(config: MkDocsConfig) -> School:
    try:
        return load_school(Path(config.config_file_path).parent / "data" / "school.yml")
    except DataError as error:
        # The path as the editor sees it, from the project's root.
        raise PluginError(f"data/school.yml:{error.line}: {error.problem} — fix: {error.fix}") from None
