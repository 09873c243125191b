"""What the API shows and accepts. Reads are plain model serializers; writes declare their
fields here (for the schema and for types) and are then validated by the very forms the pages
use, so an API client meets the same rules and the same Vietnamese messages as a person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from rest_framework import serializers

from tdkt.awards.catalogue import AWARD_CHOICES, AWARD_KINDS
from tdkt.awards.enums import AwardMethod
from tdkt.awards.models import AwardRecord
from tdkt.common.enums import Gender, Grade
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.nominations.models import Dossier, Nomination
from tdkt.organisations.models import Unit
from tdkt.people.enums import Category, LeaveKind
from tdkt.people.models import Person, ServicePeriod, YearRecord
from tdkt.rules.models import EvaluationVerdict

AWARD_CODE_CHOICES = sorted(AWARD_KINDS)
YEAR = {"min_value": 1945, "max_value": 2100}


def form_errors(*bound_forms: forms.BaseForm) -> dict[str, list[str]]:
    """The errors of Django forms, keyed by field name as the API names them."""
    errors: dict[str, list[str]] = {}
    for form in bound_forms:
        for field, messages in form.errors.items():
            key = "non_field_errors" if field == "__all__" else field
            errors.setdefault(key, []).extend(str(message) for message in messages)
    return errors


def form_data(values: dict[str, Any]) -> dict[str, Any]:
    """Values for a bound Django form: model instances by primary key, None as empty."""
    data: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, models.Model):
            value = value.pk
        if value is None:
            value = ""
        data[key] = value
    return data


# The model serializers here only ever answer (writes have their own serializers). They are not
# marked read-only field by field: REST framework then drops allow_blank and allow_null, and the
# schema would refuse the "" and null the answers really hold.


# --- units -----------------------------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):
    is_historic = serializers.BooleanField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "sector",
            "parent",
            "depth",
            "valid_from",
            "valid_to",
            "is_historic",
            "address",
            "note",
            "has_legal_status",
        ]


# --- people ----------------------------------------------------------------------------------


class ServicePeriodSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ServicePeriod
        fields = [
            "id",
            "unit",
            "unit_name",
            "position",
            "category",
            "is_frontline",
            "is_leader",
            "start_on",
            "end_on",
        ]


class PersonSerializer(serializers.ModelSerializer):
    current_unit = serializers.SerializerMethodField()
    current_unit_name = serializers.SerializerMethodField()
    current_position = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "gender",
            "birth_date",
            "citizen_id",
            "recruited_on",
            "current_unit",
            "current_unit_name",
            "current_position",
            "created_at",
            "updated_at",
        ]

    def _current(self, person: Person) -> ServicePeriod | None:
        cached: dict[int, ServicePeriod | None] = self.context.setdefault("_current", {})
        if person.pk not in cached:
            periods = [p for p in person.service_periods.all() if p.end_on is None]
            periods.sort(key=lambda p: (p.start_on, p.pk), reverse=True)
            cached[person.pk] = periods[0] if periods else None
        return cached[person.pk]

    def get_current_unit(self, person: Person) -> int | None:
        current = self._current(person)
        return current.unit_id if current else None

    def get_current_unit_name(self, person: Person) -> str | None:
        current = self._current(person)
        return current.unit.name if current else None

    def get_current_position(self, person: Person) -> str | None:
        current = self._current(person)
        return current.position if current else None


class PersonDetailSerializer(PersonSerializer):
    service_periods = ServicePeriodSerializer(many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "service_periods"]


class PersonWriteSerializer(serializers.Serializer):
    """A person's identity, as on the person form."""

    full_name = serializers.CharField(max_length=150)
    gender = serializers.ChoiceField(choices=Gender.choices)
    birth_date = serializers.DateField(required=False, allow_null=True)
    citizen_id = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=20
    )
    recruited_on = serializers.DateField(required=False, allow_null=True)


class PersonCreateSerializer(PersonWriteSerializer):
    """A new person with the service period that places them in a unit."""

    unit = serializers.IntegerField(min_value=1, help_text="Id of a unit in your scope.")
    position = serializers.CharField(required=False, allow_blank=True, max_length=150)
    category = serializers.ChoiceField(choices=Category.choices)
    is_frontline = serializers.BooleanField(required=False, default=False)
    is_leader = serializers.BooleanField(required=False, default=False)
    start_on = serializers.DateField()
    end_on = serializers.DateField(required=False, allow_null=True)


# --- yearly records --------------------------------------------------------------------------


