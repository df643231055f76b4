"""From what a reader found to a page in Anshin's conventions (pure, no MkDocs).

Every source (text, Word, PDF) goes through the same writer, so an imported page looks
the same whatever it came from (CONTENT_CONVENTIONS.md):

- **front matter**: the document's title, and a `description` that is a marked
  placeholder (`TODO(import): …`). The strict build fails on it until the editor writes
  the sentence (anshin/front_matter.py), so a page is never published with it;
- **the title** as the page's `# ` heading, once;
- **headings** as `## `…: where the source says a paragraph is a heading (a Word heading
  style, a larger font in a PDF), and in plain text a short line standing alone, with no
  sentence punctuation, that is not a numbered clause (`第1章` lines are headings);
- **numbered clauses as paragraphs** that start with their marker exactly as the
  document displays it. Nothing is renumbered and nothing becomes a Markdown ordered
  list: `1.` is written `1\\.` so that it stays text;
- **bullets** (`・` `●` `•` `■` `◆` typed, or Word's bullet lists) as `- ` items, the
  bullet character dropped; nested by their level;
- **blanks** as `==…==`: `20xx`, `xx小学`, `○○中学校`, `XX`, `××`; a run of underscores
  and an empty `（　　）` become an empty blank `==　　==` (ideographic spaces), as the
  seed pages write an empty date slot;
- **signature lines** (`家长（签名）：班主任（签名）：电话：`, `保護者署名：`) as the signature
  block, one label per item, and the short lines after it (school, date) as the closing
  block. A signature run typed at the end of a clause (`…由家长负全责。家长（签名）：`) is
  moved out of the clause into the block, and the report says so; a field's blank line
  (`____`, a date `____年__月__日`) is the line the block draws; a seal (`氏名　　㊞`,
  `署名：＿＿（印）`) goes into the label before its colon (`氏名（㊞）：`);
- **tables** as Markdown tables (first row as header), `|` escaped, merged cells as the
  reader left them (text in the first cell);
- Markdown's own characters in the text (`*` `_` `` ` `` `<` `\\` and a `#`, `>` or `-`
  that would start a line) are escaped, so the page shows what the document says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from anshin.clause_markers import read_marker
from anshin.front_matter import DESCRIPTION_PLACEHOLDER
from anshin.importing.model import Block, Paragraph, SourceDocument, Table

__all__ = ["DEFAULT_DESCRIPTION_HINT", "DESCRIPTION_PLACEHOLDER", "Written", "to_markdown", "write_page"]

# The placeholder's words when the page's catalogue has none (`import.description`).
DEFAULT_DESCRIPTION_HINT = "one sentence saying what this page is (search results and link previews, 120 characters or fewer)"

_TYPED_BULLET = re.compile(r"^(?:[-*+][ 　]+|[・•●■◆◇▪▸►][ 　]*)(?=\S)")
_SENTENCE_END = "。．.！？!?；;：:，,、」』"
_HEADING_FAMILIES = {"chapter": 2, "section": 3}
_SHORT_HEADING = 30
_SHORT_TITLE = 40
# Blanks: a placeholder token, with the institution word it stands in for when it has one.
_PLACEHOLDER = r"(?:20[xX×ＸｘＸ]{2}|２０[ＸｘxX]{2}|[xX]{2,4}|[×]{2,4}|[○〇◯]{2,4}|[ＸＸｘ]{2,4}|[□]{2,4}|[△]{2,4})"
_INSTITUTION = ("中学校", "小学校", "高等学校", "高校", "幼稚园", "幼儿园", "保育所", "保育園", "小学", "中学", "学校", "学院",
                "高中", "初中", "年级", "学年", "班", "組", "市立", "県立", "都立", "府立", "区立", "町立", "村立", "市", "区", "县",
                "町", "村", "省")
# The longest first, so that `○○市立` is one blank, not `○○市` and 立.
_BLANK = re.compile(rf"(?<![A-Za-z0-9=]){_PLACEHOLDER}(?:{'|'.join(sorted(_INSTITUTION, key=len, reverse=True))})?(?![A-Za-z0-9=])")
_UNDERSCORES = re.compile(r"(?:[_＿]\s*){2,}")
_EMPTY_PARENS = re.compile(r"([（(])[\s　]+([）)])")
_EMPTY_BLANK = "==&#12288;&#12288;=="
# Around the blanks the writer marks (private-use characters, never in a school's text),
# so that `==` typed in the source stays text and only these become marks.
_OPEN, _CLOSE = "\ue000", "\ue001"
_DATE_LABELS = ("日期", "日付", "年月日", "签订日期", "記入日")
# A closing line names who issues the document, or when.
_DATE = re.compile(r"(?:\d{2,4}|[xX]{2})\s*[年.．/-]\s*\d{0,2}|[年月]\s*日$|年\s*月\s*日")
_ISSUERS = ("学校", "小学", "中学", "中学校", "小学校", "高等学校", "幼儿园", "委员会", "委員会", "校长", "校長", "政府", "教育局",
            "办公室", "事務局", "PTA")
# Signature labels: a short label ending in a colon, with nothing (or only a blank) after it.
# ...its blank may be a placeholder (`责任人：xxx`) or a date to fill in (`日期：____年__月__日`).
_LABEL = re.compile(r"([^：:。；;\s][^：:。；;]{0,15}?[：:])[\s　]*(?:(?:[_＿]\s*)+|==&#12288;&#12288;==|[xX×○]{2,4}(?![^\s　]))?"
                    r"(?:[\s　]*[年月日](?:[\s　]*(?:[_＿]\s*)+)?)*[\s　]*")
# A field signed with a seal (`保護者氏名　　　㊞`, `署名：＿＿＿（印）`): the seal goes into the
# label, before its colon, so that the line to sign on follows it.
_SEALED = re.compile(r"^([^：:。；;\s][^：:。；;]{0,15}?)[\s　]*[：:]?[\s　_＿]*(（印）|\(印\)|㊞)$")
_SIGNATURE_WORDS = ("签名", "签字", "簽名", "签章", "盖章", "署名", "記名", "捺印", "サイン", "(印)", "（印）", "（㊞）")
_TRAILING_SIGNATURE = re.compile(r"^(.*[。！？!?])[\s　]*((?:[^：:。]{1,15}[：:][\s　]*)+)$")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]])")
_LINE_START_SPECIALS = re.compile(r"^([#>+]|-(?=[ 　])|=+(?=\s*$))")
# `1.` would start a Markdown ordered list (and be renumbered): written `1\.` it stays text.
_ORDERED_LIST_START = re.compile(r"^(\d+)\.(?![\d０-９])")


@dataclass
class Written:
    """The page, and what the report tells the editor about it."""

    text: str
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def to_markdown(document: SourceDocument, description_hint: str = DEFAULT_DESCRIPTION_HINT) -> str:
    """The page's Markdown, front matter included."""
    return write_page(document, description_hint=description_hint).text


