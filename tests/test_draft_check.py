"""The draft checker finds a call to action in both languages; the value check fits who asks."""

from __future__ import annotations

import pytest

from strategy.core.library import load_library
from strategy.steps.guidelines import check_draft

EN, SV = load_library(language="en"), load_library(language="sv")

WITH_CTA = [
    (EN, "Check out our new job ad for a nurse in Lund https://example.org/jobs/12"),
    (EN, "We are hiring nurses. Read the ad and apply by Friday."),
    (EN, "Visit our stand at the fair on Saturday."),
    (EN, "See how our team rebuilt the intake process: https://example.org/post"),
    (EN, "Let us know what you would change."),
    (EN, "Download the guide before the workshop."),
    (SV, "Kolla in vår nya platsannons för sjuksköterska i Lund https://example.org/jobb/12"),
    (SV, "Vi söker sjuksköterskor. Läs annonsen och sök senast fredag."),
    (SV, "Besök vår monter på mässan på lördag."),
    (SV, "Se hur vårt team byggde om mottagningen: https://example.org/inlagg"),
    (SV, "Hör av er om ni vill veta mer."),
    (SV, "Ladda ner guiden före workshoppen."),
]
WITHOUT_CTA = [
    (EN, "Our office moved to the third floor last week."),
    (EN, "Seventeen new colleagues started in November."),
    (SV, "Vårt kontor flyttade till tredje våningen förra veckan."),
    (SV, "Sjutton nya kollegor började i november."),
]


@pytest.mark.parametrize(("lib", "draft"), WITH_CTA, ids=[d[:30] for _, d in WITH_CTA])
def test_an_invitation_to_act_is_found_in_english_and_swedish(lib, draft):
    result = check_draft(draft, "linkedin", lib)
    assert result.has_call_to_action
    assert not any("call to action" in n or "uppmaning" in n for n in result.notes)


@pytest.mark.parametrize(("lib", "draft"), WITHOUT_CTA, ids=[d[:30] for _, d in WITHOUT_CTA])
def test_a_plain_statement_has_no_call_to_action(lib, draft):
    assert not check_draft(draft, "linkedin", lib).has_call_to_action


@pytest.mark.parametrize("lib", [EN, SV], ids=["en", "sv"])
def test_an_organisation_is_not_asked_about_a_personal_brand(lib):
    person, organisation = (
        lib.rules.value_questions("personal"),
        lib.rules.value_questions("organisation"),
    )
    assert len(person) == len(organisation) == 3
    assert any("personal brand" in q or "personliga varumärke" in q for q in person)
    assert not any("personal" in q or "personlig" in q or " my " in q for q in organisation)
    assert not any(" min " in q or " mitt " in q for q in organisation)
