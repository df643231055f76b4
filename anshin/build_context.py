"""The bridge between the hooks and the logic: one explicit state per build, and the
helpers every hook needs. The only module of the package that knows MkDocs.

A build has one `BuildContext`, created by hooks/build_context.py in `on_config` and kept on the
MkDocs config object (`context(config)` finds it). It holds what is the same for every
language: the project's paths, the languages, their catalogues and the school's data,
each read once. mkdocs-static-i18n then builds each language in turn, the next one
*inside* the previous one's `on_post_build`; so each language build gets its own
`LanguageBuild`, pushed in `on_pre_build` and popped at the very end of its
`on_post_build` (`context(config).build` is the innermost). Nothing is kept in module
globals: two builds in one process (tests, `mkdocs serve`) never see each other's state.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from anshin.analysis_cache import AnalysisCache, EntryFiles, environment_of, machine_folder, source_digest
from anshin.catalogue import Catalogue, CatalogueError, load_catalogue, missing_keys
from anshin.errors import DataError
from anshin.forms.fields import FieldWords
from anshin.git_history import History
from anshin.html_blocks import placeholder
from anshin.languages import Language, LanguageError, Languages
from anshin.quoted_text import mark_quoted
from anshin.school import School, load_school
from anshin.source_files import read_text
from anshin.translation_status import Pair, pair_status
from anshin.translations import original_of
from anshin.writing_systems import WritingSystems

if TYPE_CHECKING:
    from anshin.contacts import Contact
    from anshin.furigana import Override
    from anshin.school_calendar import Holidays

# Where a project keeps its catalogues and data, relative to mkdocs.yml.
LOCALES_DIR = "locales"
DATA_DIR = "data"
# Where word analyses are kept between builds (anshin/analysis_cache.py), relative to
# mkdocs.yml, unless mkdocs.yml's `extra.build_cache` names another folder ("" for none).
BUILD_CACHE_DIR = ".build-cache"
_ATTRIBUTE = "_anshin_context"
_log = get_plugin_logger(__name__)
T = TypeVar("T")


class UnderTitle(IntEnum):
    """What stands right under a document's title, in this order, whichever hook adds it
    first (hooks/build_context.py puts them in place, after every other Markdown hook)."""

    HELP_LINK = 5               # hooks/contacts.py (pages with contact tables)
    TRANSLATION_NOTICE = 10     # hooks/translations.py
    DOCUMENT_DATES = 20         # hooks/document_dates.py
    PRINT_TOOLBAR = 30          # hooks/printing.py


@dataclass
class LanguageBuild:
    """What one language's build collects as it goes, discarded when it ends."""

    language: Language
    catalogue: Catalogue
    search_entries: list = field(default_factory=list)
    # the SHA-256 of this language's files, their URLs and inclusion (hooks/render_cache.py)
    files_key: str = ""
    # school year -> URL of the page that shows its month view (the .ics feed links it)
    calendar_pages: dict[int, str] = field(default_factory=dict)
    # document (`agreements/pickup.md`) -> its bilingual page (`agreements/pickup-bilingual.md`)
    bilingual_pages: dict[str, str] = field(default_factory=dict)
    # the URL of this language's "who to call" page (docs/contacts.<code>.md), if it has one
    help_page_url: str = ""
    # page (src_uri) -> the HTML blocks to put under its title, by place
    under_title: dict[str, dict[UnderTitle, str]] = field(default_factory=dict)
    # text -> its words as read for furigana (hooks/furigana.py): a text on many pages (an
    # event, a contact, a heading) is read by Sudachi once
    furigana_words: dict[str, list] = field(default_factory=dict)
    # key -> a block of HTML a hook put into a page's Markdown as a placeholder
    # (anshin/html_blocks.py; put back by hooks/build_context.py)
    html_blocks: dict[str, str] = field(default_factory=dict)

    def put_under_title(self, page_src_uri: str, place: UnderTitle, html: str) -> None:
        self.under_title.setdefault(page_src_uri, {})[place] = html


