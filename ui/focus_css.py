"""Keyboard focus: always visible, never hidden behind the sticky header (WCAG 2.2 2.4.7, 2.4.11).

Injected on every page beside ui.layout_css.LAYOUT_CSS.

Streamlit's own focus marks are a pale red shadow on buttons, a border colour on text fields,
the browser's thin ring on the hidden checkbox and radio inputs (drawn on an element nobody
sees), and nothing at all on the sidebar's page links, the grid and the headings' link icons
(which stay transparent when focused). One ring replaces them all: a 3 px outline in a dark
blue that keeps 3:1 against the white page, the grey sidebar and the buttons (WCAG 1.4.11),
drawn on the box a person sees: the field's frame, the checkbox's label, the grid's frame.

The main section (`stMain`) is the page's scroll container and the header
(`stHeader`, 3.75 rem, transparent) lies over its top: `scroll-padding-top` makes the browser
stop scrolling a focused element into view below the header instead of under it.
"""

from __future__ import annotations

# Dark blue: 9:1 on white, 8.6:1 on the sidebar's #f8f8f7, 3.6:1 beside the primary red.
RING = "#0b4f9c"

FOCUS_CSS = f"""
<style>
/* The header covers the scroll container's top 3.75 rem: focus scrolls stop below it. */
[data-testid="stMain"] {{
  scroll-padding-top: 5rem;
  /* Chrome scrolls a focused text area only until its caret shows: the room below brings
     the whole field (up to about 100 px) into view. */
  scroll-padding-bottom: 7rem;
}}
[data-testid="stSidebarContent"] {{
  scroll-padding-top: 1rem;
  scroll-padding-bottom: 1rem;
}}
[data-testid="stMain"] :is(a, button, input, textarea, canvas, [tabindex]) {{
  scroll-margin-top: 5rem;
  scroll-margin-bottom: 1.5rem;
}}

/* One ring for everything focusable that has a box of its own. */
a:focus-visible,
button:focus-visible,
summary:focus-visible,
[role="tab"]:focus-visible,
[role="spinbutton"]:focus-visible,
[tabindex]:not(input):focus-visible {{
  outline: 3px solid {RING} !important;
  outline-offset: 2px !important;
}}
/* Buttons drew a pale shadow as their only mark: the ring replaces it. */
button:focus-visible {{
  box-shadow: none !important;
}}

/* The main section itself is a tab stop (to scroll with the arrow keys): ring inside it. */
[data-testid="stMain"]:focus-visible {{
  outline-offset: -3px !important;
}}

/* The headings' link icons are transparent until hovered: show one when it has focus. */
[data-testid="stHeaderActionElements"] a:focus-visible {{
  opacity: 1 !important;
}}

/* Text fields, text areas, select boxes and multiselects: ring the frame a person sees,
   not the borderless input inside it. */
[data-testid="stTextInputRootElement"]:has(input:focus-visible),
[data-testid="stTextAreaRootElement"]:has(textarea:focus-visible),
[data-testid="stNumberInputContainer"]:has(input:focus-visible),
:is([data-testid="stSelectbox"], [data-testid="stMultiSelect"])
  [role="group"]:has(input:focus-visible) {{
  outline: 3px solid {RING} !important;
  outline-offset: 2px !important;
}}
/* Any other text input rings itself. */
input:not([type="checkbox"], [type="radio"]):focus-visible,
textarea:focus-visible {{
  outline: 3px solid {RING} !important;
  outline-offset: 2px !important;
}}
:is(
    [data-testid="stTextInputRootElement"],
    [data-testid="stTextAreaRootElement"],
    [data-testid="stNumberInputContainer"],
    [data-testid="stSelectbox"],
    [data-testid="stMultiSelect"]
  )
  :is(input, textarea):focus-visible {{
  outline: none !important;
}}

/* Checkboxes, toggles and radio buttons hide the real input: ring their label. */
label:has(input:is([type="checkbox"], [type="radio"]):focus-visible) {{
  outline: 3px solid {RING} !important;
  outline-offset: 2px !important;
  border-radius: 0.25rem;
}}

/* The data grid draws on a canvas; its scroller (a tab stop of its own where the table
   scrolls sideways) and the hidden cells screen readers read (Tab moves along a row's cells)
   have no box to ring: ring the grid's frame while anything in it has focus. (:focus-within,
   not :has(): Chrome does not restyle a :has() rule when focus moves between those cells.) */
[data-testid="stDataFrame"]:focus-within {{
  outline: 3px solid {RING} !important;
  outline-offset: 2px !important;
  border-radius: 0.5rem;
}}
/* A table's toolbar (add row, columns, download, search, full screen) shows on hover only:
   show it too while one of its buttons has the keyboard. */
[data-testid="stElementToolbar"]:focus-within {{
  opacity: 1 !important;
  top: -2.75rem !important; /* where hovering puts it: above the table, not over its header */
  z-index: 1 !important;
  visibility: visible !important;
  pointer-events: auto !important;
}}
[data-testid="stDataFrame"] canvas:focus-visible {{
  outline: none !important;
}}
</style>
"""
