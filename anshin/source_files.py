"""Reading the files editors write: every page, data file and catalogue is read here
(pure, no MkDocs).

Schools' editors save from Excel and Windows editors, which write Shift_JIS/CP932 in
Japan, GBK/GB18030 in China, and sometimes UTF-16. Such a file is not guessed at and not
converted behind the editor's back: it is refused with one message that names the file,
the encoding it appears to be in (charset-normalizer's best guess) and the command that
converts it. A UTF-8 byte order mark is accepted everywhere and dropped.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from anshin.errors import DataError


def read_text(path: Path, shown: str | None = None) -> str:
    """The text of a UTF-8 file (with or without BOM); DataError for any other encoding.
    `shown` is the path as the editor sees it (default: `path` as given)."""
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise encoding_error(path, raw, line, shown) from None


def line_of(text: str, needle: str, *, at_start: bool = False) -> int:
    """The 1-based line where `needle` first stands in `text` (with `at_start`, the first
    line that starts with it); 1 when it is not there. For messages that name the line of
    the file as the editor wrote it, whatever other hooks have done to the Markdown since."""
    if at_start:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith(needle):
                return number
        return 1
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def link_loop(docs: Path) -> tuple[Path, Path] | None:
    """A folder link under `docs` that leads back to a folder above it (a loop MkDocs would
    follow forty levels deep): (the link, where it leads), or None."""
    import os

    for folder, subfolders, _ in os.walk(docs, followlinks=False):
        for name in subfolders:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if path.parent.resolve().is_relative_to(target):
                return path, target
    return None


def encoding_error(path: Path, raw: bytes, line: int, shown: str | None = None) -> DataError:
    name = shown or str(path)
    guess = _guess(raw)
    found = f"it appears to be {guess}" if guess else "its encoding could not be recognised"
    source = _iconv_name(guess) if guess else "<its encoding>"
    return DataError(name, line, f"the file is not saved as UTF-8 ({found})",
                     f"save it as UTF-8 (in the editor: Save As… > Encoding: UTF-8), or run "
                     f"'iconv -f {source} -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}'")


def _guess(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    return {"cp932": "Shift_JIS (CP932)", "shift_jis": "Shift_JIS (CP932)", "euc_jp": "EUC-JP",
            "gb2312": "GBK (GB18030)", "gbk": "GBK (GB18030)", "gb18030": "GBK (GB18030)",
            "big5": "Big5", "utf_16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16"}.get(
        best.encoding, best.encoding)


def _iconv_name(guess: str) -> str:
    return {"Shift_JIS (CP932)": "CP932", "GBK (GB18030)": "GB18030", "EUC-JP": "EUC-JP",
            "Big5": "BIG5", "UTF-16": "UTF-16"}.get(guess, guess.upper())
