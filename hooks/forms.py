"""Fill in on screen, then print: the fields of an agreement's signature block become
inputs that a family types into before printing.

Every line of a signature block that is not a signature (anshin/forms/fields.py tells
them apart by their labels) becomes a labelled `<input>`; signature lines stay lines to
sign by hand. A block with no line for the student's name gets two, the student's name
and class (`forms.student_name`, `forms.student_class`), so that every paper says whose
it is. The print stylesheet prints each input as the line it replaces, with what was
typed on it; an empty field prints as a blank line, as before.

Above the fields, a small box (screen only) says that what is typed stays in the
browser, with a "remember on this device" box and a clear button
(overrides/assets/print.js). Nothing typed is sent anywhere and nothing is stored unless
that box is ticked; the stored values are keyed by the document, so the Chinese, the
Japanese and the side-by-side page of one agreement share them.

Each field carries `data-anshin-field` (its place in the block, the same in every
language's version) and, for those a class list fills, `data-anshin-fill` (name, class,
number, guardian), so that a copy can be filled from a class list through them.
"""

from __future__ import annotations

import re
from itertools import count
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from anshin.build_context import BuildContext, context, render
from anshin.forms.fields import CLASS, NAME, STUDENT, FormField, classify, has_student_name

# A signature block's list as Python-Markdown (or the bilingual template) writes it.
_SIGNATURE_LIST = re.compile(r'(<div class="signature">\s*<ul>)(.*?)(</ul>\s*</div>)', re.DOTALL)
# A field: a list item without attributes (the print-only date line has a class).
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
_SPAN = re.compile(r'<span lang="([^"]+)">(.*?)</span>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if '<div class="signature">' not in html:
        return None
    build_context = context(config)
    words = build_context.field_words
    document = _document_key(page, build_context)
    numbered = count(1)

    def fields(match: re.Match[str]) -> str:
        items = [item.group(1) for item in _ITEM.finditer(match.group(2))]
        rest = _ITEM.sub("", match.group(2)).strip()  # the print-only date line, if already added
        listed: list[dict[str, Any]] = []
        for index, item in enumerate(items, start=1):
            labels = _labels(item)
            listed.append({"key": f"f{index}", "field": classify(tuple(text for _, text in labels), words),
                           "labels": labels, "html": Markup(item)})
        if not has_student_name([entry["field"] for entry in listed]):
            listed[:0] = _student_fields(build_context, [lang for lang, _ in listed[0]["labels"]] if listed else [])
        for entry in listed:
            entry["id"] = f"anshin-field-{next(numbered)}"
        controls = render(config, "partials/anshin/form-fields.html", document=document, fields=listed,
                          rest=Markup(rest), page_lang=build_context.languages.tag(build_context.language.code))
        return controls.strip()

    # The template writes the box above the block and the block's list, in one piece.
    return _SIGNATURE_LIST.sub(fields, html)


def _labels(inner: str) -> list[tuple[str, str]]:
    """A list item's labels: [(lang tag, text)] on a bilingual page, where each
    language's label is a span; [("", text)] on a page in one language."""
    spans = _SPAN.findall(inner)
    if spans:
        return [(lang, _text(text)) for lang, text in spans]
    return [("", _text(inner))]


def _text(html: str) -> str:
    return Markup(_TAG.sub("", html)).unescape().strip()


def _student_fields(build_context: BuildContext, tags: list[str]) -> list[dict[str, Any]]:
    """The student's name and class, in the page's language, or in each column's on a
    bilingual page (whose labels carry their `lang`)."""
    codes = {tag: code for code, tag in build_context.languages.tags.items()}
    languages = [codes.get(tag, build_context.language.code) for tag in tags if tag] or [build_context.language.code]
    bilingual = any(tags)
    added = []
    for key, kind, text in (("student-name", NAME, "forms.student_name"), ("student-class", CLASS, "forms.student_class")):
        labels = [(build_context.languages.tag(code) if bilingual else "", build_context.catalogues[code].text(text))
                  for code in languages]
        added.append({"key": key, "field": FormField(kind, STUDENT), "labels": labels, "html": None})
    return added


def _document_key(page: Page, build_context: BuildContext) -> str:
    """The document the fields belong to, the same for each language's page and the
    side-by-side one: `agreements/pickup`."""
    target = page.meta.get("bilingual_of")
    if target:
        return str(target).strip("/")
    return build_context.languages.split(page.file.src_uri)[0].removesuffix(".md")
