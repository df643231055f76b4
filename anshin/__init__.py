"""Anshin's logic: everything the site knows, with no MkDocs in it.

Two layers (README.md, "Layout"):

- `anshin/` (this package) is pure Python: clause numbering, the calendar, the school's
  data, search indexing, printing, languages and their catalogues. It is unit-tested
  without a build and used by the tools and benchmarks. No module here imports MkDocs,
  except `anshin.build_context`, the one bridge: the per-build state that the hooks
  share, and the helpers they all need (templates, source paths, errors).
- `hooks/` holds only the thin MkDocs glue that mkdocs.yml registers: each
  `hooks/<name>.py` is the MkDocs side of `anshin/<name>.py` where there is one.
"""