def write_page(document: SourceDocument, *, description_hint: str = DEFAULT_DESCRIPTION_HINT, source_name: str = "") -> Written:
    """The page with what it holds (`counts`) and what the writer changed (`notes`).
    `description_hint` follows the placeholder mark, in the page's language (its
    catalogue's `import.description`)."""
    blocks = list(document.blocks)
    title, blocks = _title(document, blocks)
    written = Written("", title)
    if not title and source_name:
        title = written.title = source_name.rsplit(".", 1)[0]
        written.notes.append(f"no title was found in the document: the file name '{title}' is the title until you "
                             f"correct it (front matter 'title' and the '# ' line)")
    # A Word file or a PDF says which paragraphs are headings (styles, font sizes); only a
    # text file leaves it to the shape of its lines.
    guess_headings = document.kind == "text"
    counts = {"headings": 0, "clauses": 0, "paragraphs": 0, "bullets": 0, "tables": 0, "signature blocks": 0, "blanks": 0}
    body: list[str] = []
    bullets: list[str] = []
    signature: list[str] = []
    closing: list[str] = []

    def flush_bullets() -> None:
        if bullets:
            body.append("\n".join(bullets))
            bullets.clear()

    def flush_signature() -> None:
        if signature:
            counts["signature blocks"] += 1
            body.append('<div class="signature" markdown>\n\n' + "\n".join(f"- {label}" for label in signature) + "\n\n</div>")
            signature.clear()
        if closing:
            body.append('<div class="closing" markdown>\n\n' + "\n\n".join(closing) + "\n\n</div>")
            closing.clear()

    indent = 0  # of the paragraph before: a line set deeper than it is its text, not a heading
    for index, block in enumerate(blocks):
        deeper, indent = isinstance(block, Paragraph) and block.indent > indent, block.indent if isinstance(block, Paragraph) else 0
        if isinstance(block, Table):
            flush_bullets()
            fields = _signature_table(block, blocks, index, guess_headings)
            if fields:
                # A table that only lays out fields to sign (家长签名： | 日期：) is the block.
                signature.extend(fields)
                written.notes.append(f"{block.where}: a table of signature fields became the signature block")
                continue
            flush_signature()
            counts["tables"] += 1
            body.append(_table(block, counts))
            continue
        text = _one_line(block.text)
        if not text:
            continue
        labels = _signature_labels(text)
        if labels is None and not block.heading and _ends_the_document(blocks, index, guess_headings):
            # Fields with no word of signing (责任人：, 乙方（学生）：) where the document ends:
            # nothing follows them to introduce, so they are fields to fill in.
            labels = _label_run(text)
        if labels is None and not block.heading:
            trailing = _TRAILING_SIGNATURE.match(text)
            moved = _signature_labels(trailing.group(2)) if trailing else None
            if trailing and moved is not None:
                written.notes.append(f"{block.where}: signature labels typed at the end of a clause moved into the "
                                     f"signature block ({trailing.group(2).strip()})")
                flush_bullets()
                flush_signature()
                body.append(_paragraph_text(trailing.group(1), counts))
                _count(trailing.group(1), counts)
                signature.extend(moved)
                continue
        if labels is None and signature and not closing:
            labels = _label_run(text)  # more fields of the block being read
        if labels is not None:
            flush_bullets()
            signature.extend(labels)
            continue
        leading, rest = _leading_labels(text)
        if leading and _DATE.search(rest) and any(word in leading[-1] for word in _DATE_LABELS):
            leading = []  # 日期：20xx年xx月xx日 is the date the document is dated, as printed: a closing line
        if signature and not closing and leading and _is_closing_line(rest):
            # Labels and the school's name typed on one line: the labels, then the closing.
            signature.extend(leading)
            closing.append(_inline(_blanks(rest, counts)))
            written.notes.append(f"{block.where}: '{rest}', typed after the signature labels, is the closing line")
            continue
        if signature and len(closing) < 3 and _is_closing_line(text):
            closing.append(_inline(_blanks(text, counts)))
            continue
        flush_signature()
        bullet = _TYPED_BULLET.match(text)
        if block.bullet or bullet:
            item = text[bullet.end():] if bullet else text
            counts["bullets"] += 1
            bullets.append("    " * min(block.level, 3) + "- " + _inline(_blanks(item, counts)))
            continue
        flush_bullets()
        level = _heading_level(block, text, guess=guess_headings and not deeper)
        if level:
            counts["headings"] += 1
            body.append("#" * level + " " + _inline(_blanks(text, counts)))
            continue
        _count(text, counts)
        body.append(_paragraph_text(text, counts))
    flush_bullets()
    flush_signature()

    front = ["---", f"title: {_yaml_string(title)}",
             f"description: {_yaml_string(DESCRIPTION_PLACEHOLDER + ': ' + description_hint)}"]
    if source_name:
        front += ["source:", f"  file: {_yaml_string(source_name)}"]
    front += ["---", ""]
    written.text = "\n".join(front) + f"# {_inline(_blanks(title, counts))}\n\n" + "\n\n".join(body) + "\n"
    written.counts = {name: count for name, count in counts.items() if count}
    return written


