"""The app's own CSS: nothing cut on any screen, and the projector's type in workshop mode.

`LAYOUT_CSS` is on every page. Streamlit draws a multiselect's chips on one line that scrolls
sideways behind a fade (on a phone two of four chips show): here they wrap onto as many lines
as they take. Below 640 px wide (a phone) headings and long words wrap, columns stack, and the
data grids scroll sideways inside their own box (their text is drawn on a canvas that CSS
cannot wrap; the table's first column is pinned, see ui/table.py).

It also keeps text and targets readable (WCAG 2.2 AA, checked with axe-core by
tests/test_browser_accessibility.py): Streamlit fades captions with `opacity: 0.6`, 3.9:1 on
white, and fades coloured words in them too (`:orange[...]`, 2.8:1); here the caption's own
colour is the text colour at 75 % (6.1:1 on white, 5.6:1 on the sidebar's grey, 8.9:1 in the
dark theme) and coloured words keep their full colour. A date input's day, month and year are
each a target of 18×20 px: here at least 24×24 px (2.5.8 Target Size). Streamlit's light
theme draws chart axis labels and titles in #808495, 3.7:1 on white: here in #5c6070 (6.3:1)
through CSS, which beats an SVG's fill attribute; the dark theme's colour is left alone.

`PROJECTOR_CSS` is added in workshop mode. Streamlit sizes its type, spacing and the data
grids' canvas text in rem, so a larger root size scales everything at once: 22 px makes body
text 22 px and the small type (sidebar links, chips, captions, table cells) 19 px, readable
from the back of a room on a 1280×720 projector. The countdown is made larger still. Charts
take their sizes from their spec (ui/chart.py): Vega draws its text in SVG at fixed sizes.
"""

from __future__ import annotations

ROOT_PX = 22  # workshop mode's root font size
COUNTDOWN_KEY = "workshop_countdown"  # the countdown's container: CSS class st-key-<key>

LAYOUT_CSS = """
<style>
/* A multiselect shows every chip: they wrap instead of scrolling sideways behind a fade. */
.stMultiSelect [data-rac][role="group"] { height: auto; max-height: none; min-height: 2.5rem; }
[data-testid="stMultiSelectTagsContainer"] {
  flex-wrap: wrap; overflow: visible; mask-image: none; -webkit-mask-image: none;
  height: auto; row-gap: 0.25rem; padding-top: 0.25rem; padding-bottom: 0.25rem;
}
[data-testid="stMultiSelectTagsContainer"] [data-tag] { height: auto; min-height: 1.75rem; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] > span {
  white-space: normal; overflow-wrap: anywhere; text-overflow: clip;
}
/* Labels of checkboxes, toggles, radios and buttons wrap in a narrow column instead of ending
   in an ellipsis ("Pick Linked…" beside a channel, "St…" on the timer's button). */
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stCheckbox"] [data-testid="stMarkdownContainer"],
.stButton [data-testid="stMarkdownContainer"] {
  white-space: normal; overflow: visible; text-overflow: clip;
}
[data-testid="stWidgetLabel"] p, [data-testid="stCheckbox"] p, .stButton p {
  white-space: normal; overflow-wrap: break-word;
}
/* Captions: readable grey instead of the whole caption at 60 % opacity (see the docstring). */
[data-testid="stApp"] [data-testid="stCaptionContainer"] {
  opacity: 1; color: color-mix(in srgb, currentColor 75%, transparent);
}
/* A date input's day, month and year: targets of at least 24×24 px. */
[data-testid="stDateInputFieldsScroller"] [role="spinbutton"] {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 24px; min-height: 24px;
}
/* Chart axis labels and titles in the light theme: 6.3:1 instead of 3.7:1 on white. */
[data-testid="stVegaLiteChart"] svg text[fill="#808495"] { fill: #5c6070; }
@media (max-width: 640px) {
  /* Headings and long words (a URL, a handle) wrap instead of running off the screen. */
  [data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
  [data-testid="stMain"] p, [data-testid="stMain"] li { overflow-wrap: anywhere; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
}
</style>
"""

PROJECTOR_CSS = f"""
<style>
html {{ font-size: {ROOT_PX}px; }}
/* The page's side margins are in rem too: keep them a projector's width, not a third of it. */
[data-testid="stMainBlockContainer"] {{
  padding-left: 2rem; padding-right: 2rem; padding-top: 2.5rem; max-width: none;
}}
/* The countdown: read across the room. */
.st-key-{COUNTDOWN_KEY} [data-testid="stMetricValue"] {{ font-size: 3rem; line-height: 1.25; }}
.st-key-{COUNTDOWN_KEY} [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] {{
  overflow: visible;
}}
</style>
"""
