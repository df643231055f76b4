"""The start and end of every build, and of each language's build within it.

Listed first in mkdocs.yml, though its events do not depend on that: they carry explicit
priorities, so that the context exists before any other hook asks for it and each
language's state is dropped only after every other hook has finished with it.

- `on_config` (first): reads what all languages share, the languages from the i18n
  plugin, their catalogues in `locales/`, data/school.yml, into one BuildContext
  (anshin/build_context.py). Bad input stops the build here, with file:line and the fix.
- `on_pre_build` (first): starts the state of the language about to be built.
- `on_files`: every page must be UTF-8 (a page saved as Shift_JIS or GBK is named, with
  the command that converts it, before MkDocs itself would fail on it).
- `on_env`: the theme's templates get `t(key)` too (404.html, the language switch).
- `on_post_build` (last): ends that language's state.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from anshin.build_context import LanguageBuild, attach, context, create, t_functions


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # mkdocs-static-i18n runs on_config again for each language it builds, on the same
    # config object: keep the context (and its language stack) it already has.
    if getattr(config, "_anshin_context", None) is None:
        attach(config, create(config))
    return config


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    language = build_context.languages[config.theme["language"]]
    build_context.builds.append(LanguageBuild(language, build_context.catalogues[language.code]))


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    build_context = context(config)
    if not build_context.language.default:
        return  # every language build sees the same sources: read them once
    for file in files.documentation_pages():
        build_context.read(Path(file.abs_src_path))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals.update(t_functions(context(config)))
    return env


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    context(config).builds.pop()
