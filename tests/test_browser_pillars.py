"""Content pillars in a real browser: a resumed file's pillars on Channels, Guidelines and
Analytics, in English and Swedish."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from strategy.core.i18n import _, percent, using
from strategy.core.library import library
from strategy.core.model import ContentPillar
from strategy.core.storage import dumps
from strategy.demo.personas import load_persona

pytestmark = pytest.mark.browser
PILLARS = [
    ContentPillar(name="Careers", share=40, words="#careers, hiring"),
    ContentPillar(name="Behind the scenes", share=30, words="behind the scenes"),
    ContentPillar(name="Learning", share=30, words="mentoring, learned"),
]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_pillars_of_a_resumed_file_show_on_channels_guidelines_and_analytics(
    page: Page, server_url: str, tmp_path, wizard, language
):
    s = load_persona("hr_team", language)
    s.channels.pillars = PILLARS
    saved = tmp_path / "pillars.json"
    saved.write_bytes(dumps(s))
    steps = {st.id: st.title for st in library(language).steps.step}
    with using(language):
        resumed = _("Resumed from {name}.").format(name="pillars.json")
        shares = [percent(p.share / 100, 0) for p in PILLARS]
        mix = _("Planned mix: {mix} = {total}").format(mix=" + ".join(shares), total=percent(1, 0))
        guideline = _("Mix of posts: {parts}").format(
            parts=" · ".join(f"{share} {p.name}" for share, p in zip(shares, PILLARS, strict=True))
        )
        measured = _("Your content pillars on these posts")
    wizard.open(page, server_url)
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").set_input_files(str(saved))
    expect(page.get_by_text(resumed)).to_be_visible()
    for step, text in (("channels", mix), ("guidelines", guideline), ("analytics", measured)):
        with wizard.acting(page, rerun=True):
            page.get_by_role("link", name=steps[step]).click()
        expect(page.get_by_text(text).first).to_be_visible()
