"""Files in docs/ that are not pages and name no language (a PDF form, a map, a photo)
belong to every language's site.

mkdocs-static-i18n copies such a file into the default language's site only, when
`fallback_to_default` is off, as it is here: a page missing in one language must not
show another language's text under its `lang` (README, "Languages and URLs"). So a
Japanese page that links `agreements/form.pdf`, or the side-by-side page written from a
Chinese page that does, would fail the strict build: "not found among documentation
files". `on_files` adds each such file to every other language's build as well, where
mkdocs-static-i18n left it out, at the place it has in the default language's site
(`agreements/form.pdf` from the site's root): one copy, which the pages of every language
link (`../../agreements/form.pdf` from `ja/contacts/`).

A file whose name gives a language (`form.ja.pdf`) stays that language's, as
mkdocs-static-i18n has it; so does a language's own version of a shared file, which
takes its place in that language's site.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, get_files

from anshin.build_context import context


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    build_context = context(config)
    if build_context.language.default:
        return None  # mkdocs-static-i18n keeps them there already
    taken = {file.dest_uri for file in files}
    for file in get_files(config):
        if file.is_documentation_page() or build_context.languages.named_language(file.src_uri) is not None:
            continue
        if file.dest_uri not in taken and files.get_file_from_path(file.src_uri) is None:
            files.append(file)
    return files
