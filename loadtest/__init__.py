"""Load test: many real browser sessions through the whole wizard at once."""
