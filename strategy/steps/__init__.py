"""The wizard steps as rules: why, audit, channels, guidelines, plan, and what each gives on."""
