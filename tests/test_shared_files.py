"""Files in docs/ that are not pages and name no language belong to every language's site
(hooks/shared_files.py): a Japanese page, and the Japanese side-by-side page written from
a Chinese one, link a shared PDF form that exists; a file named for a language stays that
language's."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

from tests.conftest import copy_project, run_build
from tests.html_tools import parse
from tests.project import LANGUAGES

FORM = "agreements/sample-form.pdf"
FORM_BYTES = b"%PDF-1.4\n% a form to print\n"


def _link_target(site: Path, page: str, name: str) -> Path:
    html = (site / page).read_text(encoding="utf-8")
    hrefs = [a.attrs["href"] for a in parse(html).find_all("a") if a.attrs.get("href", "").endswith(name)]
    assert hrefs, f"{page} has no link to {name}"
    return site / unquote(urljoin("/" + page, hrefs[0])).lstrip("/")


def test_a_shared_file_is_linked_from_every_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / FORM).write_bytes(FORM_BYTES)
    (project / "docs" / "agreements" / "map.ja.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    other = next(language for language in LANGUAGES if not language.default)
    default = LANGUAGES.default
    contacts = project / "docs" / f"contacts.{other.code}.md"
    contacts.write_text(contacts.read_text(encoding="utf-8") + f"\n[申込書]({FORM})\n", encoding="utf-8")
    pickup = project / "docs" / "agreements" / f"pickup.{default.code}.md"
    pickup.write_text(pickup.read_text(encoding="utf-8") + "\n[申请表](sample-form.pdf)\n", encoding="utf-8")

    site = tmp_path / "site"
    result = run_build(project, site, extra_env={"ANSHIN_BUILD_CACHE": ""})
    assert result.returncode == 0, result.stderr
    for page in (f"{other.root}contacts/index.html", f"{other.root}agreements/pickup-bilingual/index.html",
                 "agreements/pickup/index.html", "agreements/pickup-bilingual/index.html"):
        assert _link_target(site, page, "sample-form.pdf").read_bytes() == FORM_BYTES, page
    # Named for a language, a file stays that language's.
    assert (site / other.root / "agreements" / "map.png").exists()
    assert not (site / "agreements" / "map.png").exists() and not (site / "agreements" / "map.ja.png").exists()


def test_the_language_a_file_s_name_gives_it() -> None:
    assert LANGUAGES.named_language("agreements/form.ja.pdf") == "ja"
    assert LANGUAGES.named_language("agreements/pickup.zh.md") == "zh"
    assert LANGUAGES.named_language("agreements/form.pdf") is None
    assert LANGUAGES.named_language("assets/v1.2.png") is None
