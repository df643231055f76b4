"""The fields of an agreement's signature block: what each one asks for, and whose it is.

A signature block (`<div class="signature" markdown>` with one list item per field,
CONTENT_CONVENTIONS.md) mixes lines to sign by hand with lines a family fills in:

    - 家长（签名）：        a signature: always a blank line, on screen and on paper
    - 电话：                a phone number: a field to type into (`type="tel"`)
    - 乙方（学生）：        the student's name: typed, or filled from a class list
    - 被委托人班级：        a class, but someone else's: typed, never filled from a list

`classify` reads a label with the words of every catalogue's `forms.words` (a form may
quote another language's labels), in this order:

1. a signature word (签名, 署名, 押印 …) makes the field a signature, whatever else it says;
2. a date word makes it a date; else a phone, class or number word says what it asks
   for; a label with none of them asks for a name (乙方（学生）：, 責任者：);
3. whose it is: a guardian word (家长, 保護者) first, since 学生家长 holds 学生 too; then
   another person (班主任, 受託者, 甲方 …); then a student word (学生, 生徒). A label that
   names nobody is the family's own (电话：, 班级：).

A copy filled from a class list may fill only the fields that plainly mean the student's
name, class and number, and the guardian's name (`FormField.roster_field`). Everything
else stays for the family to write, and signatures always stay blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from anshin.catalogue import Catalogue

# What a field asks for.
SIGNATURE, NAME, CLASS, PHONE, NUMBER, DATE = "signature", "name", "class", "phone", "number", "date"
# Whose it is.
STUDENT, GUARDIAN, SOMEONE_ELSE, UNNAMED = "student", "guardian", "someone-else", "unnamed"

# The catalogue's word lists under `forms.words`, by what they tell.
_WORD_LISTS = ("signature", "guardian", "student", "other", "phone", "class", "number", "date")
# The columns of a class list (name, class, number, guardian) that fill a field.
_ROSTER_FIELDS = {(NAME, STUDENT): "name", (CLASS, STUDENT): "class", (CLASS, UNNAMED): "class",
                  (NUMBER, STUDENT): "number", (NUMBER, UNNAMED): "number", (NAME, GUARDIAN): "guardian"}


@dataclass(frozen=True)
class FieldWords:
    """The words that tell what a label asks for: every catalogue's `forms.words`."""

    lists: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_catalogues(cls, catalogues: Mapping[str, Catalogue]) -> FieldWords:
        lists: dict[str, list[str]] = {name: [] for name in _WORD_LISTS}
        for catalogue in catalogues.values():
            for name in _WORD_LISTS:
                key = f"forms.words.{name}"
                if key in catalogue.strings:
                    words = catalogue.value(key)
                    lists[name].extend(str(word) for word in (words if isinstance(words, list) else [words]))
        # Longer words first, so that 出席番号 is seen before 番号 would be.
        return cls({name: tuple(sorted({w.casefold() for w in words if w}, key=len, reverse=True))
                    for name, words in lists.items()})

    def any_in(self, name: str, label: str) -> bool:
        folded = label.casefold()
        return any(word in folded for word in self.lists.get(name, ()))


@dataclass(frozen=True)
class FormField:
    """One field of a signature block."""

    kind: str      # SIGNATURE, NAME, CLASS, PHONE, NUMBER or DATE
    whose: str     # STUDENT, GUARDIAN, SOMEONE_ELSE or UNNAMED

    @property
    def typed(self) -> bool:
        """Whether it becomes a field to type into on screen (signatures never do)."""
        return self.kind != SIGNATURE

    @property
    def roster_field(self) -> str | None:
        """The class-list column that fills it (name, class, number, guardian), if any."""
        return _ROSTER_FIELDS.get((self.kind, self.whose))


def classify(labels: str | tuple[str, ...], words: FieldWords) -> FormField:
    """What the field with these labels asks for. A bilingual page gives the same field's
    label in each language: a signature in either is a signature, and the first label
    that names a person or a kind decides."""
    texts = (labels,) if isinstance(labels, str) else labels
    if any(words.any_in("signature", text) for text in texts):
        return FormField(SIGNATURE, _whose(texts, words))
    kind = next((kind for kind in (DATE, PHONE, NUMBER, CLASS) for text in texts if words.any_in(kind, text)), NAME)
    return FormField(kind, _whose(texts, words))


def _whose(texts: tuple[str, ...], words: FieldWords) -> str:
    for list_name, whose in (("guardian", GUARDIAN), ("other", SOMEONE_ELSE), ("student", STUDENT)):
        if any(words.any_in(list_name, text) for text in texts):
            return whose
    return UNNAMED


def has_student_name(fields: list[FormField]) -> bool:
    """Whether the block already has a line for the student's name (else one is added,
    with the class, so that every copy says whose it is)."""
    return any(field.roster_field == "name" for field in fields)
