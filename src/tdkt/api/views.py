"""The REST API's viewsets. Each queryset starts from accounts.scope, so an object outside the
user's subtree is a 404 and a filter can only narrow what the user may see; each write goes
through the page's form and the app's service function (same validation, same audit entry)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tdkt.accounts.scope import awards_for, people_for, units_for
from tdkt.api.filters import (
    DecisionFilterForm,
    DossierFilterForm,
    UnitFilterForm,
    VerdictFilterForm,
    YearRecordFilterForm,
)
from tdkt.api.serializers import (
    AWARD_CODE_CHOICES,
    AwardCreateSerializer,
    AwardSerializer,
    DecisionSerializer,
    DossierSerializer,
    NominationSerializer,
    PersonCreateSerializer,
    PersonDetailSerializer,
    PersonSerializer,
    PersonWriteSerializer,
    UnitSerializer,
    VerdictSerializer,
    YearRecordCreateSerializer,
    YearRecordSerializer,
    YearRecordWriteSerializer,
    form_data,
    form_errors,
)
from tdkt.awards.enums import AwardStatus
from tdkt.awards.forms import RecordAwardForm, RegisterFilterForm
from tdkt.awards.models import AwardRecord
from tdkt.awards.services import AwardError, record_past_award
from tdkt.common.enums import Gender, Grade
from tdkt.common.text import fold
from tdkt.decisions.enums import DecisionStatus
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.decisions.queries import decisions_for
from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Dossier, Nomination
from tdkt.nominations.queries import dossiers_for
from tdkt.organisations.enums import UnitKind
from tdkt.organisations.models import Unit
from tdkt.people.enums import Category
from tdkt.people.forms import PeopleFilterForm, PersonForm, ServicePeriodForm, YearRecordForm
from tdkt.people.models import Person, ServicePeriod, YearRecord
from tdkt.people.queries import filter_people
from tdkt.people.services import PeopleError, create_person, save_year_record, update_person
from tdkt.rules.models import EvaluationVerdict


def _param(name: str, kind: Any, description: str, enum: Any = None) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, enum=enum)


YEAR_PARAM = _param("year", OpenApiTypes.INT, "Year (of the record, award or verdict).")
UNIT_PARAM = _param(
    "unit", OpenApiTypes.INT, "Id of a unit in your scope: it and the units under it."
)
Q_PARAM = _param("q", OpenApiTypes.STR, "Name search; diacritics and case are ignored.")
AWARD_PARAM = _param("award_code", OpenApiTypes.STR, "Award code.", AWARD_CODE_CHOICES)


def _choices(choices: Any) -> list[str]:
    return [value for value, _label in choices]


def _narrow(queryset: QuerySet[Any], data: dict[str, Any], **lookups: str) -> QuerySet[Any]:
    """Apply each filled filter field through its lookup; a unit narrows to its subtree.

    Empty means None, "" or 0 (no filter); a boolean False still filters."""
    for field, lookup in lookups.items():
        value = data[field]
        if value is None or (not value and not isinstance(value, bool)):
            continue
        if isinstance(value, Unit):
            queryset = queryset.filter(**{f"{lookup}__path__startswith": value.path})
        else:
            queryset = queryset.filter(**{lookup: value})
    return queryset


def _bound_filter(request: Request, form_class: Any, names: dict[str, str], **kwargs: Any) -> Any:
    """A filter form bound to the query string (API names mapped to the form's); an invalid
    filter is a 400 that names the parameter, never a wider answer."""
    data = {
        form_name: request.query_params.get(api_name)
        for api_name, form_name in names.items()
        if request.query_params.get(api_name) not in (None, "")
    }
    form = form_class(data, **kwargs)
    if not form.is_valid():
        back = {form_name: api_name for api_name, form_name in names.items()}
        raise ValidationError({back.get(k, k): v for k, v in form_errors(form).items()})
    return form


def _in_scope(queryset: QuerySet[Any], pk: Any, field: str) -> Any:
    """The object with id `pk` in the scoped queryset, or a 400 on `field` that says the same
    for an unknown id and for one outside the scope (so nothing leaks)."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_not_yours()]})
    return found


def _not_yours() -> str:
    return _("There is no such record among those you are responsible for.")


class ScopedViewSet(viewsets.GenericViewSet):
    def get_object(self) -> Any:
        # The same answer for an object that does not exist and one outside the scope.
        try:
            return super().get_object()
        except Http404 as exc:
            raise NotFound(_not_yours()) from exc

    @property
    def user(self) -> Any:
        return self.request.user

    def filters(self, form_class: Any, names: Iterable[str] | dict[str, str]) -> Any:
        """The list's filters from the query string, checked by `form_class` within the user's
        units (`names`: API parameter names, or a map of them to the form's)."""
        mapping = names if isinstance(names, dict) else {name: name for name in names}
        return _bound_filter(self.request, form_class, mapping, units=units_for(self.user))


# --- units -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Units in your scope",
        parameters=[
            Q_PARAM,
            UNIT_PARAM,
            _param("kind", OpenApiTypes.STR, "Kind of unit.", _choices(UnitKind.choices)),
            _param("active", OpenApiTypes.BOOL, "true: units that still exist; false: historic."),
        ],
    ),
    retrieve=extend_schema(summary="One unit"),
)
class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Unit.objects.none()  # for the schema: ids are integers
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        units = units_for(self.user).order_by("path")
        if self.action != "list":
            return units
        data = self.filters(UnitFilterForm, ("unit", "kind", "active")).cleaned_data
        for word in fold(self.request.query_params.get("q", "")).split():
            units = units.filter(search_key__contains=word)
        if data["unit"] is not None:
            units = units.filter(path__startswith=data["unit"].path)
        if data["kind"]:
            units = units.filter(kind=data["kind"])
        if data["active"] is not None:
            units = units.filter(valid_to__isnull=data["active"])
        return units


