"""Numbers and units follow the page's language (issue 15 item 9): 1.234,5 and "per 1.000
inwoners" on Dutch pages, 1,234.5 and "per 1,000 inhabitants" on English ones."""

import pytest
from django.template import Context, Template
from django.utils import translation

from ruggensteun.monitor.catalogue import UNIT_LABELS, UNITS
from ruggensteun.web.templatetags.humanize_nl import UNIT_TEXTS

TEMPLATE = Template(
    "{% load humanize_nl %}{{ big|number:1 }} | {{ share|number:'percent' }} | {{ big|number }}"
    " | {{ people|nl_int }} | {{ unit|unit_text }} | {{ missing|number|default:'–' }}"
)
VALUES = {"big": 1234.5, "share": 17.94, "people": 156794, "unit": "per_1000", "missing": None}


def rendered(language: str) -> str:
    with translation.override(language):
        return TEMPLATE.render(Context(VALUES))


@pytest.mark.issue(15)
def test_dutch_pages_write_dutch_numbers_and_units() -> None:
    assert rendered("nl") == "1.234,5 | 17,9% | 1.234 | 156.794 | per 1.000 inwoners | –"


@pytest.mark.issue(15)
def test_english_pages_write_english_numbers_and_units() -> None:
    assert rendered("en") == "1,234.5 | 17.9% | 1,234 | 156,794 | per 1,000 inhabitants | –"


def test_every_catalogue_unit_has_a_text_in_both_languages() -> None:
    assert set(UNIT_TEXTS["nl"]) == set(UNIT_TEXTS["en"]) == UNITS
    assert UNIT_TEXTS["nl"] == UNIT_LABELS
