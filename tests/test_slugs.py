"""One `unique_slug` for focus areas, coalitions and practices."""

import pytest

from ruggensteun.areas.models import FocusArea
from ruggensteun.practices.models import Practice
from ruggensteun.slugs import unique_slug
from tests.practices.factories import PracticeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]


def test_a_taken_slug_gets_the_next_free_number() -> None:
    assert FocusArea.objects.filter(slug="zaandam-oost").exists()
    taken = FocusArea.objects.all()
    assert unique_slug("Zaandam Oost", taken=taken, fallback="gebied") == "zaandam-oost-2"
    practice = PracticeFactory(slug="buurtvaders")
    PracticeFactory(slug="buurtvaders-2")
    practices = Practice.objects.all()
    assert unique_slug("Buurtvaders", taken=practices, fallback="item") == "buurtvaders-3"
    kept = unique_slug("Buurtvaders", taken=practices, fallback="item", exclude_pk=practice.pk)
    assert kept == "buurtvaders"


def test_a_name_without_letters_gets_the_fallback_and_a_long_one_fits_the_field() -> None:
    assert unique_slug("?!", taken=FocusArea.objects.all(), fallback="gebied") == "gebied"
    slug = unique_slug("Straat " * 40, taken=Practice.objects.all(), fallback="item")
    assert len(slug) <= 100 and not slug.endswith("-")
