"""One taxonomy: a signal theme's domain is the domain of the catalogue indicators of its
subject (issue 15 item 9)."""

import pytest

from ruggensteun.monitor.catalogue import DOMAINS, load
from ruggensteun.signals.taxonomy import BY_KEY, THEMES, themes_of_domain


def test_every_theme_takes_the_domain_of_its_catalogue_indicators() -> None:
    indicators = load().indicators
    for theme in THEMES:
        assert theme.domain in DOMAINS, theme.key
        unknown = [i for i in theme.indicators if i not in indicators]
        assert not unknown, f"{theme.key}: {unknown} not in catalogue.toml"
        domains = {indicators[i].domain for i in theme.indicators}
        assert domains <= {theme.domain}, f"{theme.key} spans {domains}"


def test_a_theme_declares_its_domain_only_when_no_indicator_measures_it() -> None:
    for theme in THEMES:
        assert bool(theme.indicators) != bool(theme.declared_domain), theme.key


@pytest.mark.issue(15)
def test_loneliness_signals_sit_with_the_loneliness_figures() -> None:
    lonely = BY_KEY["eenzaamheid"]
    assert lonely.domain == "leefbaarheid_wonen" == load().indicators["ggd_eenzaam"].domain
    assert lonely in themes_of_domain("leefbaarheid_wonen")
    assert lonely not in themes_of_domain("gezondheid")
