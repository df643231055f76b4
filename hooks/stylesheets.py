"""One stylesheet instead of four: the site's own styles (anshin.css, calendar.css,
print.css, furigana.css in overrides/assets/) are concatenated into assets/anshin-bundle.css, the only
one of them that pages link (mkdocs.yml extra_css). Each stylesheet holds up the first
paint, and on a phone network every request costs a round trip; the sources stay
separate files, one per concern."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

SOURCES = ("anshin.css", "calendar.css", "print.css", "furigana.css")
BUNDLE = "anshin-bundle.css"


def on_post_build(*, config: MkDocsConfig) -> None:
    assets = Path(config.config_file_path).parent / "overrides" / "assets"
    parts = [f"/* ---- {name} ---- */\n{(assets / name).read_text(encoding='utf-8')}" for name in SOURCES]
    (Path(config.site_dir) / "assets" / BUNDLE).write_text("\n".join(parts), encoding="utf-8")
