"""`tdkt rules evaluate`: run and store a whole-year evaluation, report the counts per title.

Messages for the officer at the command line are written in Vietnamese directly."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from tdkt.common.formatting import group_thousands, short_date
from tdkt.organisations.models import Unit
from tdkt.rules.evaluation.service import EvaluationError, run_evaluation


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True)
class CommandOutput:
    text: str = ""
    error: str = ""


def evaluate_command(
    year: int, unit_code: str | None, decision_date: str | None, output: str
) -> CommandOutput:
    unit = None
    if unit_code:
        unit = Unit.objects.filter(code=unit_code.strip()).first()
        if unit is None:
            return CommandOutput(error=f"Không có đơn vị nào có mã “{unit_code}”.")
    day = None
    if decision_date:
        try:
            day = dt.date.fromisoformat(decision_date.strip())
        except ValueError:
            return CommandOutput(
                error=f"Ngày quyết định “{decision_date}” không hợp lệ; viết theo dạng"
                " NNNN-TT-NN, ví dụ 2018-01-15."
            )
    try:
        run, result = run_evaluation(year, decision_date=day, unit=unit)
    except EvaluationError as exc:
        return CommandOutput(error=f"Không đánh giá được: {exc}")
    over = [quota for quota in result.quotas if quota.eligible > quota.limit]
    if output == "json":
        data = {
            "run": run.pk,
            "year": run.year,
            "decision_date": run.decision_date.isoformat(),
            "regime": run.regime,
            "base_salary_vnd": run.base_salary_vnd,
            "unit": unit.code if unit is not None else None,
            "people": run.people,
            "units": run.units,
            "titles": [
                {key: entry[key] for key in ("award", "kind", "name", "eligible", "not_eligible")}
                for entry in run.titles
            ],
            "units_over_quota": len(over),
            "seconds": round(
                result.timings.get("total", 0.0) + result.timings.get("store", 0.0), 3
            ),
        }
        return CommandOutput(text=json.dumps(data, ensure_ascii=False, indent=2))
    scope = f"{unit.name} ({unit.code}) và các đơn vị trực thuộc" if unit else "tất cả đơn vị"
    lines = [
        f"ĐÁNH GIÁ CẢ NĂM {run.year} — {scope}",
        f"Ngày quyết định: {short_date(run.decision_date)} · Quy định áp dụng:"
        f" {result.regime.name_vi} ({run.regime}) · Lương cơ sở:"
        f" {group_thousands(run.base_salary_vnd)} đồng",
        f"Đã xét {group_thousands(run.people)} cá nhân, {group_thousands(run.units)} tập thể"
        f" trong {_seconds(result.timings.get('total', 0.0))} giây; lưu kết quả (lần đánh giá"
        f" số {run.pk}) trong {_seconds(result.timings.get('store', 0.0))} giây.",
        "",
    ]
    width = max((len(entry["name"]) for entry in run.titles), default=0)
    for entry in run.titles:
        lines.append(
            f"  {entry['name']:<{width}}  đủ điều kiện {group_thousands(entry['eligible']):>7}"
            f"  ·  chưa đủ {group_thousands(entry['not_eligible']):>7}"
        )
    if over:
        lines += ["", f"Có {len(over)} đơn vị có số người đủ điều kiện vượt tỷ lệ tối đa."]
    return CommandOutput(text="\n".join(lines))
