"""Social Why's domain: the strategy model, content library, rules and renderers (no UI)."""
