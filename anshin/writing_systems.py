"""Characters that tell Chinese and Japanese text apart (pure, no MkDocs).

Han characters are shared, so only these betray a language: kana and Japanese-only
character forms (shinjitai) are never Chinese; simplified-only forms are never Japanese.
"""

from __future__ import annotations

KANA = frozenset(chr(c) for c in range(0x3041, 0x3097)) | frozenset(chr(c) for c in range(0x30A1, 0x30FB))
JAPANESE_ONLY = frozenset("対発関様読図経済県険検歳駅円広変戦売帰単乗労働続") | KANA
SIMPLIFIED_ONLY = frozenset(
    "们这说对为时发过还么样给让进经问间关从应实现电话认识请谁该岁级师处带费录须办观视检险护贵责负园车长门见听读"
    "饭钱书买卖东设计论讲语调总报协议网"
)


def betrays(text: str) -> str | None:
    """'ja' or 'zh' when `text` contains characters only that language uses, else None."""
    if set(text) & JAPANESE_ONLY:
        return "ja"
    if set(text) & SIMPLIFIED_ONLY:
        return "zh"
    return None