@dataclass
class BuildContext:
    """Everything the hooks share during one `mkdocs build` (all languages)."""

    root: Path                   # the project: the folder of mkdocs.yml
    docs: Path
    languages: Languages
    catalogues: dict[str, Catalogue]
    school: School
    builds: list[LanguageBuild] = field(default_factory=list)
    # bytes of files the default language writes at the site root (404.html, sitemaps),
    # restored after each other language's build has overwritten them
    root_files: dict[str, bytes] = field(default_factory=dict)
    # links into another language's page with an anchor: (the target page's URL from the
    # site root, the anchor, `file:line` of the link), checked once every language is built
    anchored_links: list[tuple[str, str, str]] = field(default_factory=list)
    _front_matter: dict[Path, dict] = field(default_factory=dict, repr=False)   # BuildContext.meta's
    _translation_pairs: dict[Path, Pair | None] = field(default_factory=dict, repr=False)
    # whose national holidays the calendar marks, and the language of their names
    # (mkdocs.yml `extra.holidays`, read by hooks/school_calendar.py in on_config)
    holidays: Holidays | None = None
    # when each source file last changed: one `git log` for the build (hooks/document_dates.py,
    # the translation notices)
    history: History = field(default_factory=History, repr=False)
    # the folder of the word analyses kept between builds, None for no cache
    cache_folder: Path | None = None
    # mkdocs.yml as written: what the Markdown extensions and link checks are configured by
    # (part of the environment of the pages' HTML kept between builds, hooks/render_cache.py)
    config_text: str = field(default="", repr=False)
    _caches: dict[str, AnalysisCache] = field(default_factory=dict, repr=False)
    _machine_caches: dict[str, AnalysisCache] = field(default_factory=dict, repr=False)
    _entry_files: dict[str, EntryFiles] = field(default_factory=dict, repr=False)

    @property
    def build(self) -> LanguageBuild:
        if not self.builds:
            raise PluginError("Anshin: no language build is in progress — fix: list hooks/build_context.py in "
                              "mkdocs.yml's hooks (it starts and ends each language's build)")
        return self.builds[-1]

    @property
    def language(self) -> Language:
        return self.build.language

    @property
    def catalogue(self) -> Catalogue:
        return self.build.catalogue

    def language_name(self, code: str, in_language: str | None = None) -> str:
        """What `code`'s language is called in `in_language` (default: the one being built):
        the catalogue's `language_names.<code>` (日文, 中国語), else the language's own name
        from mkdocs.yml, so a newly added language needs no entry in every other catalogue."""
        catalogue = self.catalogues[in_language] if in_language else self.catalogue
        key = f"language_names.{code}"
        return catalogue.text(key) if key in catalogue.strings else self.languages[code].name

    @property
    def data(self) -> Path:
        return self.root / DATA_DIR

    def shown(self, path: str | os.PathLike[str]) -> str:
        """`path` as the editor sees it: relative to the project (`docs/x.md`, `data/school.yml`).
        A Path or a string (a data entry keeps the path of its file as a string)."""
        # Not resolved: a link is shown where it is, not where it leads.
        absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root))
        return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else Path(path).as_posix()

    def read(self, path: Path) -> str:
        """A source file's text (UTF-8, BOM accepted); a PluginError naming it otherwise."""
        try:
            return read_text(path, self.shown(path))
        except DataError as error:
            raise fail(error) from None

    def load(self, loader: Callable[[Path, tuple[str, ...]], T], relative_path: str) -> T:
        """`loader(data/<relative_path>, the site's language codes)`, its DataError turned
        into the build's error with the project-relative path: the one way data is read."""
        try:
            return loader(self.data / relative_path, self.languages.codes)
        except DataError as error:
            raise fail(error.shown_from(self.root)) from None

    def meta(self, path: Path) -> dict:
        """The front matter of a page that is not the one being built (its twin, its
        original). Read once per build: the pages do not change while it runs, and every
        page asks for its twins' (printing, dates, translations)."""
        key = Path(os.path.abspath(path))
        if key not in self._front_matter:
            self._front_matter[key] = get_data(self.read(path))[1]
        return self._front_matter[key]

    def translation_pair(self, path: Path) -> Pair | None:
        """A translation, its original and how it stands against it (None when `path` is
        not a translation, or has no original). Worked out once per build: every language
        build and several hooks ask (the notice, the clause checks, the notes, the print)."""
        key = Path(os.path.abspath(path))
        if key not in self._translation_pairs:
            self._translation_pairs[key] = self._pair(key)
        return self._translation_pairs[key]

    def _pair(self, path: Path) -> Pair | None:
        meta = self.meta(path)
        if "translation_checked" not in meta:
            return None
        norm, code = self.languages.split(path.relative_to(os.path.abspath(self.docs)).as_posix())
        found = original_of(self.languages, self.docs, norm, code, self.meta)
        if found is None:
            return None
        original_code, original = found
        return pair_status(path, original, original_code, self.read(path), self.read(original), meta,
                           self.meta(original), self.history)

    def analysis_cache(self, name: str, distributions: tuple[str, ...], data: tuple[str, ...] = ()) -> AnalysisCache:
        """The build's cache of one word analysis (anshin/analysis_cache.py), opened on the
        first call; its entries are stale unless made by this code (the anshin package),
        these `distributions`' versions and this `data`."""
        cache = self._caches.get(name)
        if cache is None:
            cache = self._caches[name] = AnalysisCache.open(
                self.cache_folder, name, environment_of(_package_source(), distributions, data))
        return cache

    def machine_cache(self, name: str, distributions: tuple[str, ...], data: tuple[str, ...] = ()) -> AnalysisCache:
        """A cache of what depends on nothing but `distributions` (and `data`), kept for the
        machine rather than the site (anshin/analysis_cache.py `machine_folder`): not
        emptied by `make clean` or a new code version, and used with the build cache off."""
        cache = self._machine_caches.get(name)
        if cache is None:
            cache = self._machine_caches[name] = AnalysisCache.open(
                machine_folder(), name, environment_of("machine", distributions, data), keep_unused=True)
        return cache

    def entry_files(self, name: str, distributions: tuple[str, ...], data: tuple[str, ...] = ()) -> EntryFiles:
        """Like `analysis_cache`, for entries large enough to be kept a file each (EntryFiles)."""
        cache = self._entry_files.get(name)
        if cache is None:
            cache = self._entry_files[name] = EntryFiles.open(
                self.cache_folder, name, environment_of(_package_source(), distributions, data))
        return cache

    @cached_property
    def template_cache(self) -> jinja2.BytecodeCache | None:
        """Compiled templates kept between builds (and between the languages of one), for
        the machine (anshin/analysis_cache.py `machine_folder`), like Python's own compiled
        modules: Jinja names each by the template's path and uses it only while the
        template's source and Jinja's version are what they were compiled from. None (each
        build compiles them) where that folder cannot be written."""
        folder = machine_folder() / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _log.debug(f"{folder}: templates not kept ({error.strerror or error})")
            return None
        return jinja2.FileSystemBytecodeCache(str(folder))

    def save_caches(self) -> None:
        """Keep what this build's analyses found, for the next build (at its very end)."""
        caches: list[AnalysisCache | EntryFiles] = [*self._caches.values(), *self._entry_files.values()]
        for cache in caches:
            _log.debug(f"build cache {cache.name}: {cache.hits} found, {cache.misses} worked out")
            try:
                cache.save()
            except OSError as error:
                raise self._unwritable(cache.path, error) from None
        for cache in self._machine_caches.values():
            try:
                cache.save()
            except OSError as error:   # worked out again next time, as on a fresh machine
                _log.debug(f"{cache.path}: not kept ({error.strerror or error})")

    def _unwritable(self, path: Path, error: OSError) -> PluginError:
        return PluginError(f"{self.shown(path)}: the build cache cannot be written ({error.strerror or error}) "
                           f"— fix: make {self.shown(self.cache_folder or path.parent)} writable, or turn the "
                           f"cache off with extra.build_cache: '' in mkdocs.yml")

    @cached_property
    def writing_systems(self) -> WritingSystems:
        return WritingSystems.from_catalogues(
            {code: catalogue.text("writing_system.only") for code, catalogue in self.catalogues.items()})

    @cached_property
    def field_words(self) -> FieldWords:
        """The words that tell a signature block's fields apart (anshin/forms/fields.py),
        from every catalogue, once per build: every agreement page asks."""
        return FieldWords.from_catalogues(self.catalogues)

    @cached_property
    def calendars(self) -> dict:
        """{school year: Calendar} from data/calendar/, read once per build (all languages)."""
        from anshin.school_calendar import load_calendars

        return {calendar.year: calendar for calendar in self.load(load_calendars, "calendar")}

    @cached_property
    def contacts(self) -> list[Contact]:
        """data/contacts.yml's entries (anshin/contacts.py), read once per build."""
        from anshin.contacts import load_contacts

        return self.load(lambda path, codes: load_contacts(path, codes, self.school.dialling), "contacts.yml")

    @cached_property
    def readings(self) -> dict[str, Override]:
        """data/readings.yml's furigana overrides (anshin/furigana.py), read once per build."""
        from anshin.furigana import load_overrides

        return self.load(load_overrides, "readings.yml")