# --- people ----------------------------------------------------------------------------------

PEOPLE_FILTERS = {
    "q": "q",
    "unit": "unit",
    "category": "category",
    "gender": "gender",
    "grade": "grade",
    "year": "grade_year",
    "award_code": "award",
    "award_year": "award_year",
}


@extend_schema_view(
    list=extend_schema(
        summary="People in your scope",
        parameters=[
            Q_PARAM,
            UNIT_PARAM,
            _param("category", OpenApiTypes.STR, "Category now.", _choices(Category.choices)),
            _param("gender", OpenApiTypes.STR, "Gender.", _choices(Gender.choices)),
            _param("grade", OpenApiTypes.STR, "Yearly grade (with year).", _choices(Grade.choices)),
            _param("year", OpenApiTypes.INT, "Has a yearly record for this year."),
            _param(
                "award_code", OpenApiTypes.STR, "Holds this award (granted).", AWARD_CODE_CHOICES
            ),
            _param("award_year", OpenApiTypes.INT, "... for this year."),
        ],
    ),
    retrieve=extend_schema(summary="One person, with service history"),
    create=extend_schema(
        summary="Add a person with the service period that places them in a unit",
        request=PersonCreateSerializer,
        responses={201: PersonDetailSerializer},
    ),
    update=extend_schema(
        summary="Change a person's identity",
        request=PersonWriteSerializer,
        responses={200: PersonDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some of a person's identity",
        request=PersonWriteSerializer,
        responses={200: PersonDetailSerializer},
    ),
)
class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    queryset = Person.objects.none()  # for the schema: ids are integers

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "list":
            return PersonSerializer
        if self.action == "create":
            return PersonCreateSerializer
        if self.action in {"update", "partial_update"}:
            return PersonWriteSerializer
        return PersonDetailSerializer

    def get_queryset(self) -> QuerySet[Person]:
        people = people_for(self.user)
        if self.action == "list":
            form = self.filters(PeopleFilterForm, PEOPLE_FILTERS)
            data = form.cleaned_data
            people = filter_people(
                people,
                query=data["q"],
                unit=data["unit"],
                category=data["category"],
                gender=data["gender"],
                grade=data["grade"],
                grade_year=data["grade_year"],
                award=data["award"],
                award_year=data["award_year"],
            )
        periods = ServicePeriod.objects.select_related("unit").order_by("-start_on", "-id")
        return people.prefetch_related(Prefetch("service_periods", queryset=periods)).order_by(
            "sort_key", "id"
        )

    def _detail(self, person: Person, code: int) -> Response:
        fresh = self.get_queryset().get(pk=person.pk)
        return Response(PersonDetailSerializer(fresh, context={}).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = PersonCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        person_form = PersonForm(form_data(values), prefix=None)
        period_form = ServicePeriodForm(
            form_data(values), units=units_for(self.user).filter(valid_to__isnull=True)
        )
        valid = person_form.is_valid() & period_form.is_valid()
        if not valid:
            raise ValidationError(form_errors(person_form, period_form))
        try:
            person = create_person(
                person_form.save(commit=False), period_form.save(commit=False), actor=self.user
            )
        except PeopleError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        return self._detail(person, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        partial = kwargs.get("partial", False)
        incoming = PersonWriteSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        values = {name: getattr(person, name) for name in PersonForm.Meta.fields}
        values.update(incoming.validated_data)
        form = PersonForm(form_data(values), instance=person)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        try:
            update_person(form.save(commit=False), actor=self.user)
        except PeopleError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        return self._detail(person, status.HTTP_200_OK)


# --- yearly records --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Yearly records of the people in your scope",
        parameters=[
            YEAR_PARAM,
            UNIT_PARAM,
            _param("person", OpenApiTypes.INT, "Id of a person."),
            _param("grade", OpenApiTypes.STR, "Grade.", _choices(Grade.choices)),
        ],
    ),
    retrieve=extend_schema(summary="One yearly record"),
    create=extend_schema(
        summary="Record a person's year",
        request=YearRecordCreateSerializer,
        responses={201: YearRecordSerializer},
    ),
    update=extend_schema(
        summary="Change a yearly record",
        request=YearRecordWriteSerializer,
        responses={200: YearRecordSerializer},
    ),
    partial_update=extend_schema(
        summary="Change part of a yearly record",
        request=YearRecordWriteSerializer,
        responses={200: YearRecordSerializer},
    ),
)
class YearRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    queryset = YearRecord.objects.none()  # for the schema: ids are integers
    serializer_class = YearRecordSerializer

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return YearRecordCreateSerializer
        if self.action in {"update", "partial_update"}:
            return YearRecordWriteSerializer
        return YearRecordSerializer

    def get_queryset(self) -> QuerySet[YearRecord]:
        records = YearRecord.objects.filter(person__in=people_for(self.user).values("pk"))
        if self.action in {"update", "partial_update"}:
            # As on the pages: a record kept for a unit outside the scope is not the user's to
            # change, even when the person moved into the scope later.
            in_scope = units_for(self.user).values("pk")
            records = records.filter(Q(unit__isnull=True) | Q(unit__in=in_scope))
        if self.action == "list":
            data = self.filters(
                YearRecordFilterForm, ("year", "unit", "person", "grade")
            ).cleaned_data
            if data["year"]:
                records = records.filter(year=data["year"])
            if data["person"]:
                records = records.filter(person_id=data["person"])
            if data["grade"]:
                records = records.filter(grade=data["grade"])
            if data["unit"] is not None:
                records = records.filter(unit__path__startswith=data["unit"].path)
        return records.order_by("-year", "person_id", "id")

    def _save(self, form: YearRecordForm, person: Person, code: int) -> Response:
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        record = form.save(commit=False)
        record.person = person
        try:
            save_year_record(record, actor=self.user)
        except PeopleError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        return Response(YearRecordSerializer(record).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = YearRecordCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        person = _in_scope(people_for(self.user), values.pop("person"), "person")
        form = YearRecordForm(form_data(values), units=units_for(self.user), person=person)
        return self._save(form, person, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        incoming = YearRecordWriteSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        incoming.is_valid(raise_exception=True)
        values = {name: getattr(record, name) for name in YearRecordForm.Meta.fields}
        values.update(incoming.validated_data)
        form = YearRecordForm(
            form_data(values), instance=record, units=units_for(self.user), person=record.person
        )
        return self._save(form, record.person, status.HTTP_200_OK)


# --- award register --------------------------------------------------------------------------

REGISTER_FILTERS = {
    "year": "year",
    "award_code": "award",
    "kind": "kind",
    "status": "status",
    "decision_number": "decision",
    "q": "name",
    "unit": "unit",
}


@extend_schema_view(
    list=extend_schema(
        summary="The award register, in your scope",
        parameters=[
            YEAR_PARAM,
            AWARD_PARAM,
            UNIT_PARAM,
            _param("kind", OpenApiTypes.STR, "Recipient kind.", ["individual", "collective"]),
            _param("status", OpenApiTypes.STR, "Status.", _choices(AwardStatus.choices)),
            _param("decision_number", OpenApiTypes.STR, "Part of a decision number."),
            _param("q", OpenApiTypes.STR, "Recipient name; diacritics and case are ignored."),
        ],
    ),
    retrieve=extend_schema(summary="One award"),
    create=extend_schema(
        summary="Record a past award of a person or a unit",
        request=AwardCreateSerializer,
        responses={201: AwardSerializer},
    ),
)
class AwardViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    queryset = AwardRecord.objects.none()  # for the schema: ids are integers

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return AwardCreateSerializer if self.action == "create" else AwardSerializer

    def get_queryset(self) -> QuerySet[AwardRecord]:
        awards = awards_for(self.user)
        if self.action == "list":
            form = self.filters(RegisterFilterForm, REGISTER_FILTERS)
            awards = form.filter(awards)
        return awards.select_related("person", "unit").order_by(
            "-year", "-decision_date", "decision_number", "id"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = AwardCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        person_pk, unit_pk = values.pop("person", None), values.pop("unit", None)
        if (person_pk is None) == (unit_pk is None):
            raise ValidationError(
                {"non_field_errors": [_one_recipient()]},
            )
        person = _in_scope(people_for(self.user), person_pk, "person")
        unit = _in_scope(units_for(self.user), unit_pk, "unit")
        if unit is not None:
            values.pop("unit_at_award", None)
        form = RecordAwardForm(
            form_data(values), units=units_for(self.user), person=person, unit=unit
        )
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        try:
            award = record_past_award(form.save(), actor=self.user)
        except AwardError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        return Response(AwardSerializer(award).data, status=status.HTTP_201_CREATED)


def _one_recipient() -> str:
    return _("An award goes to one person or one unit, not both and not neither.")


# --- verdicts --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Verdicts of the whole-year evaluation, in your scope",
        parameters=[
            YEAR_PARAM,
            AWARD_PARAM,
            UNIT_PARAM,
            _param("person", OpenApiTypes.INT, "Id of a person."),
            _param("eligible", OpenApiTypes.BOOL, "Only eligible (true) or not (false)."),
        ],
    ),
    retrieve=extend_schema(summary="One verdict"),
)
class VerdictViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = EvaluationVerdict.objects.none()  # for the schema: ids are integers
    serializer_class = VerdictSerializer

    def get_queryset(self) -> QuerySet[EvaluationVerdict]:
        verdicts = EvaluationVerdict.objects.filter(unit__in=units_for(self.user).values("pk"))
        if self.action == "list":
            data = self.filters(
                VerdictFilterForm, ("year", "award_code", "unit", "person", "eligible")
            ).cleaned_data
            verdicts = _narrow(
                verdicts,
                data,
                year="run__year",
                award_code="award_code",
                person="person_id",
                eligible="eligible",
                unit="unit",
            )
        return verdicts.select_related("run").order_by("-run__year", "award_code", "id")


@csrf_exempt  # it changes nothing; a 403 page here would hide the plain answer
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/v1/: the API's JSON 404 rather than an HTML page."""
    return JsonResponse({"detail": _not_yours()}, status=404)


# --- dossiers, nominations, decisions -------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Nomination dossiers of the units in your scope",
        parameters=[
            YEAR_PARAM,
            UNIT_PARAM,
            AWARD_PARAM,
            _param("state", OpenApiTypes.STR, "Dossier state.", _choices(DossierState.choices)),
            _param("person", OpenApiTypes.INT, "Dossiers nominating this person."),
        ],
    ),
    retrieve=extend_schema(summary="One dossier with its nominations"),
)
class DossierViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Dossier.objects.none()  # for the schema: ids are integers
    serializer_class = DossierSerializer

    def get_queryset(self) -> QuerySet[Dossier]:
        dossiers = dossiers_for(self.user)
        if self.action == "list":
            data = self.filters(
                DossierFilterForm, ("year", "unit", "state", "award_code", "person")
            ).cleaned_data
            dossiers = _narrow(
                dossiers,
                data,
                year="year",
                state="state",
                unit="unit",
                award_code="nominations__award_code",
                person="nominations__person_id",
            )
        nominations = Nomination.objects.order_by("order", "id")
        return (
            dossiers.distinct()
            .prefetch_related(Prefetch("nominations", queryset=nominations))
            .order_by("-year", "-id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Nominations in the dossiers of your scope",
        parameters=[
            YEAR_PARAM,
            UNIT_PARAM,
            AWARD_PARAM,
            _param("state", OpenApiTypes.STR, "State.", _choices(NominationState.choices)),
            _param("person", OpenApiTypes.INT, "Id of a person."),
        ],
    ),
    retrieve=extend_schema(summary="One nomination"),
)
class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Nomination.objects.none()  # for the schema: ids are integers
    serializer_class = NominationSerializer

    def get_queryset(self) -> QuerySet[Nomination]:
        nominations = Nomination.objects.filter(dossier__in=dossiers_for(self.user).values("pk"))
        if self.action == "list":
            data = self.filters(
                DossierFilterForm, ("year", "unit", "state", "award_code", "person")
            ).cleaned_data
            nominations = _narrow(
                nominations,
                data,
                year="year",
                state="state",
                unit="unit",
                award_code="award_code",
                person="person_id",
            )
        return nominations.order_by("-year", "dossier_id", "order", "id")


