"""The Vietnamese wording of verdicts: labels for codes and one template per condition.

The wording lives in `messages.yaml` beside the legal data, not in the .po file, because it is
legal text that the people who maintain the rules (or a province, through an override) reword
together with the criteria; a criterion may also carry its own `message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

COMMON = frozenset({"year", "award", "subject"})

# Placeholders each condition's message may use (the engine fills every one of them).
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "eval_grade_at_least": frozenset({"grade", "required"}),
    "eval_grade_equals": frozenset({"grade", "required"}),
    "tenure_months_at_least": frozenset({"recruited_on", "months", "required"}),
    "no_discipline_in_year": frozenset({"level", "min_level"}),
    "absent_days_below": frozenset({"days", "limit"}),
    "long_training_result_at_least": frozenset({"result", "required"}),
    "has_title": frozenset({"title", "title_year"}),
    "consecutive_titles": frozenset({"title", "count", "missing"}),
    "initiative_recognized": frozenset({"scope", "period"}),
    "research_accepted": frozenset({"scope", "period"}),
    "combat_ingenuity_recognized": frozenset({"scope", "period"}),
    "any_of": frozenset({"alternatives"}),
    "members_pct_with_title": frozenset({"holders", "members", "title", "share", "requirement"}),
    "all_members_grade_at_least": frozenset({"required", "count", "names"}),
    "members_with_title_min_count": frozenset({"holders", "title", "count"}),
    "no_member_disciplined": frozenset({"min_level", "names"}),
    "unit_task_completion": frozenset({"grade", "required"}),
    "leads_emulation_cluster": frozenset({"cluster"}),
    "no_pending_discipline_or_investigation": frozenset(),
    "manual": frozenset({"text"}),
    # Conditions the engine adds itself.
    "award_not_in_regime": frozenset({"regime", "regime_name"}),
    "awarded_to": frozenset({"kind"}),
    "no_members": frozenset(),
    "not_yet_in_force": frozenset({"message", "start", "decision_date"}),
    "unverified_failure": frozenset({"message", "citation"}),
    "unverified_money": frozenset({"coefficient", "citation"}),
    "needs_review_item": frozenset({"text", "citation"}),
}
VARIANTS = ("missing", "no_members")
LABEL_GROUPS = (
    "grade",
    "discipline",
    "scope",
    "leave",
    "training_result",
    "subject_kind",
    "cluster_level",
    "authority",
    "status",
)


def placeholders_for(key: str) -> frozenset[str]:
    return COMMON | PLACEHOLDERS.get(key.split("__")[0], frozenset())


@dataclass(frozen=True)
class Messages:
    labels: Mapping[str, Mapping[str, str]]
    templates: Mapping[str, str]

    def label(self, group: str, code: str | None) -> str:
        if code is None:
            return "—"
        return self.labels.get(group, {}).get(code, code)

    def render(self, key: str, values: Mapping[str, Any], override: str | None = None) -> str:
        template = override or self.templates.get(key) or self.templates[key.split("__")[0]]
        filled = dict.fromkeys(placeholders_for(key), "—")
        filled.update({name: value for name, value in values.items() if value is not None})
        return template.format_map(filled)


def validate_messages(doc: Any, file: str) -> Messages:
    """Check the catalogue: every condition has a template and every code a label."""
    from tdkt.rules import schema

    where = schema.Where(file)
    schema.check_keys(doc, {"labels", "templates"}, where)
    labels = doc.get("labels", {})
    templates = doc.get("templates", {})
    schema.check_keys(labels, set(LABEL_GROUPS), where / "labels")
    if not isinstance(templates, dict):
        raise (where / "templates").fail(_("must be a mapping"))
    expected = {
        "grade": schema.GRADES,
        "discipline": schema.DISCIPLINES,
        "scope": schema.SCOPES,
        "leave": schema.LEAVE_KINDS,
        "training_result": schema.TRAINING_RESULTS,
        "subject_kind": schema.SUBJECT_KINDS,
        "cluster_level": schema.CLUSTER_LEVELS,
        "authority": schema.AUTHORITIES,
        "status": schema.STATUSES,
    }
    for group, codes in expected.items():
        present = labels.get(group, {})
        schema.check_keys(present, set(codes), where / "labels" / group)
        missing = [code for code in codes if code not in present]
        if missing:
            raise (where / "labels" / group).fail(
                _("labels are missing for: %(codes)s") % {"codes": ", ".join(missing)}
            )
    allowed_keys = set(PLACEHOLDERS) | {f"{k}__{v}" for k in PLACEHOLDERS for v in VARIANTS}
    schema.check_keys(templates, allowed_keys, where / "templates")
    for key in PLACEHOLDERS:
        if key not in templates:
            raise (where / "templates").fail(_("the template %(key)s is missing") % {"key": key})
    for key, text in templates.items():
        schema.check_template(text, placeholders_for(key), where / "templates" / key)
    return Messages(
        labels={group: dict(values) for group, values in labels.items()},
        templates=dict(templates),
    )
