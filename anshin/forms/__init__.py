"""Forms: the fill-in fields of agreements (pure, no MkDocs)."""