@extend_schema_view(
    list=extend_schema(
        summary="Decisions of the issuing bodies in your scope",
        parameters=[
            _param("year", OpenApiTypes.INT, "Year of achievement."),
            UNIT_PARAM,
            AWARD_PARAM,
            _param("status", OpenApiTypes.STR, "Status.", _choices(DecisionStatus.choices)),
            _param("decision_number", OpenApiTypes.STR, "Number, e.g. 12 or 12/QĐ-UBND."),
        ],
    ),
    retrieve=extend_schema(summary="One decision with its attached list"),
)
class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Decision.objects.none()  # for the schema: ids are integers
    serializer_class = DecisionSerializer

    def get_queryset(self) -> QuerySet[Decision]:
        decisions = decisions_for(self.user)
        if self.action == "list":
            data = self.filters(
                DecisionFilterForm, ("year", "unit", "status", "award_code", "decision_number")
            ).cleaned_data
            decisions = _narrow(
                decisions,
                data,
                year="achievement_year",
                status="status",
                unit="issuer",
                award_code="award_code",
            )
            if data["decision_number"]:
                number, _slash, symbol = data["decision_number"].partition("/")
                decisions = decisions.filter(number=int(number))
                if symbol.strip():
                    wanted = symbol.strip().upper().replace(" ", "")
                    decisions = decisions.filter(symbol__iexact=wanted)
        lines = DecisionLine.objects.order_by("number")
        return decisions.prefetch_related(Prefetch("lines", queryset=lines)).order_by(
            "-decision_date", "-id"
        )
