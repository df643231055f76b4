"""Anshin's MkDocs glue: each module here is registered in mkdocs.yml (`hooks:`) and is the
MkDocs side of the logic in the `anshin` package (hooks/X.py beside anshin/X.py).

MkDocs loads each hook file by path; this file only makes `python -m hooks.clause_numbering`
(the clause checker's command line) importable.
"""
