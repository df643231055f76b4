"""The project's configuration as the tests see it: the same Languages model the build
uses, from mkdocs.yml (mkdocs-static-i18n's languages and extra.lang_tags), not a copy."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from anshin.languages import Languages

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=4)
def languages(project: Path = ROOT) -> Languages:
    from mkdocs.config import load_config

    from anshin.build_context import languages_of

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return languages_of(load_config(config_file=str(project / "mkdocs.yml")))


LANGUAGES = languages()
