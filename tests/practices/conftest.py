"""Fixtures shared by the practices tests: a coalition member and a small library."""

from __future__ import annotations

import pytest

from ruggensteun.accounts.models import Role, User
from ruggensteun.practices.models import CoalitionType, EvidenceLevel
from tests.accounts.factories import user_with_role
from tests.practices.factories import (
    MOERWIJK,
    POELENBURG,
    SCHILDERSWIJK,
    CoalitionFactory,
    PracticeFactory,
    focus_area,
    published,
    region,
)


@pytest.fixture
def member() -> User:
    """A coalitielid of Poelenburg (Zaandam): may record adoptions there."""
    return user_with_role(Role.COALITIELID, POELENBURG)


@pytest.fixture
def library() -> None:
    """Four published practices and a draft, with known facet values."""
    den_haag_zw = focus_area("den-haag-zuidwest")
    zaandam = focus_area("zaandam-oost")
    ad_hoc = CoalitionFactory(type=CoalitionType.AD_HOC)
    versterkt = CoalitionFactory(type=CoalitionType.VERSTERKTE_SAMENWERKING)
    published(
        slug="a",
        summary="Buurtwerk.",
        themes=["gezondheid"],
        regions=[region(MOERWIJK)],
        coalition=versterkt,
    )
    published(
        slug="b",
        summary="Buurtwerk.",
        themes=["gezondheid", "werk_inkomen"],
        focus_areas=[zaandam],
        coalition=ad_hoc,
        evidence_level=EvidenceLevel.INDICATIES,
    )
    published(
        slug="c",
        summary="Buurtwerk.",
        themes=["werk_inkomen"],
        regions=[region(SCHILDERSWIJK), region(POELENBURG)],
        coalition=ad_hoc,
    )
    published(slug="d", summary="Iets anders.", themes=["corona"], focus_areas=[den_haag_zw])
    PracticeFactory(slug="concept", summary="Buurtwerk.", themes=["gezondheid"])
