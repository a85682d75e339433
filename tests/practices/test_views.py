"""The practice pages as visitors, coalition members and editors use them."""

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.audit.models import AuditEvent
from ruggensteun.practices.models import Adoption, Practice
from ruggensteun.practices.search.index import search_rebuild
from ruggensteun.practices.starter import load_practice_examples
from ruggensteun.practices.workflow import Status
from tests.accounts.factories import user_with_role, verified_login
from tests.practices.factories import POELENBURG, coalition_in, focus_area, published

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Huiswerkklas in de moskee",
    "problem": "Kinderen lopen achterstand op sinds de scholen dicht waren.",
    "target_group": "Basisschoolkinderen in Poelenburg.",
    "goal": "De achterstand inhalen.",
    "approach": "Vrijwilligers begeleiden twee middagen per week.",
    "themes": ["onderwijs_jeugd"],
    "evidence_level": "ervaring",
}


def test_a_member_drafts_and_submits_and_an_editor_publishes(client: Client) -> None:
    from ruggensteun.areas.models import FocusArea

    member = user_with_role(Role.COALITIELID, POELENBURG)
    client.force_login(member)
    area = FocusArea.objects.get(slug="zaandam-oost")
    response = client.post(reverse("practice-create"), {**FORM, "focus_areas": [area.pk]})
    practice = Practice.objects.get(title=FORM["title"])
    assert response.status_code == 302 and practice.owner == member
    assert practice.status == Status.DRAFT
    # Anonymous visitors do not see a draft, nor does another coalition member.
    assert Client().get(reverse("practice-detail", args=[practice.slug])).status_code == 404
    other = Client()
    other.force_login(user_with_role(Role.COALITIELID, POELENBURG))
    assert other.get(reverse("practice-detail", args=[practice.slug])).status_code == 404
    step = reverse("practice-step", args=[practice.slug])
    client.post(step, {"to_status": "submitted"})
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    # The member cannot publish; the refusal is shown and nothing changes.
    page = client.post(step, {"to_status": "in_review"}, follow=True).content.decode()
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED and "mag de stap" in page
    editor = Client()
    verified_login(editor, user_with_role(Role.PROGRAMMATEAM))  # two-factor: required for editors
    assert FORM["title"] in editor.get(reverse("practice-review")).content.decode()
    editor.post(step, {"to_status": "in_review"})
    editor.post(step, {"to_status": "published"})
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED and practice.review_due is not None
    assert AuditEvent.objects.filter(object_id=str(practice.pk)).count() >= 4
    search_rebuild()
    results = Client().get(reverse("practice-search"), {"q": "achterstanden kinderen"})
    assert FORM["title"] in results.content.decode()
    area_page = Client().get(reverse("focus-area-detail", args=["zaandam-oost"]))
    assert FORM["title"] in area_page.content.decode()


def test_search_page_filters_by_facet_and_escapes_the_query(client: Client) -> None:
    load_practice_examples()
    search_rebuild()
    page = client.get(reverse("practice-search"), {"q": "<b>buurtvaders</b>"}).content.decode()
    assert "&lt;b&gt;buurtvaders&lt;/b&gt;" in page and "<b>buurtvaders</b>" not in page
    page = client.get(reverse("practice-search"), {"q": "buurtvaders"}).content.decode()
    assert "Schilderswijk" in page and "<mark>" in page.lower()
    filtered = client.get(
        reverse("practice-search"), {"q": "", "evidence_level": "bewezen"}
    ).content.decode()
    assert "0 aanpakken" in filtered


def test_a_coalition_member_registers_a_coalition_without_personal_data(client: Client) -> None:
    from ruggensteun.areas.models import FocusArea

    client.force_login(user_with_role(Role.COALITIELID, POELENBURG))
    area = FocusArea.objects.get(slug="zaandam-oost")
    response = client.post(
        reverse("coalition-create"),
        {
            "name": "Poelenburg Kookt",
            "type": "ad_hoc",
            "focus_areas": [area.pk],
            "partners": "Buurthuis De Boog; welzijn; ruimte en koks\nWoonstichting; corporatie",
            "resident_ownership_level": "bewoners",
        },
    )
    assert response.status_code == 302
    page = Client().get(response["Location"]).content.decode()
    assert "Buurthuis De Boog" in page and "ruimte en koks" in page
    bad = client.post(
        reverse("coalition-create"),
        {
            "name": "X",
            "type": "ad_hoc",
            "focus_areas": [area.pk],
            "partners": "Alleen een naam",
            "resident_ownership_level": "bewoners",
        },
    )
    assert "Regel 1: schrijf" in bad.content.decode()


def test_media_links_are_saved_and_bad_ones_refused(client: Client) -> None:
    client.force_login(user_with_role(Role.COALITIELID, POELENBURG))
    links = "https://example.org/huiswerkklas Verslag van de eerste maand"
    client.post(reverse("practice-create"), {**FORM, "media": links})
    practice = Practice.objects.get(title=FORM["title"])
    assert [(m.url, m.caption) for m in practice.media.all()] == [
        ("https://example.org/huiswerkklas", "Verslag van de eerste maand")
    ]
    page = client.get(reverse("practice-detail", args=[practice.slug])).content.decode()
    assert 'href="https://example.org/huiswerkklas"' in page
    bad = client.post(reverse("practice-create"), {**FORM, "title": "Ander", "media": "geen link"})
    assert "Regel 1: begin met een webadres" in bad.content.decode()
    assert not Practice.objects.filter(title="Ander").exists()


@pytest.mark.issue(12)
def test_the_form_offers_only_the_members_coalitions(client: Client, member: User) -> None:
    own = coalition_in("den-haag-zuidwest", created_by=member, name="Eigen coalitie")
    other = coalition_in("den-haag-zuidwest", name="Andermans coalitie")
    practice = published()
    client.force_login(member)
    url = reverse("adoption-create", args=[practice.slug])
    offered = client.get(url).context["form"].fields["coalition"].queryset
    assert own in offered and other not in offered
    zaandam_oost = focus_area("zaandam-oost")
    response = client.post(
        url, {"focus_area": zaandam_oost.pk, "coalition": other.pk, "status": "planned"}
    )
    assert response.status_code == 200 and not Adoption.objects.exists()
    response = client.post(
        url, {"focus_area": zaandam_oost.pk, "coalition": own.pk, "status": "planned"}
    )
    assert response.status_code == 302
    assert Adoption.objects.get().coalition == own
