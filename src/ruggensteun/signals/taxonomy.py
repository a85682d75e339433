"""The themes of signals. Each theme names the catalogue indicators of its subject
(catalogue.toml), and its domain is theirs: one taxonomy, so a signal on loneliness sits beside
the loneliness figures and never in another domain. Only a theme no catalogue indicator measures
declares its domain itself. Sensitive themes are need-to-know only, and every theme has a
retention term after which the narratives are deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation

from ruggensteun.monitor.catalogue import load


@dataclass(frozen=True)
class Theme:
    key: str
    nl: str
    en: str
    # The catalogue indicators about the same subject; the theme's domain is theirs.
    indicators: tuple[str, ...] = ()
    # Only for a theme without indicators (tests/signals/test_taxonomy.py keeps this honest).
    declared_domain: str = ""
    sensitive: bool = False
    retention_days: int = 730  # narratives are deleted after this term; counts stay

    @property
    def domain(self) -> str:
        """The catalogue domain of the theme's indicators (all share one, a test checks)."""
        if not self.indicators:
            return self.declared_domain
        return load().indicators[self.indicators[0]].domain

    @property
    def label(self) -> str:
        return self.en if translation.get_language() == "en" else self.nl


THEMES: tuple[Theme, ...] = (
    Theme(
        "geldzorgen",
        "geldzorgen en armoede",
        "money worries and poverty",
        indicators=(
            "ggd_moeite_rondkomen",
            "ggd65_moeite_rondkomen",
            "kwb_laag_inkomen",
            "kwb_sociaal_minimum",
            "kwb_bijstand_per_1000",
            "bijstand_per_wijk",
        ),
    ),
    Theme(
        "werkloosheid",
        "werkloosheid en baanverlies",
        "unemployment and job loss",
        indicators=("kwb_ww_per_1000", "ww_per_wijk", "tozo"),
    ),
    Theme(
        "ondermijning",
        "invloed van ondermijnende activiteiten",
        "influence of subversive activities",
        indicators=("ondermijning",),
        sensitive=True,
        retention_days=365,
    ),
    Theme(
        "spanning_straat",
        "spanning en overlast op straat",
        "tension and nuisance on the street",
        indicators=("misdrijven_per_1000",),
    ),
    Theme(
        "psychisch",
        "psychische klachten en stress",
        "mental health and stress",
        indicators=("ggd_angst_depressie", "ggd_angst_depressie_hoog", "ggd_stress"),
    ),
    Theme(
        "eenzaamheid",
        "eenzaamheid en isolement",
        "loneliness and isolation",
        indicators=(
            "ggd_eenzaam",
            "ggd_ernstig_eenzaam",
            "ggd65_eenzaam",
            "ggd65_ernstig_eenzaam",
        ),
    ),
    Theme(
        "onderwijsachterstand",
        "onderwijsachterstand",
        "educational setbacks",
        indicators=("onderwijsachterstand", "kwb_laag_opgeleid"),
    ),
    Theme(
        "jongeren",
        "jongeren zonder perspectief",
        "young people without prospects",
        indicators=("jongerenloket_contacten",),
    ),
    Theme(
        "achter_de_voordeur",
        "spanning achter de voordeur",
        "tension behind the front door",
        declared_domain="leefbaarheid_wonen",  # no source measures it per wijk
        retention_days=365,
    ),
    Theme(
        "woonomgeving",
        "woonomgeving en sociale samenhang",
        "living environment and social cohesion",
        indicators=("ggd_geluidhinder_buren", "ggd_vrijwilligerswerk"),
    ),
    Theme(
        "corona_naleving",
        "corona: naleving en bereik van maatregelen",
        "COVID-19: compliance and reach of measures",
        indicators=("rivm_testen_per_1000", "rivm_aandeel_positief", "testpositiviteit_per_wijk"),
    ),
)
BY_KEY = {theme.key: theme for theme in THEMES}


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.key, theme.label) for theme in THEMES]


def themes_of_domain(domain: str) -> list[Theme]:
    return [theme for theme in THEMES if theme.domain == domain]


def quarter_of(day: date) -> str:
    """'2021-K1' for a date in January-March 2021 (K: kwartaal)."""
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def recent_quarters(today: date, count: int = 8) -> list[str]:
    """The current quarter and the ones before it, newest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append(f"{year}-K{quarter}")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result
