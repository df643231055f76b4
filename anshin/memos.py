"""Answers a process works out once and gives again in its later builds (pure, no MkDocs).

`make serve` builds the whole site again on every save, in the same process, and nearly
everything it works out is what it worked out a second before: the same front matter, the
same data files, the same pages' words and phone links. A memo keeps such an answer under
the whole of what it was worked out from (a text, a file's size, time and inode), so a
later build that asks the same question gets the answer it would have worked out, and an
edited text is a new question. That is what sets a memo apart from a build's state, which
lives on its BuildContext (anshin/build_context.py) and ends with the build: a memo can
make a build faster, never different (tests/test_rebuilds.py builds, edits and builds
again in one process, and compares the site with a fresh build's).

Two kinds:
- `functools.lru_cache` on a pure function whose arguments are the question (the front
  matter of a text: anshin/front_matter.py);
- `Memo`, for answers that come from elsewhere than one call: the analysis file a build
  has just written (anshin/analysis_cache.py), a text's words found in the build cache
  (anshin/search/words.py).

Answers are shared between the builds that ask, so what a memo gives is never changed by
its reader (a copy is given where a reader might). Each memo is bounded: when full it
starts again empty, which costs only the time of working the answers out again.
"""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["Memo"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Up to `limit` answers, each under the whole of its question (`key`)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._answers: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._answers.get(key)

    def put(self, key: K, answer: V) -> V:
        if len(self._answers) >= self.limit and key not in self._answers:
            self._answers.clear()
        self._answers[key] = answer
        return answer

    def forget(self, key: K) -> None:
        self._answers.pop(key, None)

    def clear(self) -> None:
        self._answers.clear()