def _title(document: SourceDocument, blocks: list[Block]) -> tuple[str, list[Block]]:
    """The document's title, and the blocks without the paragraph that carried it."""
    if document.title and document.title.strip():
        title = _one_line(document.title)
        rest = [b for i, b in enumerate(blocks)
                if not (i < 3 and isinstance(b, Paragraph) and _one_line(b.text) == title)]
        return title, rest
    for index, block in enumerate(blocks[:5]):
        if isinstance(block, Paragraph) and (block.heading or (document.kind == "text" or index == 0)
                                             and _looks_like_heading(_one_line(block.text), title=True)):
            return _one_line(block.text), blocks[:index] + blocks[index + 1:]
    return "", blocks


def _heading_level(block: Paragraph, text: str, *, guess: bool) -> int:
    marker = read_marker(text, heading=True)
    if block.heading:
        return min(max(block.heading, 1) + 1, 6)  # the page's title is the one `# `
    if marker is not None:
        return _HEADING_FAMILIES.get(marker.family, 0) if len(text) <= _SHORT_HEADING else 0
    return 2 if guess and _looks_like_heading(text) else 0


def _looks_like_heading(text: str, *, title: bool = False) -> bool:
    """A short line standing alone, with no sentence punctuation: a heading, in a text file
    or a PDF that does not say which lines are headings. A title may hold a blank
    (`xx小学安全协议书`); a heading that does is more likely a form's line."""
    plain = text.strip()
    return (0 < len(plain) <= (_SHORT_TITLE if title else _SHORT_HEADING) and plain[-1] not in _SENTENCE_END and "。" not in plain
            and (title or plain[0] not in "※○◎＊")  # a note or a policy's own item mark, not a heading
            and read_marker(plain) is None and not _TYPED_BULLET.match(plain) and _signature_labels(plain) is None
            and not re.search(r"[：:]\S", plain) and (title or not _BLANK.search(plain))
            and not re.fullmatch(r"[\d０-９\s.．/年月日]+", plain))


