"""Mark quotations of the other language in running text (pure, no MkDocs).

Editorial notes are written in each reader's language but quote the source text:
a Japanese note on a Chinese agreement quotes Chinese in 「…」, a Chinese note on the
Japanese policy quotes Japanese in “…”. Marking those quotations with `lang` keeps their
glyph forms right and tells screen readers to switch voice.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from anshin.writing_systems import WritingSystems

_QUOTED = re.compile(r"(「)([^「」]+)(」)|(“)([^“”]+)(”)")


def mark_quoted(text: str, own_lang: str, quote_lang: str, lang_tags: dict[str, str],
                writing_systems: WritingSystems) -> Markup:
    """Escape `text` and wrap its 「…」 and “…” quotations in `<span lang>` where they are in
    another language: all of them when the quoted source is in another language
    (`quote_lang` != `own_lang`), otherwise those whose characters betray the other one."""
    parts: list[str] = []
    position = 0
    for match in _QUOTED.finditer(text):
        opening, inner, closing = (g for g in match.groups() if g is not None)
        parts.append(escape(text[position:match.start()]))
        lang = quote_lang if quote_lang != own_lang else _other_language(inner, own_lang, lang_tags, writing_systems)
        if lang:
            parts.append(Markup('{}<span lang="{}">{}</span>{}').format(opening, lang, inner, closing))
        else:
            parts.append(escape(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _other_language(text: str, own_lang: str, lang_tags: dict[str, str],
                    writing_systems: WritingSystems) -> str | None:
    language = writing_systems.betrays(text)
    tag = lang_tags.get(language, language) if language else None
    return tag if tag and tag != own_lang else None