def create(config: MkDocsConfig) -> BuildContext:
    """Read what every language shares; stop the build with file:line if any of it is bad."""
    root = Path(config.config_file_path).resolve().parent
    languages = languages_of(config)
    catalogues = {}
    for language in languages:
        shown = f"{LOCALES_DIR}/{language.code}.yml"
        try:
            catalogues[language.code] = load_catalogue(root / shown, language.code, shown)
        except DataError as error:
            raise fail(error) from None
    reference = catalogues[languages.default.code]
    for catalogue in catalogues.values():
        missing = missing_keys(reference, catalogue)
        if missing:
            more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise PluginError(f"{catalogue.path}:1: the catalogue has no '{missing[0]}'{more} — fix: add "
                              f"'{missing[0]}' to {catalogue.path}, translated from {reference.path}")
    try:
        school = load_school(root / DATA_DIR / "school.yml", languages.codes)
    except DataError as error:
        raise fail(error.shown_from(root)) from None
    return BuildContext(root=root, docs=Path(config.docs_dir), languages=languages,
                        catalogues=catalogues, school=school, cache_folder=_cache_folder(root, config),
                        config_text=_config_text(Path(config.config_file_path)))


def _config_text(path: Path) -> str:
    # Read as bytes: MkDocs has parsed it already, and only its exact text matters here.
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return ""