def _count(text: str, counts: dict[str, int]) -> None:
    counts["clauses" if read_marker(text) is not None else "paragraphs"] += 1


def _paragraph_text(text: str, counts: dict[str, int]) -> str:
    return _inline(_blanks(text, counts))


def _signature_table(table: Table, blocks: list[Block], index: int, guess_headings: bool) -> list[str]:
    """The labels of a table whose every filled cell is a field label, in reading order,
    when one of them names a signature or the document ends there; else []."""
    labels: list[str] = []
    for row in table.rows:
        for cell in row:
            text = _one_line(cell)
            if not text:
                continue
            found = _label_run(text)
            if found is None:
                return []
            labels.extend(found)
    if not labels:
        return []
    signs = any(word in label for label in labels for word in _SIGNATURE_WORDS)
    return labels if signs or _ends_the_document(blocks, index, guess_headings) else []


def _ends_the_document(blocks: list[Block], index: int, guess_headings: bool) -> bool:
    """True when `blocks[index]` is a line of labels that only other labels, a closing
    line, a new document (a heading) or the end follow: a salutation (`尊敬的家长：`) or an
    introduction (`协议如下：`) is followed by the text it introduces."""
    for following in blocks[index + 1:]:
        if isinstance(following, Table):
            return False
        text = _one_line(following.text)
        if not text or _label_run(text) is not None:
            continue
        return bool(following.heading or _is_closing_line(text)
                    or guess_headings and _heading_level(following, text, guess=True))
    return True


