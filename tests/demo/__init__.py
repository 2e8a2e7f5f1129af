"""Demo content: loader validation and content rules (pure: no app)."""
