"""The architecture as README.md's "Layout" describes it, checked (issue 14):

- hooks/ holds only the MkDocs glue that mkdocs.yml registers;
- the logic (anshin/) never imports MkDocs, except its one bridge, anshin/build_context.py;
- nobody edits sys.path;
- no language is named in the glue, the logic or the templates: languages come from
  configuration, words from the catalogues;
- no module keeps state between builds (no module-level container that is changed, no
  `global`); what a process keeps from one build to the next is memos, answers kept under
  the whole of their question (anshin/memos.py), which tests/test_rebuilds.py checks
  make a rebuild no different from a fresh build;
- the order of the hooks in mkdocs.yml does not change the site.
"""

from __future__ import annotations

import ast
import filecmp
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, run_build
from tests.project import LANGUAGES

GLUE = sorted((ROOT / "hooks").glob("*.py"))
LOGIC = sorted((ROOT / "anshin").rglob("*.py"))
TEMPLATES = sorted((ROOT / "overrides").rglob("*.html")) + [ROOT / "overrides" / "sitemap.xml"]
BRIDGE = ROOT / "anshin" / "build_context.py"


def _registered_hooks() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:[ \t]+.*\n|\n)+)", text, re.MULTILINE).group(1)
    return re.findall(r"^\s+- (hooks/\S+\.py)\s*$", block, re.MULTILINE)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_hooks_holds_only_the_registered_glue() -> None:
    registered = set(_registered_hooks())
    present = {f"hooks/{path.name}" for path in GLUE if path.name != "__init__.py"}
    assert present == registered


def test_the_logic_never_imports_mkdocs_except_through_the_bridge() -> None:
    offenders = []
    for path in LOGIC:
        if path == BRIDGE:
            continue
        for node in ast.walk(_tree(path)):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names
                          if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n", "hooks", "properdocs")]
            if isinstance(node, ast.ImportFrom) and node.module == "anshin.build_context":
                offenders.append(f"{path.relative_to(ROOT)}: anshin.build_context")
    assert offenders == []


def test_nobody_edits_sys_path() -> None:
    offenders = [path.relative_to(ROOT).as_posix() for path in GLUE + LOGIC
                 if "sys.path" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_no_language_is_named_in_the_glue_or_the_logic() -> None:
    codes = set(LANGUAGES.codes) | set(LANGUAGES.tags.values())
    found = []
    for path in GLUE + LOGIC:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in codes:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_no_language_is_named_in_the_templates() -> None:
    codes = "|".join(re.escape(code) for code in LANGUAGES.codes)
    literal = re.compile(rf"""["']({codes})["']""")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in TEMPLATES
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if literal.search(line)]
    assert found == []


_MUTATORS = {"append", "extend", "insert", "pop", "popitem", "clear", "update", "setdefault", "add",
             "discard", "remove", "sort"}


def _module_state(path: Path) -> list[str]:
    tree = _tree(path)
    containers = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        mutable = isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in ("list", "dict", "set", "defaultdict", "OrderedDict", "deque"))
        if mutable:
            containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    changed = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            changed.append(f"global {', '.join(node.names)}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS
                and isinstance(node.func.value, ast.Name) and node.func.value.id in containers):
            changed.append(f"{node.func.value.id}.{node.func.attr}() at line {node.lineno}")
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            for target in (node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]):
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                        and target.value.id in containers:
                    changed.append(f"{target.value.id}[…] changed at line {node.lineno}")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{shown}: {what}" for what in changed]


def test_no_module_keeps_state_between_builds() -> None:
    assert [state for path in GLUE + LOGIC for state in _module_state(path)] == []


def test_the_state_check_finds_module_state(tmp_path: Path) -> None:
    # The check above must be able to fail: a module in the old style is caught.
    sample = tmp_path / "sample.py"
    sample.write_text("_pages: dict[int, str] = {}\n\ndef on_page(page):\n    _pages[1] = page\n    _seen.append(1)\n"
                      "_seen = []\n", encoding="utf-8")
    found = _module_state(sample)
    assert any("_pages[…]" in f for f in found) and any("_seen.append" in f for f in found)


@pytest.mark.slow
def test_the_order_of_the_hooks_does_not_change_the_site(tmp_path: Path) -> None:
    # The same copy of the project built twice (a copy has no git history, so both builds
    # show no "last changed" date): hooks as listed, then in reverse order.
    project = copy_project(tmp_path / "project")
    listed = run_build(project, tmp_path / "listed")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hooks = _registered_hooks()
    reordered = text
    for original, new in zip(hooks, list(reversed(hooks)), strict=True):
        reordered = reordered.replace(f"  - {original}\n", f"  - @@{new}\n", 1)
    reordered = reordered.replace("  - @@", "  - ")
    assert _registered_hooks_of(reordered) == list(reversed(hooks))
    config.write_text(reordered, encoding="utf-8")
    reversed_build = run_build(project, tmp_path / "reversed")
    assert reversed_build.returncode == 0, reversed_build.stdout + reversed_build.stderr
    pages = sorted(p.relative_to(tmp_path / "listed").as_posix() for p in (tmp_path / "listed").rglob("*.html"))
    assert pages == sorted(p.relative_to(tmp_path / "reversed").as_posix() for p in (tmp_path / "reversed").rglob("*.html"))
    assert len(pages) > 30
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "listed", tmp_path / "reversed", pages, shallow=False)
    assert (mismatch, errors) == ([], [])


def _registered_hooks_of(text: str) -> list[str]:
    return re.findall(r"^\s+- (hooks/\S+\.py)\s*$", text, re.MULTILINE)


def test_mkdocs_yml_is_the_configuration_the_tests_read() -> None:
    # tests/project.py builds the Languages model from mkdocs.yml, as the build does.
    i18n = next(p["i18n"] for p in yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)["plugins"]
                if isinstance(p, dict) and "i18n" in p)
    assert [entry["locale"] for entry in i18n["languages"]] == list(LANGUAGES.codes)


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python tags as plain values."""


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_every_name_a_module_exports_exists() -> None:
    # A stale __all__ (a name removed or renamed) is caught here.
    import importlib

    stale = []
    for path in LOGIC:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        stale += [f"{name}.{item}" for item in getattr(module, "__all__", ()) if not hasattr(module, item)]
    assert stale == []


def test_class_names_are_unique_across_the_logic() -> None:
    # Two classes of one name (two Blocks, two Entries) make a reader guess which is meant.
    seen: dict[str, str] = {}
    twice = []
    for path in LOGIC:
        for node in _tree(path).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                if node.name in seen:
                    twice.append(f"{node.name}: {seen[node.name]} and {path.relative_to(ROOT)}")
                seen[node.name] = str(path.relative_to(ROOT))
    assert twice == []