def _signature_labels(text: str) -> list[str] | None:
    """The labels of a line of signature fields (`家长（签名）：班主任（签名）：电话：`), or
    None. At least one label must name a signature; every part of the line is a label."""
    labels = _label_run(text)
    if labels is None or not any(word in label for label in labels for word in _SIGNATURE_WORDS):
        return None
    return labels


def _label_run(text: str) -> list[str] | None:
    """Every part of `text` a label with nothing after it: the labels; else None."""
    sealed = _SEALED.match(text.strip())
    if sealed:
        return [f"{sealed.group(1).strip()}{'（㊞）' if sealed.group(2) == '㊞' else '（印）'}："]
    labels, rest = _leading_labels(text)
    return labels if labels and not rest else None


def _leading_labels(text: str) -> tuple[list[str], str]:
    """The labels `text` starts with (`班主任电话：科任教师电话：`), and the rest of it
    (`古今小学20xx.2.12`, typed on the same line)."""
    position, labels = 0, []
    stripped = text.strip()
    while position < len(stripped):
        match = _LABEL.match(stripped, position)
        if not match:
            break
        label = match.group(1).strip()
        if read_marker(label) is not None or len(label) > 16:
            break
        labels.append(label)
        position = match.end()
    return labels, stripped[position:].strip()


def _is_closing_line(text: str) -> bool:
    """What follows signature fields: the school's name, a date (short, no sentence)."""
    plain = text.strip()
    if not 0 < len(plain) <= 24 or "。" in plain or read_marker(plain) is not None:
        return False
    return bool(_DATE.search(plain) or _BLANK.search(plain) or plain.endswith(_ISSUERS))


def _blanks(text: str, counts: dict[str, int]) -> str:
    def mark(match: re.Match[str]) -> str:
        counts["blanks"] += 1
        return f"{_OPEN}=={match.group(0)}=={_CLOSE}"

    def empty(match: re.Match[str]) -> str:
        counts["blanks"] += 1
        return f"{_OPEN}{_EMPTY_BLANK}{_CLOSE}"

    def parens(match: re.Match[str]) -> str:
        counts["blanks"] += 1
        return f"{match.group(1)}{_OPEN}{_EMPTY_BLANK}{_CLOSE}{match.group(2)}"

    text = _UNDERSCORES.sub(empty, text)
    text = _EMPTY_PARENS.sub(parens, text)
    # Two blanks side by side (○○市立○○中学校) are one: `====` would end the mark. Only
    # the writer's own marks are joined; `====` typed in the source is text.
    return _BLANK.sub(mark, text).replace(f"=={_CLOSE}{_OPEN}==", "")


def _inline(text: str) -> str:
    """`text` as Markdown that shows it as written (blanks `==…==` already marked)."""
    # The writer's blanks come between _OPEN and _CLOSE; everything else is the source's text.
    pieces = re.split(f"{_OPEN}(.*?){_CLOSE}", text)
    escaped = "".join(piece if index % 2 else _escaped(piece) for index, piece in enumerate(pieces))
    escaped = _ORDERED_LIST_START.sub(r"\1\\.", escaped)
    return _LINE_START_SPECIALS.sub(r"\\\1", escaped)


def _escaped(text: str) -> str:
    # `<` and `&` as entities: Python-Markdown has no backslash escape for them, nor for
    # the `==` of pymdownx.mark.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("==", "&#61;&#61;")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _table(table: Table, counts: dict[str, int]) -> str:
    width = max((len(row) for row in table.rows), default=0)
    if not width:
        return ""
    rows = [[_cell(cell, counts) for cell in row] + [""] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _cell(text: str, counts: dict[str, int]) -> str:
    return _inline(_blanks(_one_line(text), counts)).replace("|", "\\|")


def _one_line(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: whatever the title holds (`: `, `#`, quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
