"""The start and end of every build, and of each language's build within it.

Listed first in mkdocs.yml, though its events do not depend on that: they carry explicit
priorities, so that the context exists before any other hook asks for it and each
language's state is dropped only after every other hook has finished with it.

- `on_config` (first): reads what all languages share, the languages from the i18n
  plugin, their catalogues in `locales/`, data/school.yml, into one BuildContext
  (anshin/build_context.py). Bad input stops the build here, with file:line and the fix.
- `on_pre_build` (first): starts the state of the language about to be built; before
  the first, stops at a folder link under docs/ that loops back on itself.
- `on_page_markdown` (after every other hook): puts what other hooks placed under a
  document's title (the translation notice, the dates, the print toolbar) in place, in
  the order of `UnderTitle`, so no hook has to find another's HTML.
- `on_page_content` (first): puts back the blocks of HTML that hooks wrote into the
  Markdown as placeholders (anshin/html_blocks.py), before any other hook reads the page's
  HTML, and gives the page the anchors they hold.
- `on_env`: the theme's templates get `t(key)` too (404.html, the language switch), and
  are compiled once, into the machine's cache of compiled templates
  (`BuildContext.template_cache`), not once per language and build.
- `on_post_build` (last): ends that language's state; after the last language, keeps the
  word analyses for the next build (anshin/analysis_cache.py).
"""

from __future__ import annotations

import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import LanguageBuild, context, start, template_globals
from anshin.html_blocks import anchor_ids, placeholder_keys, restored
from anshin.source_files import link_loop

# A page's title: its `# ` heading, or the <h1> a generated page writes (the bilingual ones).
_TITLE = re.compile(r"^# .*$|^<h1\b.*</h1>$", re.MULTILINE)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # mkdocs-static-i18n runs on_config again for each language it builds, on the same
    # config object: keep the context (and its language stack) it already has.
    start(config)
    return config


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    language = build_context.languages[config.theme["language"]]
    build_context.builds.append(LanguageBuild(language, build_context.catalogues[language.code]))
    if language.default:
        # Before MkDocs lists docs/: it follows folder links, a loop forty levels deep.
        loop = link_loop(build_context.docs)
        if loop:
            link, target = loop
            raise PluginError(f"{build_context.shown(link)}: this folder link leads back to "
                              f"{build_context.shown(target)}, a folder that contains it, so docs/ never ends — "
                              f"fix: remove the link (rm {build_context.shown(link)}) or point it outside docs/")


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    build_context = context(config)
    env.globals.update(template_globals(build_context))
    # Each language gets a new environment, which would compile every template again.
    env.bytecode_cache = build_context.template_cache
    return env


@event_priority(-50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    blocks = context(config).build.under_title.pop(page.file.src_uri, None)
    if not blocks:
        return None
    under = "\n\n".join(blocks[place] for place in sorted(blocks))
    title = _TITLE.search(markdown)
    if title is None:
        return under + "\n\n" + markdown
    return markdown[: title.end()] + "\n\n" + under + "\n" + markdown[title.end():]


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    build = context(config).build
    content = restored(html, build.html_blocks) if build.html_blocks else None
    if content is None:
        return None
    # As MkDocs' reading of the HTML would have found them: links to them are checked.
    ids = page.present_anchor_ids if page.present_anchor_ids is not None else set()
    for key in placeholder_keys(html):
        if key in build.html_blocks:
            ids |= anchor_ids(build.html_blocks[key])
    page.present_anchor_ids = ids
    return content


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    build_context = context(config)
    build_context.builds.pop()
    if not build_context.builds:
        # Every language built: only now is what the analyses found worth keeping.
        build_context.save_caches()
