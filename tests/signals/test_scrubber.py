"""The scrubber package (signals/scrubber/__init__.py): small modules, one public surface."""

from pathlib import Path

import pytest


@pytest.mark.issue(13)
def test_scrubber_is_a_package_of_modules_under_400_lines() -> None:
    import ruggensteun.signals.scrubber as package

    assert package.__file__ is not None
    modules = sorted(Path(package.__file__).parent.glob("*.py"))
    assert len(modules) > 1
    lengths = {m.name: len(m.read_text(encoding="utf-8").splitlines()) for m in modules}
    assert max(lengths.values()) < 400, lengths


@pytest.mark.issue(13)
def test_scrubber_names_stay_importable_from_the_package() -> None:
    from ruggensteun.signals import scrubber

    assert scrubber.scrub("Bel 06-12345678.").counts == {"telefoon": 1}
    assert "jan" in scrubber.first_names()
    assert scrubber.surnames()
    assert scrubber.Kind is not None