def _cache_folder(root: Path, config: MkDocsConfig) -> Path | None:
    folder = config.extra.get("build_cache", BUILD_CACHE_DIR)
    if not folder:
        return None
    if not isinstance(folder, str):
        raise PluginError(f"mkdocs.yml: 'extra.build_cache' is {folder!r}, not a folder — fix: write the folder "
                          f"for the build cache, relative to mkdocs.yml (e.g. {BUILD_CACHE_DIR}), or '' for none")
    return root / folder


@lru_cache(maxsize=1)
def _package_source() -> str:
    # Read once per process: the code does not change under a running build, and
    # `mkdocs serve` loads it once (tools/serve.py restarts the preview when it changes).
    return source_digest(Path(__file__).parent)


def start(config: MkDocsConfig) -> BuildContext:
    """The build's context, created on the first call for this config object."""
    found = getattr(config, _ATTRIBUTE, None)
    if found is None:
        found = create(config)
        setattr(config, _ATTRIBUTE, found)
    return found


def context(config: MkDocsConfig) -> BuildContext:
    """This build's context (hooks/build_context.py creates it first thing in `on_config`)."""
    found = getattr(config, _ATTRIBUTE, None)
    if found is None:
        raise PluginError("Anshin: the build has no context — fix: list hooks/build_context.py in mkdocs.yml's hooks")
    return found