class YearRecordSerializer(serializers.ModelSerializer):
    leave_kind = serializers.ChoiceField(
        choices=LeaveKind.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = YearRecord
        fields = ["id", "person", "year", "unit", "grade", "leave_kind", "leave_days", "note"]


class YearRecordWriteSerializer(serializers.Serializer):
    year = serializers.IntegerField(**YEAR)
    unit = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Id of a unit in your scope."
    )
    grade = serializers.ChoiceField(choices=Grade.choices)
    leave_kind = serializers.ChoiceField(
        choices=LeaveKind.choices, required=False, allow_blank=True
    )
    leave_days = serializers.IntegerField(min_value=0, max_value=366, required=False, default=0)
    note = serializers.CharField(required=False, allow_blank=True, max_length=255)


class YearRecordCreateSerializer(YearRecordWriteSerializer):
    person = serializers.IntegerField(min_value=1, help_text="Id of a person in your scope.")


# --- award register --------------------------------------------------------------------------


class AwardSerializer(serializers.ModelSerializer):
    award_name = serializers.CharField(read_only=True)
    recipient_name = serializers.SerializerMethodField()

    class Meta:
        model = AwardRecord
        fields = [
            "id",
            "person",
            "unit",
            "recipient_name",
            "award_code",
            "award_name",
            "year",
            "method",
            "decision_number",
            "decision_date",
            "issuer",
            "register_number",
            "achievement",
            "amount_vnd",
            "unit_at_award",
            "status",
            "revoked_by_number",
            "revoked_on",
            "revocation_reason",
            "source",
            "created_at",
        ]

    def get_recipient_name(self, award: AwardRecord) -> str:
        recipient = award.recipient
        return str(recipient) if recipient is not None else ""


class AwardCreateSerializer(serializers.Serializer):
    """A past award typed in from the paper register: one person or one unit."""

    person = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    unit = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    award_code = serializers.ChoiceField(choices=AWARD_CHOICES)
    year = serializers.IntegerField(**YEAR)
    method = serializers.ChoiceField(choices=AwardMethod.choices, default=AwardMethod.REGULAR)
    decision_number = serializers.CharField(max_length=60)
    decision_date = serializers.DateField()
    issuer = serializers.CharField(max_length=200)
    register_number = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, required=False, allow_null=True
    )
    achievement = serializers.CharField(required=False, allow_blank=True, max_length=500)
    amount_vnd = serializers.IntegerField(
        min_value=0, max_value=9_223_372_036_854_775_807, required=False, allow_null=True
    )
    unit_at_award = serializers.IntegerField(min_value=1, required=False, allow_null=True)


# --- verdicts --------------------------------------------------------------------------------


class VerdictSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="run.year", read_only=True)
    decision_date = serializers.DateField(source="run.decision_date", read_only=True)
    regime = serializers.CharField(source="run.regime", read_only=True)
    failed = serializers.JSONField(read_only=True)
    needs_review = serializers.JSONField(read_only=True)
    notes = serializers.JSONField(read_only=True)

    class Meta:
        model = EvaluationVerdict
        fields = [
            "id",
            "run",
            "year",
            "decision_date",
            "regime",
            "award_code",
            "person",
            "unit",
            "eligible",
            "failed",
            "needs_review",
            "notes",
            "reward_vnd",
        ]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- dossiers, nominations, decisions (read only: they change through their pages) ---------


class NominationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Nomination
        fields = [
            "id",
            "dossier",
            "person",
            "unit",
            "award_code",
            "year",
            "position",
            "achievement",
            "state",
            "verdict_eligible",
            "appraised_at",
        ]


class DossierSerializer(serializers.ModelSerializer):
    nominations = NominationSerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "unit",
            "kind",
            "year",
            "movement",
            "title",
            "decision_date",
            "memo_number",
            "memo_date",
            "state",
            "version",
            "created_at",
            "submitted_at",
            "nominations",
        ]


class DecisionLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionLine
        fields = [
            "id",
            "number",
            "person",
            "unit",
            "award_code",
            "recipient_name",
            "position_text",
            "unit_text",
            "achievement",
            "amount_vnd",
            "award_record",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    lines = DecisionLineSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "kind",
            "status",
            "issuer",
            "issuer_name",
            "symbol",
            "number",
            "number_year",
            "decision_date",
            "achievement_year",
            "award_code",
            "method",
            "summary",
            "signer_name",
            "signer_title",
            "regime",
            "signed_at",
            "lines",
        ]
