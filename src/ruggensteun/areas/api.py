"""Read-only API of regions and focus areas under /api/v1/ (public data only)."""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from ruggensteun.cbs import GEMEENTE_PATTERN, level_of
from ruggensteun.permissions import PUBLIC

from .models import FocusArea, FocusAreaMember, Level, MembershipDecision, Region, UnmatchedName
from .selectors import area_population, focus_areas_queryset, in_municipality


class RegionSerializer(serializers.ModelSerializer[Region]):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "level",
            "vintage",
            "parent_code",
            "population",
            "population_source",
        ]


class MemberSerializer(serializers.ModelSerializer[FocusAreaMember]):
    code = serializers.CharField(source="region.code")
    name = serializers.CharField(source="region.name")
    level = serializers.CharField(source="region.level")

    class Meta:
        model = FocusAreaMember
        fields = ["code", "name", "level", "partial", "match_method", "listed_name"]


class DecisionSerializer(serializers.ModelSerializer[MembershipDecision]):
    current = serializers.BooleanField(
        source="is_current",
        help_text="false: het programmateam heeft de samenstelling later aangepast (superseded_at)",
    )

    class Meta:
        model = MembershipDecision
        # Who decided stays off the public API (a person's name); when does not.
        fields = ["codes", "reason", "confidence", "source", "current", "superseded_at"]


class UnmatchedNameSerializer(serializers.ModelSerializer[UnmatchedName]):
    decision = DecisionSerializer(allow_null=True)

    class Meta:
        model = UnmatchedName
        fields = ["listed_name", "reason", "suggestions", "decision"]


POPULATION = inline_serializer(
    name="AreaPopulation",
    fields={
        "value": serializers.IntegerField(),
        "year": serializers.IntegerField(help_text="indelingsjaar van de opgetelde wijken"),
        "source": serializers.CharField(),
    },
    allow_null=True,
)


class FocusAreaSerializer(serializers.ModelSerializer[FocusArea]):
    programmes = serializers.SerializerMethodField()
    gm_code = serializers.CharField(source="municipality.code")
    municipality_name = serializers.CharField(source="municipality.name")
    member_codes = serializers.SerializerMethodField()
    members = MemberSerializer(many=True)
    unmatched_names = UnmatchedNameSerializer(many=True)
    population = serializers.SerializerMethodField()

    class Meta:
        model = FocusArea
        fields = [
            "slug",
            "name",
            "programmes",
            "gm_code",
            "municipality_name",
            "vintage",
            "member_codes",
            "members",
            "unmatched_names",
            "population",
            "is_default",
        ]

    def get_programmes(self, area: FocusArea) -> list[str]:
        return [membership.programme.code for membership in area.memberships.all()]

    def get_member_codes(self, area: FocusArea) -> list[str]:
        return sorted(member.region.code for member in area.members.all())

    @extend_schema_field(POPULATION)
    def get_population(self, area: FocusArea) -> dict[str, object] | None:
        """The sum of the members' inhabitants, or null unless every member's count is known."""
        value = area_population(area)
        if value is None:
            return None
        sources = sorted({member.region.population_source for member in area.members.all()})
        return {"value": value, "year": area.vintage, "source": "; ".join(filter(None, sources))}


@extend_schema_view(
    list=extend_schema(
        summary="Focusgebieden",
        parameters=[OpenApiParameter("programme", OpenApiTypes.STR, enum=["manifest16", "nplv20"])],
    ),
    retrieve=extend_schema(summary="Eén focusgebied"),
)
class FocusAreaViewSet(viewsets.ReadOnlyModelViewSet[FocusArea]):
    serializer_class = FocusAreaSerializer
    permission_classes = [AllowAny]
    page_rule = PUBLIC
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[FocusArea]:
        areas = (
            focus_areas_queryset()
            .prefetch_related(
                Prefetch(
                    "unmatched_names",
                    queryset=UnmatchedName.objects.select_related("decision"),
                )
            )
            .order_by("slug")
        )
        programme = self.request.query_params.get("programme")
        if programme is not None:
            if programme not in {"manifest16", "nplv20"}:
                raise ValidationError({"programme": "Kies manifest16 of nplv20."})
            areas = areas.filter(programmes__code=programme)
        return areas


@extend_schema_view(
    list=extend_schema(
        summary="Regio's (CBS-indeling per jaar)",
        parameters=[
            OpenApiParameter("level", OpenApiTypes.STR, enum=Level.values),
            OpenApiParameter("gemeente", OpenApiTypes.STR, pattern=GEMEENTE_PATTERN),
            OpenApiParameter("vintage", OpenApiTypes.INT, description="indelingsjaar, bijv. 2020"),
        ],
    )
)
class RegionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Region]):
    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    page_rule = PUBLIC

    def get_queryset(self) -> QuerySet[Region]:
        regions = Region.objects.select_related("parent").order_by("vintage", "code")
        params = self.request.query_params
        for name in ("level", "gemeente", "vintage"):
            if name in params and not params[name]:
                raise ValidationError({name: "Laat de parameter weg of geef een waarde."})
        if level := params.get("level"):
            if level not in Level.values:
                raise ValidationError(
                    {"level": f"Onbekend niveau; kies uit {', '.join(Level.values)}."}
                )
            regions = regions.filter(level=level)
        if gemeente := params.get("gemeente"):
            if level_of(gemeente) != Level.GEMEENTE:
                raise ValidationError({"gemeente": "Geef een gemeentecode als GM0479."})
            regions = regions.filter(in_municipality(gemeente))
        if vintage := params.get("vintage"):
            if not vintage.isdigit():
                raise ValidationError({"vintage": "Geef een jaartal, bijv. 2020."})
            regions = regions.filter(vintage=int(vintage))
        return regions
