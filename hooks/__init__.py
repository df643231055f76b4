"""Anshin's MkDocs hooks and the pure logic they share with the tests.

MkDocs loads each hook file by path (see `hooks:` in mkdocs.yml); the pure modules are
plain Python so tests and command-line tools import them without a build.
"""
