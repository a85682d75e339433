"""The importer registry (`imports/base.py`): sources in dependency order, an unknown one
explained."""

import pytest

from ruggensteun.imports import base
from ruggensteun.imports.base import ImportRejected
from ruggensteun.imports.services import import_execute

pytestmark = pytest.mark.django_db


def test_dependencies_come_first() -> None:
    order = base.registered_sources()
    assert order.index("cbs-indeling-2020") < order.index("cbs-kwb-gemeenten-2020")
    assert (
        order.index("cbs-gemeentegrenzen")
        < order.index("cbs-wijknamen")
        < order.index("focusgebieden")
    )


def test_an_unknown_source_is_explained() -> None:
    with pytest.raises(ImportRejected) as caught:
        import_execute(source="bestaat-niet")
    assert "Onbekende bron 'bestaat-niet'" in caught.value.report()
    assert "focusgebieden" in caught.value.report()
