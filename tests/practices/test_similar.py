""" "Areas like yours": practices from similar areas that tackle the area's flagged domains."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ruggensteun.areas.models import FocusArea
from ruggensteun.monitor.models import DomainResult, ResultSet, SimilarArea
from ruggensteun.monitor.selectors import similar_areas
from ruggensteun.practices.selectors import practices_like, similar_practices
from ruggensteun.practices.similar import flagged_domains
from tests.practices.factories import MOERWIJK, focus_area, published, region

pytestmark = pytest.mark.django_db


def _hand_built_profiles() -> tuple[FocusArea, FocusArea, FocusArea, FocusArea]:
    """A new (latest) result set: Zaandam Oost flagged in werk_inkomen only; Rotterdam-Zuid is
    its nearest neighbour, Utrecht Overvecht the next; Breda Noord is not similar."""
    target, near, far, other = (
        focus_area(slug)
        for slug in ("zaandam-oost", "rotterdam-zuid", "utrecht-overvecht", "breda-noord")
    )
    result_set = ResultSet.objects.create(
        stamp="test", catalogue_version="test", seconds=0, observations=0
    )
    for domain, flagged in [("werk_inkomen", True), ("gezondheid", False)]:
        DomainResult.objects.create(
            result_set=result_set,
            focus_area=target,
            domain=domain,
            period="2020",
            flagged=flagged,
            score=95.0 if flagged else 40.0,
        )
    for neighbour, distance in [(far, 0.5), (near, 0.42)]:
        SimilarArea.objects.create(
            result_set=result_set,
            focus_area=target,
            neighbour=neighbour,
            distance=distance,
            shared=4,
        )
    return target, near, far, other


def test_practices_from_similar_areas_come_first_nearest_first() -> None:
    target, near, far, other = _hand_built_profiles()
    now = timezone.now()
    # Published newest first, so that date order alone would give the opposite answer.
    from_near = published(slug="near", themes=["werk_inkomen"], focus_areas=[near])
    from_far = published(slug="far", themes=["werk_inkomen"], focus_areas=[far], published_at=now)
    from_other = published(
        slug="other", themes=["werk_inkomen"], focus_areas=[other], published_at=now
    )
    published(slug="wrong-domain", themes=["gezondheid"], focus_areas=[near], published_at=now)
    published(slug="own-area", themes=["werk_inkomen"], focus_areas=[target], published_at=now)
    from_near.published_at = now - timedelta(days=30)
    from_near.save()

    suggestions = similar_practices(target)

    assert [s.practice.slug for s in suggestions] == ["near", "far", "other"]
    first = suggestions[0]
    assert (first.area, first.distance, first.domains) == (near, 0.42, ("werk_inkomen",))
    assert first.reason == (
        "Rotterdam-Zuid lijkt op dit gebied (afstand 0,42) en deze aanpak richt zich op werk en "
        "inkomen, waar de score van dit gebied bij de 10 procent slechtst scorende wijken van "
        "Nederland hoort."
    )
    last = suggestions[2]
    assert last.practice == from_other and last.area is None and last.distance is None
    assert last.reason.startswith("Deze aanpak uit Breda Noord richt zich op werk en inkomen")
    assert from_far in [s.practice for s in similar_practices(target, limit=2)]
    assert len(similar_practices(target, limit=1)) == 1


def test_nothing_to_suggest_for_an_area_without_flags() -> None:
    target, near, _far, _other = _hand_built_profiles()
    DomainResult.objects.filter(focus_area=target).update(flagged=False)
    published(themes=["werk_inkomen"], focus_areas=[near])
    assert similar_practices(target) == []


def test_with_the_real_computed_profiles() -> None:
    """Any area flagged in werk_inkomen: a practice from its nearest similar area comes before
    one from an area that is not among its similar areas."""
    area = next(
        fa
        for fa in FocusArea.objects.order_by("slug")
        if "werk_inkomen" in flagged_domains(fa) and similar_areas(fa)
    )
    nearest = similar_areas(area)[0].neighbour
    similar_ids = {s.neighbour_id for s in similar_areas(area)} | {area.pk}
    dissimilar = FocusArea.objects.exclude(pk__in=similar_ids).order_by("slug").first()
    now = timezone.now()
    published(
        slug="dissimilar", themes=["werk_inkomen"], focus_areas=[dissimilar], published_at=now
    )
    published(
        slug="similar",
        themes=["werk_inkomen"],
        focus_areas=[nearest],
        published_at=now - timedelta(days=365),
    )
    slugs = [s.practice.slug for s in similar_practices(area)]
    assert slugs.index("similar") < slugs.index("dissimilar")


def test_a_wijk_link_places_a_practice_in_its_focus_area() -> None:
    target, _near, _far, _other = _hand_built_profiles()
    SimilarArea.objects.create(
        result_set=ResultSet.objects.order_by("-pk").first(),
        focus_area=target,
        neighbour=focus_area("den-haag-zuidwest"),
        distance=0.1,
        shared=4,
    )
    published(slug="moerwijk", themes=["werk_inkomen"], regions=[region(MOERWIJK)])
    (suggestion,) = similar_practices(target)
    assert suggestion.area == focus_area("den-haag-zuidwest")
    assert suggestion.reason.startswith("Den Haag Zuidwest lijkt op dit gebied (afstand 0,10)")


def test_practices_like_a_practice() -> None:
    target, near, far, other = _hand_built_profiles()
    practice = published(slug="hier", themes=["werk_inkomen"], focus_areas=[target])
    published(slug="same-area", themes=["werk_inkomen", "gezondheid"], focus_areas=[target])
    published(slug="far", themes=["werk_inkomen"], focus_areas=[far])
    published(slug="near", themes=["werk_inkomen"], focus_areas=[near])
    published(slug="anywhere", themes=["werk_inkomen"], focus_areas=[other])
    published(slug="other-theme", themes=["corona"], focus_areas=[near])
    suggestions = practices_like(practice)
    assert [s.practice.slug for s in suggestions] == ["same-area", "near", "far", "anywhere"]
    assert suggestions[0].reason == "Ook uit Zaandam Oost, en ook gericht op werk en inkomen."
    assert suggestions[1].reason == (
        "Rotterdam-Zuid lijkt op Zaandam Oost (afstand 0,42) en ook deze aanpak richt zich op "
        "werk en inkomen."
    )
    assert suggestions[3].reason == "Deze aanpak uit Breda Noord richt zich ook op werk en inkomen."
