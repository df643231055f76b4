"""Search, one index per language (pure, no MkDocs): `sections` cuts a page's HTML into the
places a result can lead to, `words` finds the words of each language with its tokenizer,
`corpus` writes the index the browser loads. The MkDocs side is hooks/search.py."""
