"""The themes of signals, each tied to one of the monitor's domains (catalogue.toml), so that a
signal sits beside the indicators of the same domain. Sensitive themes are need-to-know only,
and every theme has a retention term after which the narratives are deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation


@dataclass(frozen=True)
class Theme:
    key: str
    domain: str
    nl: str
    en: str
    sensitive: bool = False
    retention_days: int = 730  # narratives are deleted after this term; counts stay

    @property
    def label(self) -> str:
        return self.en if translation.get_language() == "en" else self.nl


THEMES: tuple[Theme, ...] = (
    Theme("geldzorgen", "werk_inkomen", "geldzorgen en armoede", "money worries and poverty"),
    Theme(
        "werkloosheid", "werk_inkomen", "werkloosheid en baanverlies", "unemployment and job loss"
    ),
    Theme(
        "ondermijning",
        "veiligheid_ondermijning",
        "invloed van ondermijnende activiteiten",
        "influence of subversive activities",
        sensitive=True,
        retention_days=365,
    ),
    Theme(
        "spanning_straat",
        "veiligheid_ondermijning",
        "spanning en overlast op straat",
        "tension and nuisance on the street",
    ),
    Theme("psychisch", "gezondheid", "psychische klachten en stress", "mental health and stress"),
    Theme("eenzaamheid", "gezondheid", "eenzaamheid en isolement", "loneliness and isolation"),
    Theme(
        "onderwijsachterstand", "onderwijs_jeugd", "onderwijsachterstand", "educational setbacks"
    ),
    Theme(
        "jongeren",
        "onderwijs_jeugd",
        "jongeren zonder perspectief",
        "young people without prospects",
    ),
    Theme(
        "achter_de_voordeur",
        "leefbaarheid_wonen",
        "spanning achter de voordeur",
        "tension behind the front door",
        retention_days=365,
    ),
    Theme(
        "woonomgeving",
        "leefbaarheid_wonen",
        "woonomgeving en sociale samenhang",
        "living environment and social cohesion",
    ),
    Theme(
        "corona_naleving",
        "corona",
        "corona: naleving en bereik van maatregelen",
        "COVID-19: compliance and reach of measures",
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
