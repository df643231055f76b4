"""Forms: fill-in fields of agreements and class sets printed from a roster (pure, no MkDocs)."""
