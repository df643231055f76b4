"""Start from the school's existing file: `make import SRC=… OUT=…` (pure, no MkDocs).

    make import SRC=~/Downloads/いじめ防止基本方針.pdf OUT=docs/policy/anti-bullying.ja.md
    make import SRC=安全协议.docx OUT=docs/agreements/safety.zh.md FORCE=1

A school has its policy as a Word file, as the PDF it posted, or as text copied from a
web page. This writes one Markdown page in Anshin's conventions (CONTENT_CONVENTIONS.md)
from it; the page's language is OUT's suffix (`.ja.md`, `.zh.md`).

- **Word (.docx)**: Word's automatic numbering is computed as Word shows it (`一、`
  `（一）` `1.` `(1)` `①` `ア` `第1条` …, from numbering.xml: anshin/importing/word_numbering.py);
  heading styles become headings; tables become tables, merged cells reported.
- **PDF with a text layer**: lines wrapped by the layout are joined into paragraphs,
  running headers, footers and page numbers dropped, ruled tables kept
  (anshin/importing/pdf.py). A scan with no text layer is refused: run OCR first.
- **Text**: UTF-8 (with or without BOM), UTF-16, Shift_JIS/CP932, EUC-JP, GBK/GB18030 or
  Big5, detected and reported; wrapped lines joined (anshin/importing/plain_text.py).

All three go through one writer (anshin/importing/markdown.py): clause markers stay as the
document displays them (never renumbered, never a Markdown ordered list), bullets become
`- `, blanks `==…==`, signature lines the signature block. The description is a marked
placeholder: the strict build fails until the editor writes it.

Then the page is checked as the build would check it (clause numbering, front matter) and
the findings are printed with file:line, so the editor sees at once what the source
itself gets wrong. What could not be carried over (images, footnotes, comments, tracked
changes, text boxes) is listed with where it is in the source (page, paragraph, table).

Nothing is overwritten without FORCE=1 (`--force`); a source that cannot be imported (a
.doc, an 一太郎 or Hangul file, an encrypted or damaged file, an empty document, a file
over 50 MB) gets one line naming the file and what to do, exit status 2, and nothing is
written.
"""
