"""Writes of the areas app (`areas/services.py`): a focus area's members lie in its municipality,
and creating, changing or deleting an area, on the page or in the admin, leaves one audit event
with before and after."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ruggensteun.accounts.models import Role, User
from ruggensteun.areas.models import FocusArea, Programme, Region
from ruggensteun.areas.services import FocusAreaError, focus_area_define
from ruggensteun.audit.models import AuditEvent
from tests.accounts.factories import user_with_role, verified_login

pytestmark = pytest.mark.django_db


def test_members_must_lie_in_the_municipality() -> None:
    programme_team = user_with_role(Role.PROGRAMMATEAM)
    zaanstad = Region.objects.get(vintage=2020, code="GM0479")
    moerwijk = Region.objects.get(vintage=2020, code="WK051836")
    with pytest.raises(FocusAreaError, match="ligt niet in Zaanstad"):
        focus_area_define(
            actor=programme_team, name="Verkeerd", municipality=zaanstad, members=[moerwijk]
        )
    with pytest.raises(FocusAreaError, match="ten minste één"):
        focus_area_define(actor=programme_team, name="Leeg", municipality=zaanstad, members=[])


POELENBURG, PELDERSWIJK = "WK047912", "WK047913"


def _regions(*codes: str) -> list[Region]:
    return list(Region.objects.filter(vintage=2020, code__in=codes).order_by("code"))


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def _summary(name: str, slug: str, members: list[str], programmes: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "slug": slug,
        "municipality": "GM0479",
        "vintage": 2020,
        "is_default": False,
        "description": "",
        "members": members,
        "programmes": programmes,
    }


def _inlines(members: list[Region], programme: Programme | None, area: FocusArea | None) -> dict:
    """Management forms and rows of the admin's three inlines (programmes, members, unmatched)."""
    existing = list(area.members.order_by("pk")) if area else []
    data: dict[str, Any] = {
        "memberships-TOTAL_FORMS": "1" if programme else "0",
        "memberships-INITIAL_FORMS": "0",
        "members-TOTAL_FORMS": str(len(existing) + len(members)),
        "members-INITIAL_FORMS": str(len(existing)),
        "unmatched_names-TOTAL_FORMS": "0",
        "unmatched_names-INITIAL_FORMS": "0",
    }
    if programme:
        data |= {"memberships-0-programme": programme.pk, "memberships-0-confidence": "high"}
    for index, member in enumerate(existing):  # existing rows are deleted
        data |= {
            f"members-{index}-id": member.pk,
            f"members-{index}-region": member.region_id,
            f"members-{index}-match_method": member.match_method,
            f"members-{index}-DELETE": "on",
        }
    for index, region in enumerate(members, start=len(existing)):
        data |= {f"members-{index}-region": region.pk, f"members-{index}-match_method": "manual"}
    return data


@pytest.fixture
def beheerder(client: Client) -> User:
    user = user_with_role(Role.BEHEERDER)
    verified_login(client, user)
    return user


@pytest.mark.issue(12)
def test_an_area_created_on_the_page_is_audited(client: Client) -> None:
    analyst = user_with_role(Role.ANALIST, "GM0479")
    client.force_login(analyst)
    response = client.post(
        reverse("focus-area-create"),
        {"gemeente": "GM0479", "name": "Oost", "members": [r.pk for r in _regions(POELENBURG)]},
    )
    assert response.status_code == 302
    [event] = _events("focus_area.create")
    area = FocusArea.objects.get(slug="oost")
    assert (event.actor, event.object_id, event.area_code) == (analyst, str(area.pk), "GM0479")
    assert event.before is None
    assert event.after == _summary("Oost", "oost", [POELENBURG], [])


@pytest.mark.issue(12)
def test_an_area_created_in_the_admin_is_audited(client: Client, beheerder: User) -> None:
    programme = Programme.objects.get(code="manifest16")
    zaanstad = Region.objects.get(vintage=2020, code="GM0479")
    data = {"slug": "beheer-oost", "name": "Beheer Oost", "municipality": zaanstad.pk}
    data |= {"vintage": "2020", "description": ""}
    data |= _inlines(_regions(POELENBURG, PELDERSWIJK), programme, None)
    response = client.post(reverse("admin:areas_focusarea_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    [event] = _events("focus_area.create")
    assert event.actor == beheerder and event.before is None
    expected = _summary("Beheer Oost", "beheer-oost", [POELENBURG, PELDERSWIJK], ["manifest16"])
    assert event.after == expected


@pytest.mark.issue(12)
def test_an_area_changed_and_deleted_in_the_admin_is_audited(
    client: Client, beheerder: User
) -> None:
    area = FocusArea.objects.get(slug="zaandam-oost")
    before = {
        "name": area.name,
        "members": sorted(area.members.values_list("region__code", flat=True)),
        "programmes": sorted(area.programmes.values_list("code", flat=True)),
    }
    data = {"slug": area.slug, "name": "Zaandam Oost (nieuw)", "municipality": area.municipality_id}
    data |= {"vintage": area.vintage, "is_default": "on", "description": ""}
    data |= _inlines(_regions(PELDERSWIJK), None, area)
    data |= {  # the area's existing programme rows stay as they are
        "memberships-TOTAL_FORMS": str(area.memberships.count()),
        "memberships-INITIAL_FORMS": str(area.memberships.count()),
    }
    for index, row in enumerate(area.memberships.order_by("pk")):
        data |= {
            f"memberships-{index}-id": row.pk,
            f"memberships-{index}-focus_area": area.pk,
            f"memberships-{index}-programme": row.programme_id,
            f"memberships-{index}-source": row.source,
            f"memberships-{index}-confidence": row.confidence,
        }
    response = client.post(reverse("admin:areas_focusarea_change", args=[area.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    [event] = _events("focus_area.change")
    assert event.actor == beheerder
    assert {key: event.before[key] for key in before} == before
    assert event.after["name"] == "Zaandam Oost (nieuw)"
    assert event.after["members"] == [PELDERSWIJK]
    assert event.after["programmes"] == before["programmes"]

    response = client.post(reverse("admin:areas_focusarea_delete", args=[area.pk]), {"post": "yes"})
    assert response.status_code == 302
    [deleted] = _events("focus_area.delete")
    assert deleted.before == event.after and deleted.after is None
    assert not FocusArea.objects.filter(pk=area.pk).exists()