def languages_of(config: MkDocsConfig) -> Languages:
    """The languages from mkdocs-static-i18n's configuration (and `extra.lang_tags`)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("mkdocs.yml: Anshin needs the i18n plugin (mkdocs-static-i18n) — fix: "
                          "list '- i18n:' with its languages under 'plugins:'")
    entries = [{"locale": entry.locale, "name": entry.name, "default": entry.default, "build": entry.build}
               for entry in i18n.config.languages]
    try:
        return Languages.from_config(entries, config.extra.get("lang_tags"))
    except LanguageError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None


def project_languages(root: Path) -> Languages:
    """The languages of the project at `root`, from its mkdocs.yml, for tools and tests
    that run without a build (the same model the build uses)."""
    import os

    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return languages_of(load_config(config_file=str(root / "mkdocs.yml")))


def fail(error: DataError) -> PluginError:
    """The one way a bad input stops the build: `file:line: problem — fix: …`, no traceback."""
    return PluginError(str(error))


def render(config: MkDocsConfig, template: str, **values: object) -> str:
    """Render a template from `overrides/` (or the theme), autoescaped, with the
    `template_globals` (values passed in take precedence)."""
    build_context = context(config)
    environment = _environment(tuple(config.theme.dirs), build_context.template_cache)
    try:
        return environment.get_template(template).render({**template_globals(build_context), **values})
    except CatalogueError as error:
        raise PluginError(f"{error} (needed by overrides/{template})") from None


def html_block(config: MkDocsConfig, template: str, **values: object) -> str:
    """`render` for a block of final HTML that a hook puts into a page's Markdown on lines
    of its own: the placeholder line to put there instead (anshin/html_blocks.py), which
    becomes the HTML again once the page is converted. Not for a template that needs
    Markdown to read inside it (`markdown="1"`)."""
    html = render(config, template, **values).strip()
    line, key = placeholder(html)
    context(config).build.html_blocks[key] = html
    return line


def template_globals(build_context: BuildContext) -> dict[str, object]:
    """What every template sees, ours (`render`) and the theme's (hooks/build_context.py,
    `on_env`): `t(key, …)` (the current language's catalogue), `t_in(code, key, …)`
    (another's), `anshin_languages`, `lang_tags` ({code: BCP 47}) and `anshin_school`."""
    return {
        "t": build_context.catalogue.markup,
        "t_in": lambda code, key, **v: build_context.catalogues[code].markup(key, **v),
        "anshin_languages": build_context.languages,
        "lang_tags": build_context.languages.tags,
        "anshin_school": build_context.school,
    }


@lru_cache(maxsize=4)
def _environment(dirs: tuple[str, ...], bytecode_cache: jinja2.BytecodeCache | None) -> jinja2.Environment:
    # The theme's own environment is only built after pages are converted, so hooks
    # that run on Markdown need their own, over the same template directories.
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["mark_quoted"] = mark_quoted
    return environment


def first_body_line(page: Page) -> int:
    """1-based line in the source file where the Markdown body (after front matter) begins.

    Measured on the file itself: other plugins may already have reflowed the Markdown
    a hook receives (mkdocs-static-i18n drops its trailing newline, for one).
    """
    source = page.file.content_string
    body, _ = get_data(source)
    return source[: len(source) - len(body)].count("\n") + 1


def plain_text(value: object) -> str:
    """A page's title or description as text: hooks/front_matter.py escapes them for the
    theme, which prints them as they are; code that needs the words unescapes them."""
    return value.unescape() if isinstance(value, Markup) else str(value or "")


def docs_path(page: Page) -> str:
    """The page's source path as editors see it, e.g. `docs/agreements/pickup.zh.md`."""
    return f"docs/{page.file.src_uri}"


__all__ = ["BuildContext", "LanguageBuild", "context", "create", "docs_path", "fail",
           "first_body_line", "languages_of", "plain_text", "project_languages", "render", "start", "template_globals"]
