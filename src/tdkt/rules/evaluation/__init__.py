"""The whole-year evaluation: every person's and collective's verdict for the yearly titles,
computed set-based over the database and stored as a run (see docs/rules.md)."""

from tdkt.rules.evaluation.judge import TitleVerdicts, YearEvaluation
from tdkt.rules.evaluation.register import RegisterProblem, check_register_against_rules
from tdkt.rules.evaluation.service import (
    EvaluationError,
    default_decision_date,
    evaluate_year,
    run_evaluation,
    store,
)

__all__ = [
    "EvaluationError",
    "RegisterProblem",
    "TitleVerdicts",
    "YearEvaluation",
    "check_register_against_rules",
    "default_decision_date",
    "evaluate_year",
    "run_evaluation",
    "store",
]
