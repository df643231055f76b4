"""The theme's files listed without its dot-folders (hooks/theme_files.py): MkDocs copies
the same files into the site as with Jinja's own listing, and the icons are still read."""

from __future__ import annotations

import os

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from hooks.theme_files import VisibleFilesLoader, on_config
from tests.conftest import ROOT


def _theme_files(config, env: jinja2.Environment) -> list[str]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted(file.src_uri for file in files)


def test_the_site_gets_the_same_theme_files_as_with_jinja_s_listing() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = config.theme.get_env()
    on_config(config)
    listed = config.theme.get_env()
    assert type(plain.loader) is jinja2.FileSystemLoader and isinstance(listed.loader, VisibleFilesLoader)
    expected = _theme_files(config, plain)
    assert expected and _theme_files(config, listed) == expected
    assert any(name.startswith("assets/javascripts/") for name in expected)
    # Only the dot-folders' files are left out of the listing, and they are still read.
    hidden = set(plain.list_templates()) - set(listed.list_templates())
    assert hidden and all(any(part.startswith(".") for part in name.split("/")) for name in hidden)
    assert "<svg" in listed.get_template(".icons/material/shield-home-outline.svg").render()
    # A second on_config (mkdocs-static-i18n's, for the next language) does not wrap it again.
    wrapped = config.theme.get_env
    on_config(config)
    assert config.theme.get_env is wrapped
