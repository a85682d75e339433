"""Read-only API of the monitor: the indicator catalogue, observations and comparison results."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ruggensteun.analysis.spec import SUPPRESSED
from ruggensteun.areas.models import FocusArea, Region
from ruggensteun.areas.selectors import in_municipality
from ruggensteun.cbs import GEMEENTE, REGION_PATTERN, level_of
from ruggensteun.permissions import PUBLIC

from .catalogue import load
from .models import ComparisonResult, Observation
from .recompute import WIJK_VINTAGE
from .selectors import area_comparisons, latest_result_set

ERROR_UNKNOWN_INDICATOR = gettext_lazy("Onbekende indicator.")
ERROR_UNKNOWN_AREA = gettext_lazy("Onbekend gebied.")


class IndicatorSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(allow_blank=True)
    name_nl = serializers.CharField(allow_blank=True)
    name_en = serializers.CharField(allow_blank=True)
    definition_nl = serializers.CharField(allow_blank=True)
    definition_en = serializers.CharField(allow_blank=True)
    domain = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.CharField(allow_blank=True)
    polarity = serializers.CharField(allow_blank=True)
    data_source = serializers.CharField(source="source")
    levels = serializers.ListField(child=serializers.CharField(allow_blank=True))
    periods = serializers.ListField(child=serializers.CharField(allow_blank=True))
    baseline = serializers.CharField(allow_null=True, allow_blank=True)
    numerator = serializers.CharField(allow_blank=True)
    denominator = serializers.CharField(allow_blank=True)
    derived = serializers.BooleanField()
    is_gap = serializers.BooleanField()
    fill = serializers.CharField(allow_blank=True)


class IndicatorListSerializer(serializers.Serializer[Any]):
    version = serializers.CharField()
    count = serializers.IntegerField()
    results = IndicatorSerializer(many=True)


class IndicatorListView(APIView):
    """The indicator catalogue, with its version."""

    permission_classes = [AllowAny]
    page_rule = PUBLIC

    @extend_schema(summary="Indicatorcatalogus", responses=IndicatorListSerializer)
    def get(self, request: Request) -> Response:
        catalogue = load()
        items = list(catalogue.indicators.values())
        return Response(
            {
                "version": catalogue.version,
                "count": len(items),
                "results": IndicatorSerializer(items, many=True).data,
            }
        )


class IndicatorDetailView(APIView):
    permission_classes = [AllowAny]
    page_rule = PUBLIC

    @extend_schema(
        summary="Eén indicator",
        responses=IndicatorSerializer,
        parameters=[
            OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH, pattern="^[a-z0-9_]+$")
        ],
    )
    def get(self, request: Request, id: str) -> Response:
        indicator = load().indicators.get(id)
        if indicator is None:
            raise NotFound(ERROR_UNKNOWN_INDICATOR)
        return Response(IndicatorSerializer(indicator).data)


COUNTS = ("value", "numerator", "denominator", "first_value")


def suppressed_observations() -> dict[tuple[str, str, str], str]:
    """(region code, indicator, period) → reason, for every wijk or municipality figure the
    monitor's disclosure control hides (issue 14): the observations API must not publish what
    the comparison table suppresses, or an uploaded small count is one request away."""
    result_set = latest_result_set()
    if result_set is None:
        return {}
    rows = ComparisonResult.objects.filter(result_set=result_set)
    hidden: dict[tuple[str, str, str], str] = {}
    for code, indicator, period, reason in rows.filter(
        region__isnull=False, data__area_reason__in=SUPPRESSED
    ).values_list("region__code", "indicator", "period", "data__area_reason"):
        hidden[(code, indicator, period)] = reason
    for code, indicator, period, reason in rows.filter(data__gm_reason__in=SUPPRESSED).values_list(
        "data__municipality", "indicator", "period", "data__gm_reason"
    ):
        hidden[(code, indicator, period)] = reason
    return hidden


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    region = serializers.CharField(source="region.code")
    vintage = serializers.IntegerField(source="region.vintage")
    suppressed = serializers.SerializerMethodField(
        help_text="Waarom het cijfer is afgeschermd (suppressed_small, suppressed_complement), "
        "of null."
    )

    def get_suppressed(self, observation: Observation) -> str | None:
        hidden: dict[tuple[str, str, str], str] = self.context.get("suppressed", {})
        return hidden.get((observation.region.code, observation.indicator, observation.period))

    def to_representation(self, instance: Observation) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if data["suppressed"]:
            data.update(dict.fromkeys(COUNTS))
        return data

    class Meta:
        model = Observation
        fields = [
            "region",
            "vintage",
            "indicator",
            "period",
            "value",
            "numerator",
            "denominator",
            "status",
            "cbs_symbol",
            "derived",
            "first_value",
            "suppressed",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Waarnemingen",
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.STR),
            OpenApiParameter("region", OpenApiTypes.STR, pattern=REGION_PATTERN),
            OpenApiParameter("gemeente", OpenApiTypes.STR, pattern="^GM[0-9]{4}$"),
            OpenApiParameter("period", OpenApiTypes.STR),
            OpenApiParameter("vintage", OpenApiTypes.INT),
        ],
    )
)
class ObservationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Observation]):
    serializer_class = ObservationSerializer
    permission_classes = [AllowAny]
    page_rule = PUBLIC

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "suppressed": suppressed_observations()}

    def get_queryset(self) -> QuerySet[Observation]:
        params = self.request.query_params
        for name in ("indicator", "region", "gemeente", "period", "vintage"):
            if name in params and not params[name]:
                raise ValidationError({name: "Laat de parameter weg of geef een waarde."})
        observations = Observation.objects.select_related("region").order_by(
            "indicator", "period", "region__code"
        )
        if indicator := params.get("indicator"):
            observations = observations.filter(indicator=indicator)
        if period := params.get("period"):
            observations = observations.filter(period=period)
        return self._by_region(observations, params)

    def _by_region(self, observations: QuerySet[Observation], params: Any) -> QuerySet[Observation]:
        if region := params.get("region"):
            if level_of(region) is None:
                raise ValidationError({"region": "Geef een CBS-code, bijv. WK047912."})
            observations = observations.filter(region__code=region)
        if gemeente := params.get("gemeente"):
            if level_of(gemeente) != GEMEENTE:
                raise ValidationError({"gemeente": "Geef een gemeentecode als GM0479."})
            observations = observations.filter(in_municipality(gemeente, "region__code"))
        if vintage := params.get("vintage"):
            if not vintage.isdigit():
                raise ValidationError({"vintage": "Geef een jaartal, bijv. 2020."})
            observations = observations.filter(region__vintage=int(vintage))
        return observations


class FigureSerializer(serializers.Serializer[Any]):
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    lower = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(allow_null=True)


class ReferenceRegionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="CBS-code, bijv. GM0479 of VR13.")
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["gemeente", "veiligheidsregio"])


class ComparisonSerializer(serializers.Serializer[Any]):
    indicator = serializers.CharField()
    period = serializers.CharField()
    area = FigureSerializer()
    rest_of_municipality = FigureSerializer()
    municipality = FigureSerializer()
    reference_region = ReferenceRegionSerializer(
        help_text="Whose figure `municipality` holds: the municipality itself, or its safety "
        "region (veiligheidsregio) where the source publishes no municipal figures."
    )
    nederland = FigureSerializer()
    difference_rest = serializers.FloatField(allow_null=True)
    difference_nederland = serializers.FloatField(allow_null=True)
    p_rest = serializers.FloatField(allow_null=True)
    q_rest = serializers.FloatField(allow_null=True)
    significance_rest = serializers.CharField()
    p_nederland = serializers.FloatField(allow_null=True)
    q_nederland = serializers.FloatField(allow_null=True)
    significance_nederland = serializers.CharField()
    significance_municipality_nederland = serializers.CharField()
    baseline = serializers.CharField(allow_null=True)
    change_area = serializers.FloatField(allow_null=True)
    change_rest = serializers.FloatField(allow_null=True)
    difference_of_changes = serializers.FloatField(allow_null=True)
    significance_difference_of_changes = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())


def figure(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {
        "value": row.get(f"{prefix}_value"),
        "numerator": row.get(f"{prefix}_num"),
        "denominator": row.get(f"{prefix}_den"),
        "lower": row.get(f"{prefix}_lower"),
        "upper": row.get(f"{prefix}_upper"),
        "reason": row.get(f"{prefix}_reason") if row.get(f"{prefix}_value") is None else None,
    }


def reference(region: Region) -> dict[str, str]:
    return {"code": region.code, "name": region.display_name, "level": region.level}


def reference_regions(area: FocusArea) -> tuple[dict[str, str], dict[str, str] | None]:
    """The area's municipality and, where it has one, the safety region whose figures stand in
    for it (recompute.safety_region_references links them in the wijken's division)."""
    linked = (
        Region.objects.filter(code=area.municipality.code, vintage=WIJK_VINTAGE)
        .select_related("safety_region")
        .first()
    )
    safety_region = linked.safety_region if linked else None
    return reference(area.municipality), reference(safety_region) if safety_region else None


def comparison(
    row: dict[str, Any], references: tuple[dict[str, str], dict[str, str] | None]
) -> dict[str, Any]:
    municipality, safety_region = references
    indicator = load().indicators.get(row["indicator"])
    by_region = indicator is not None and indicator.unit_level == "VR" and safety_region
    return {
        "indicator": row["indicator"],
        "period": row["period"],
        "area": figure(row, "area"),
        "rest_of_municipality": figure(row, "rest"),
        "municipality": figure(row, "gm"),
        "reference_region": safety_region if by_region else municipality,
        "nederland": figure(row, "nl"),
        "difference_rest": row.get("diff_rest"),
        "difference_nederland": row.get("diff_nl"),
        "p_rest": row.get("p_rest"),
        "q_rest": row.get("q_rest"),
        "significance_rest": row.get("verdict_rest") or "not_testable",
        "p_nederland": row.get("p_nl"),
        "q_nederland": row.get("q_nl"),
        "significance_nederland": row.get("verdict_nl") or "not_testable",
        "significance_municipality_nederland": row.get("verdict_gm_nl") or "not_testable",
        "baseline": row.get("baseline"),
        "change_area": row.get("area_change"),
        "change_rest": row.get("rest_change"),
        "difference_of_changes": row.get("diff_of_changes"),
        "significance_difference_of_changes": row.get("verdict_doc") or "not_testable",
        "notes": row.get("notes") or [],
    }


class AreaComparisonsView(APIView):
    """Area, rest of municipality, municipality and Nederland for each indicator and period."""

    permission_classes = [AllowAny]
    page_rule = PUBLIC

    @extend_schema(
        summary="Vergelijkingen van een focusgebied",
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.STR),
            OpenApiParameter("period", OpenApiTypes.STR),
        ],
        responses=ComparisonSerializer(many=True),
    )
    def get(self, request: Request, slug: str) -> Response:
        area = FocusArea.objects.filter(slug=slug).select_related("municipality").first()
        if area is None:
            raise NotFound(ERROR_UNKNOWN_AREA)
        rows = area_comparisons(
            area,
            indicator=request.query_params.get("indicator") or None,
            period=request.query_params.get("period") or None,
        )
        references = reference_regions(area)
        return Response(
            ComparisonSerializer([comparison(r, references) for r in rows], many=True).data
        )
