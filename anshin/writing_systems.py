"""Characters that tell the site's languages apart (pure, no MkDocs).

Han characters are shared by Chinese and Japanese, so only some characters betray a
language: kana and Japanese-only character forms (shinjitai) are never Chinese;
simplified-only forms are never Japanese. Each language's catalogue lists its own under
`writing_system.only` (locales/<code>.yml; ranges such as `ぁ-ゖ` allowed), so a new
language brings its own, or none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class WritingSystems:
    """{language code: the characters only that language writes}, in configuration order."""

    only: Mapping[str, frozenset[str]]

    @classmethod
    def from_catalogues(cls, specs: Mapping[str, str]) -> WritingSystems:
        """From each catalogue's `writing_system.only` string ({code: spec})."""
        return cls({code: characters(spec) for code, spec in specs.items()})

    def betrays(self, text: str) -> str | None:
        """The code of a language that `text` must be in, from characters only it uses."""
        present = set(text)
        for code, own in self.only.items():
            if present & own:
                return code
        return None

    def foreign(self, text: str, language: str) -> set[str]:
        """Characters of `text` that only another language than `language` writes."""
        present = set(text)
        return {c for code, own in self.only.items() if code != language for c in present & own}


def characters(spec: str) -> frozenset[str]:
    """`ぁ-ゖァ-ヺ対発` -> the characters, with `a-b` as a range of code points."""
    found: set[str] = set()
    index = 0
    while index < len(spec):
        if index + 2 < len(spec) and spec[index + 1] == "-":
            found.update(chr(c) for c in range(ord(spec[index]), ord(spec[index + 2]) + 1))
            index += 3
        else:
            found.add(spec[index])
            index += 1
    found.discard(" ")
    return frozenset(found)
