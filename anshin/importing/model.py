"""What a reader makes of a source file, before it becomes Markdown (pure, no MkDocs).

Each reader (plain_text, word, pdf) turns its file into a `SourceDocument`: the blocks
in reading order, with each paragraph's text **as a reader of the original sees it**
(Word's automatic numbers computed into the text, wrapped lines joined), where each
block came from, and what could not be carried over. The Markdown writer
(anshin/importing/markdown.py) then applies Anshin's conventions to all sources alike:
blanks, signature blocks, bullets, escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class SourceError(Exception):
    """A source that cannot be imported: one line naming the file and what to do."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path, self.problem, self.fix = path, problem, fix
        super().__init__(f"{path}: {problem} — {fix}")


@dataclass(frozen=True)
class Where:
    """A place in the source, as an editor would look for it: `page 3`, `paragraph 12`,
    `line 40`, `table 2`, or a combination (`page 3, line 7`; `table 2, row 3`)."""

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [f"{name} {value}" for name, value in (
            ("page", self.page), ("paragraph", self.paragraph), ("line", self.line),
            ("table", self.table), ("row", self.row)) if value is not None]
        return ", ".join(parts) or "the document"


@dataclass
class Paragraph:
    """One paragraph of running text, a heading, or a list item.

    `text` starts with the clause marker the reader sees (`一、`, `（１）`, `①`, `第3条`),
    whether the source typed it or computed it (Word numbering: `numbered` is then True).
    `heading` is 1–6 when the source itself says the paragraph is a heading (a Word
    heading style); 0 when it does not say. `bullet` is True for an item of a bulleted
    list (Word bullets, a typed `・` `●` `-`): the bullet character is not in `text`."""

    text: str
    where: Where
    heading: int = 0
    bullet: bool = False
    numbered: bool = False
    level: int = 0            # list nesting, 0 = outermost (Word's ilvl)
    indent: int = 0           # a text file's leading spaces: text indented under the line above is not a heading


@dataclass
class Table:
    """A table as rows of cell texts, every row as long as the longest. A merged cell's
    text stands in its first (top-left) cell and the cells it covers are empty;
    `merged` says which, for the report."""

    rows: list[list[str]]
    where: Where
    merged: list[str] = field(default_factory=list)   # "row 2, columns 1–3", "rows 4–5, column 1"


Block = Paragraph | Table


@dataclass(frozen=True)
class Omission:
    """Something in the source that the Markdown page does not carry: an image, a
    footnote, a comment, a tracked change, a text box, a running header, an empty table."""

    what: str
    where: Where
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class SourceDocument:
    """Everything a reader found. `title` is the document's own title when the source
    says which it is (Word's Title style or document properties); otherwise None and the
    writer takes the first heading or first short line. `notes` are facts the editor
    should know (the encoding used, how many wrapped lines were joined, headers dropped),
    one short line each."""

    blocks: list[Block]
    kind: str                                   # "text", "docx", "pdf"
    title: str | None = None
    omissions: list[Omission] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
