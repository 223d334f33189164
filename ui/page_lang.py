"""The page says which language it is in (WCAG 3.1.1), and so do its words in the other (3.1.2).

Streamlit writes `<html lang="en">` into every page, also one in Swedish, so a screen reader
reads Swedish with an English voice. `mark()` mounts an invisible component each run
(Streamlit's custom components v2, as ui/browser_copy.py: a few lines of JavaScript in the
page itself, no iframe) that:

1. sets `document.documentElement.lang` to the session's language;
2. marks the parts in another language: the language choice's label ("Language · Språk", each
   word in its own language) and options ("English", "Svenska"), and, on a page in another
   language than English, the words Streamlit itself writes in English (the file uploader's
   "Upload" button and size note).

The page redraws its elements as it likes (a rerun, another step), so the script applies the
marks again whenever the page's elements change (a MutationObserver, at most once a frame),
and every run sends the language again: the marks are set idempotently. Attributes only are
set on the elements React draws; the one text it splits (the label) keeps React's own text
node where it was, and that label never changes.
"""

from __future__ import annotations

from streamlit.components.v2 import component

from strategy.core.i18n import LANGUAGES, language

# The language choice's label, word by word with its language, and what joins the words.
LABEL_PARTS = (("Language", "en"), ("Språk", "sv"))
SEPARATOR = " · "
LANGUAGE_LABEL = SEPARATOR.join(word for word, _lang in LABEL_PARTS)
# Elements holding Streamlit's own English words (see README: they stay in English).
STREAMLIT_ENGLISH = (
    '[data-testid="stFileUploaderDropzone"] button',
    '[data-testid="stFileUploaderDropzoneInstructions"]',
    '[data-testid="stFileUploaderDropzoneInput"]',
)
ELEMENT_KEY = "page_lang"  # the component's element gets the class st-key-page_lang

JS = """
export default function ({ data }) {
  if (!data) return;
  const s = (window.__socialWhyLang ??= { data: null, queued: false });
  s.data = data;
  const apply = () => {
    s.queued = false;
    const d = s.data, root = document.documentElement;
    if (root.lang !== d.lang) root.lang = d.lang;
    const english = d.lang === "en" ? [] : document.querySelectorAll(d.english);
    for (const el of english) if (el.lang !== "en") el.lang = "en";
    const labels = document.querySelectorAll('[data-testid="stWidgetLabel"] p');
    for (const p of labels) {
      if (p.textContent !== d.label) continue;
      const group = p.closest('[data-testid="stRadio"]');
      for (const option of group ? group.querySelectorAll('[role="radiogroup"] label') : []) {
        const lang = d.options[option.textContent.trim()];
        if (lang && option.lang !== lang) option.lang = lang;
      }
      if (p.lang === d.parts[0][1]) continue;  // marked already
      // React keeps the first text node as its own: the later words are split off it.
      p.lang = d.parts[0][1];
      let node = p.firstChild;
      for (const [word, lang] of d.parts.slice(1)) {
        const at = node && node.nodeType === 3 ? node.nodeValue.indexOf(word) : -1;
        if (at < 0) break;
        const rest = node.splitText(at);
        node = rest.splitText(word.length);
        const span = document.createElement("span");
        span.lang = lang;
        rest.replaceWith(span);
        span.append(rest);
      }
    }
  };
  apply();
  if (!s.observer) {
    // Streamlit redraws elements between runs and pages: mark them again as they come.
    s.observer = new MutationObserver(() => {
      if (!s.queued) { s.queued = true; requestAnimationFrame(apply); }
    });
    s.observer.observe(document.body, { childList: true, subtree: true });
  }
}
"""
# The element holds nothing to see: take it out of the layout, gap included.
CSS = f".st-key-{ELEMENT_KEY} {{ display: none; }}"
_mount = component("social_why_page_lang", js=JS, css=CSS, isolate_styles=False)


def mark() -> None:
    """Say the session's language on the page, and the language of the words in another.

    Call once per run (the router does): the component keeps the marks while the page is
    redrawn, and a run after a language switch sends the new language.
    """
    data = {
        "lang": language(),
        "label": LANGUAGE_LABEL,
        "parts": [list(part) for part in LABEL_PARTS],
        "options": {name: code for code, name in LANGUAGES.items()},
        "english": ", ".join(STREAMLIT_ENGLISH),
    }
    _mount(key=ELEMENT_KEY, data=data, height=0)
