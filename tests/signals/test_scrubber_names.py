"""Names of persons (signals/scrubber/names.py)."""

import pytest

from ruggensteun.signals.scrubber import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gesprek met Jan de Vries gehad.", "Jan de Vries"),
        ("Gesprek met mevrouw Bakker gehad.", "Bakker"),
        ("Gesprek met de heer Van Dijk gehad.", "Van Dijk"),
        ("Gesprek met dhr. Jansen gehad.", "Jansen"),
        ("Gesprek met Fatima El Amrani gehad.", "Fatima El Amrani"),
        ("Gesprek met J. van der Meer gehad.", "J. van der Meer"),
        ("Gesprek met familie Öztürk gehad.", "Öztürk"),
    ],
)
def test_name_spans(text: str, name: str) -> None:
    (finding,) = scrub(text).findings
    assert (finding.kind, finding.text) == ("naam", name)


def test_street_named_after_a_person_is_an_address_not_a_name() -> None:
    (finding,) = scrub("Overlast bij Willem de Zwijgerlaan 12.").findings
    assert finding.kind == "adres"
    assert scrub("Onrustig rond de Willem de Zwijgerlaan.").clean
