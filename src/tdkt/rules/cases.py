"""Case files: the portable input of `tdkt rules check` and the tests of `tdkt rules test`.

The shape is shared/reference/rules-check-format.md, plus an optional `expect:` block (see
docs/rules.md). Errors name the place in the file (path and line) in Vietnamese, for the
officer who wrote it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tdkt.awards.catalogue import AWARD_KINDS
from tdkt.rules import schema
from tdkt.rules.engine import Judgement, Request, judge
from tdkt.rules.facts import Leave, PersonFacts, PersonYear, UnitFacts, UnitYear
from tdkt.rules.loader import StrictLoader
from tdkt.rules.regime import NoRegimeError, RuleBook

CASE_SUFFIXES = (".yaml", ".yml", ".json")
TOP_KEYS = frozenset(
    {"name", "description", "decision_date", "year", "regime", "units", "people", "requests",
     "expect"}
)  # fmt: skip
UNIT_KEYS = frozenset({"id", "name", "kind", "years"})
UNIT_YEAR_KEYS = frozenset({"grade", "titles", "leads_cluster", "pending"})
PERSON_KEYS = frozenset({"id", "name", "unit", "recruited_on", "years"})
PERSON_YEAR_KEYS = frozenset(
    {"grade", "titles", "initiatives", "research", "combat", "discipline", "leave", "pending"}
)
LEAVE_KEYS = frozenset({"kind", "days", "result"})
EXPECT_KEYS = frozenset({"regime", "base_salary_vnd", "verdicts", "quotas"})
EXPECT_VERDICT_KEYS = frozenset(
    {"subject", "award", "eligible", "failed", "reward_vnd", "needs_review"}
)
EXPECT_QUOTA_KEYS = frozenset({"unit", "award", "limit", "eligible_requests"})


class CaseFileError(Exception):
    """A case file that cannot be judged; the message says where and what, in Vietnamese."""

    def __init__(self, file: str, place: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.place = place
        self.line = line
        self.message = message
        where = place or "đầu tệp"
        if line is not None:
            where += f" (dòng {line})"
        super().__init__(f"{file}: {where}: {message}")


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    decision_date: dt.date
    year: int
    regime_id: str | None
    people: Mapping[str, PersonFacts]
    units: Mapping[str, UnitFacts]
    requests: tuple[Request, ...]
    expect: Mapping[str, Any] | None = None

    def judge(self, book: RuleBook) -> Judgement:
        return judge(
            self.requests,
            self.people,
            self.units,
            year=self.year,
            decision_date=self.decision_date,
            book=book,
            regime_id=self.regime_id,
        )


@dataclass
class _Reader:
    file: str
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)

    def fail(self, path: tuple[str | int, ...], message: str) -> CaseFileError:
        place = ""
        for part in path:
            place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else part)
        line = None
        key = tuple(str(part) for part in path)
        while key and line is None:
            line = self.lines.get(key)
            key = key[:-1]
        return CaseFileError(self.file, place, message, line)

    def mapping(
        self, value: Any, path: tuple[str | int, ...], keys: frozenset[str]
    ) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "phải là một bảng khóa: giá trị")
        unknown = sorted(str(key) for key in value if key not in keys)
        if unknown:
            raise self.fail(
                path,
                f"khóa không hợp lệ: {', '.join(unknown)} (chỉ dùng: {', '.join(sorted(keys))})",
            )
        return value

    def listing(self, value: Any, path: tuple[str | int, ...]) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "phải là một danh sách")
        return value

    def required(self, item: dict[Any, Any], key: str, path: tuple[str | int, ...]) -> Any:
        if item.get(key) is None:
            raise self.fail(path, f"thiếu trường bắt buộc “{key}”")
        return item[key]

    def date(self, value: Any, path: tuple[str | int, ...]) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(
            path, f"ngày không hợp lệ {value!r}; viết theo dạng NNNN-TT-NN, ví dụ 2018-01-15"
        )

    def code(
        self,
        value: Any,
        allowed: tuple[str, ...] | Mapping[str, Any],
        path: tuple[str | int, ...],
        what: str,
    ) -> str:
        if value not in allowed:
            known = ", ".join(allowed)
            raise self.fail(path, f"mã {what} không hợp lệ {value!r}; dùng một trong: {known}")
        return str(value)

    def codes(
        self,
        value: Any,
        allowed: tuple[str, ...] | Mapping[str, Any],
        path: tuple[str | int, ...],
        what: str,
    ) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        items = self.listing(value, path)
        return tuple(
            self.code(item, allowed, (*path, index), what) for index, item in enumerate(items)
        )

    def integer(self, value: Any, path: tuple[str | int, ...], low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(path, f"phải là số nguyên từ {low} đến {high}, không phải {value!r}")
        return value

    def boolean(self, value: Any, path: tuple[str | int, ...]) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(path, "phải là true hoặc false")
        return value


def _line_map(node: yaml.Node, prefix: tuple[str, ...], out: dict[tuple[str, ...], int]) -> None:
    out.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            out[key] = key_node.start_mark.line + 1
            _line_map(value_node, key, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*prefix, str(index)), out)


def read_case(path: Path | str, book: RuleBook, label: str | None = None) -> Case:
    """Read and check one case file (YAML or JSON)."""
    label = label or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(label, "", _unreadable(exc)) from exc
    try:
        doc = yaml.load(text, Loader=StrictLoader)
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseFileError(
            label, "", f"không phải YAML/JSON hợp lệ: {problem}", mark.line + 1 if mark else None
        ) from exc
    reader = _Reader(label)
    if node is not None:
        _line_map(node, (), reader.lines)
    return parse_case(doc, book, reader)


def _unreadable(exc: OSError | UnicodeDecodeError) -> str:
    # The operating system's own text is English; the officer reads Vietnamese.
    if isinstance(exc, UnicodeDecodeError):
        return "không đọc được tệp: nội dung không phải văn bản UTF-8"
    if isinstance(exc, FileNotFoundError):
        return "không có tệp này"
    if isinstance(exc, IsADirectoryError):
        return "đây là một thư mục, không phải một tệp"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc tệp này"
    return "không đọc được tệp"


def parse_case(doc: Any, book: RuleBook, reader: _Reader | None = None) -> Case:
    reader = reader or _Reader("<case>")
    top = reader.mapping(doc, (), TOP_KEYS)
    decision_date = reader.date(reader.required(top, "decision_date", ()), ("decision_date",))
    year = reader.integer(reader.required(top, "year", ()), ("year",), 1945, 2200)
    regime_id = top.get("regime")
    if regime_id is not None:
        known = tuple(regime.id for regime in book.regimes)
        reader.code(regime_id, known, ("regime",), "chế độ")
    else:
        try:
            book.regime_for(decision_date)
        except NoRegimeError as exc:
            raise reader.fail(
                ("decision_date",),
                f"không có chế độ pháp luật nào có hiệu lực vào ngày {decision_date.isoformat()}",
            ) from exc
    try:
        book.base_salary_on(decision_date)
    except NoRegimeError as exc:
        raise reader.fail(
            ("decision_date",),
            f"không có mức lương cơ sở nào áp dụng vào ngày {decision_date.isoformat()}",
        ) from exc

    unit_items = reader.listing(top.get("units"), ("units",))
    person_items = reader.listing(top.get("people"), ("people",))
    ids: set[str] = set()
    unit_ids = []
    for index, item in enumerate(unit_items):
        item = reader.mapping(item, ("units", index), UNIT_KEYS)
        unit_ids.append(_identifier(reader, item, ("units", index), ids))
    people: dict[str, PersonFacts] = {}
    for index, item in enumerate(person_items):
        person = _person(reader, item, ("people", index), ids, set(unit_ids))
        people[person.id] = person
    units: dict[str, UnitFacts] = {}
    for index, item in enumerate(unit_items):
        unit = _unit(reader, item, ("units", index), people)
        units[unit.id] = unit

    requests = []
    request_items = reader.listing(reader.required(top, "requests", ()), ("requests",))
    if not request_items:
        raise reader.fail(("requests",), "cần ít nhất một đề nghị")
    for index, item in enumerate(request_items):
        path = ("requests", index)
        item = reader.mapping(item, path, frozenset({"subject", "award"}))
        subject = reader.required(item, "subject", path)
        if subject not in people and subject not in units:
            raise reader.fail(
                (*path, "subject"), f"không có cá nhân hay tập thể nào có id {subject!r} trong tệp"
            )
        award = reader.code(
            reader.required(item, "award", path),
            AWARD_KINDS,
            (*path, "award"),
            "danh hiệu, hình thức khen thưởng",
        )
        requests.append(Request(str(subject), award))

    expect = None
    if "expect" in top:
        expect = _expectation(reader, top["expect"], book)
    return Case(
        file=reader.file,
        name=str(top.get("name") or reader.file),
        decision_date=decision_date,
        year=year,
        regime_id=regime_id,
        people=people,
        units=units,
        requests=tuple(requests),
        expect=expect,
    )


def _identifier(
    reader: _Reader, item: dict[Any, Any], path: tuple[str | int, ...], ids: set[str]
) -> str:
    ident = reader.required(item, "id", path)
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise reader.fail((*path, "id"), "id phải là chữ hoặc số")
    ident = str(ident)
    if ident in ids:
        raise reader.fail((*path, "id"), f"id {ident!r} bị trùng")
    ids.add(ident)
    return ident


def _years(reader: _Reader, value: Any, path: tuple[str | int, ...]) -> dict[int, dict[Any, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise reader.fail(path, "phải là bảng theo năm, ví dụ 2017: {grade: hoan_thanh_tot}")
    years = {}
    for key, facts in value.items():
        try:
            year = int(key)
        except (TypeError, ValueError):
            raise reader.fail((*path, str(key)), f"năm không hợp lệ {key!r}") from None
        years[year] = facts if facts is not None else {}
    return years


def _person(
    reader: _Reader, item: Any, path: tuple[str | int, ...], ids: set[str], unit_ids: set[str]
) -> PersonFacts:
    item = reader.mapping(item, path, PERSON_KEYS)
    ident = _identifier(reader, item, path, ids)
    unit = item.get("unit")
    if unit is not None and str(unit) not in unit_ids:
        raise reader.fail((*path, "unit"), f"không có tập thể nào có id {unit!r} trong tệp")
    recruited_on = item.get("recruited_on")
    years: dict[int, PersonYear] = {}
    for year, facts in _years(reader, item.get("years"), (*path, "years")).items():
        here = (*path, "years", str(year))
        facts = reader.mapping(facts, here, PERSON_YEAR_KEYS)
        grade = facts.get("grade")
        years[year] = PersonYear(
            grade=None
            if grade is None
            else reader.code(grade, schema.GRADES, (*here, "grade"), "xếp loại"),
            titles=frozenset(
                reader.codes(facts.get("titles"), AWARD_KINDS, (*here, "titles"), "danh hiệu")
            ),
            initiatives=reader.codes(
                facts.get("initiatives"), schema.SCOPES, (*here, "initiatives"), "phạm vi"
            ),
            research=reader.codes(
                facts.get("research"), schema.SCOPES, (*here, "research"), "phạm vi"
            ),
            combat=reader.codes(facts.get("combat"), schema.SCOPES, (*here, "combat"), "phạm vi"),
            discipline=reader.codes(
                facts.get("discipline"),
                schema.DISCIPLINES,
                (*here, "discipline"),
                "hình thức kỷ luật",
            ),
            leave=_leave(reader, facts.get("leave"), (*here, "leave")),
            pending=reader.boolean(facts.get("pending"), (*here, "pending")),
        )
    return PersonFacts(
        id=ident,
        unit=None if unit is None else str(unit),
        recruited_on=None
        if recruited_on is None
        else reader.date(recruited_on, (*path, "recruited_on")),
        years=years,
        name=str(item.get("name") or ""),
    )


def _leave(reader: _Reader, value: Any, path: tuple[str | int, ...]) -> tuple[Leave, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, dict) else reader.listing(value, path)
    leaves = []
    for index, item in enumerate(items):
        here = (*path, index) if not isinstance(value, dict) else path
        item = reader.mapping(item, here, LEAVE_KEYS)
        result = item.get("result")
        leaves.append(
            Leave(
                kind=reader.code(
                    reader.required(item, "kind", here),
                    schema.LEAVE_KINDS,
                    (*here, "kind"),
                    "loại nghỉ",
                ),
                days=reader.integer(reader.required(item, "days", here), (*here, "days"), 0, 366),
                result=None
                if result is None
                else reader.code(
                    result, schema.TRAINING_RESULTS, (*here, "result"), "kết quả học tập"
                ),
            )
        )
    return tuple(leaves)


def _unit(
    reader: _Reader,
    item: dict[Any, Any],
    path: tuple[str | int, ...],
    people: Mapping[str, PersonFacts],
) -> UnitFacts:
    ident = str(item["id"])
    kind = item.get("kind", "collective")
    reader.code(kind, schema.UNIT_KINDS, (*path, "kind"), "loại tập thể")
    years: dict[int, UnitYear] = {}
    for year, facts in _years(reader, item.get("years"), (*path, "years")).items():
        here = (*path, "years", str(year))
        facts = reader.mapping(facts, here, UNIT_YEAR_KEYS)
        grade = facts.get("grade")
        years[year] = UnitYear(
            grade=None
            if grade is None
            else reader.code(grade, schema.GRADES, (*here, "grade"), "xếp loại"),
            titles=frozenset(
                reader.codes(facts.get("titles"), AWARD_KINDS, (*here, "titles"), "danh hiệu")
            ),
            leads_clusters=reader.codes(
                facts.get("leads_cluster"),
                schema.CLUSTER_LEVELS,
                (*here, "leads_cluster"),
                "cấp cụm, khối thi đua",
            ),
            pending=reader.boolean(facts.get("pending"), (*here, "pending")),
        )
    members = tuple(person for person in people.values() if person.unit == ident)
    return UnitFacts(
        id=ident, kind=kind, name=str(item.get("name") or ""), years=years, members=members
    )


def _expectation(reader: _Reader, value: Any, book: RuleBook) -> dict[str, Any]:
    path: tuple[str | int, ...] = ("expect",)
    expect = reader.mapping(value, path, EXPECT_KEYS)
    if "regime" in expect:
        reader.code(
            expect["regime"], tuple(r.id for r in book.regimes), (*path, "regime"), "chế độ"
        )
    for index, item in enumerate(reader.listing(expect.get("verdicts"), (*path, "verdicts"))):
        here = (*path, "verdicts", index)
        item = reader.mapping(item, here, EXPECT_VERDICT_KEYS)
        reader.required(item, "subject", here)
        reader.required(item, "award", here)
        if "eligible" in item and not isinstance(item["eligible"], bool):
            raise reader.fail((*here, "eligible"), "phải là true hoặc false")
        if "failed" in item:
            reader.listing(item["failed"], (*here, "failed"))
    for index, item in enumerate(reader.listing(expect.get("quotas"), (*path, "quotas"))):
        here = (*path, "quotas", index)
        item = reader.mapping(item, here, EXPECT_QUOTA_KEYS)
        for key in EXPECT_QUOTA_KEYS:
            reader.required(item, key, here)
    return expect


# --- expectations --------------------------------------------------------------------------


def mismatches(case: Case, judgement: Judgement) -> list[str]:
    """What differs between the case's `expect:` block and the judgement (Vietnamese)."""
    expect = case.expect or {}
    problems: list[str] = []
    if "regime" in expect and expect["regime"] != judgement.regime.id:
        problems.append(f"chế độ: mong đợi {expect['regime']}, kết quả {judgement.regime.id}")
    if "base_salary_vnd" in expect and expect["base_salary_vnd"] != judgement.base_salary_vnd:
        problems.append(
            f"lương cơ sở: mong đợi {expect['base_salary_vnd']},"
            f" kết quả {judgement.base_salary_vnd}"
        )
    if "verdicts" in expect:
        wanted = {(str(v["subject"]), v["award"]): v for v in expect["verdicts"] or []}
        seen = set()
        for verdict in judgement.verdicts:
            key = (verdict.subject, verdict.award)
            label = f"{verdict.subject} / {verdict.award}"
            if key not in wanted:
                problems.append(f"{label}: có kết quả nhưng khối expect không nêu")
                continue
            seen.add(key)
            item = wanted[key]
            if "eligible" in item and item["eligible"] != verdict.eligible:
                problems.append(
                    f"{label}: eligible mong đợi {item['eligible']}, kết quả {verdict.eligible}"
                )
            if "failed" in item and sorted(item["failed"] or []) != sorted(verdict.failed_codes):
                problems.append(
                    f"{label}: failed mong đợi {sorted(item['failed'] or [])},"
                    f" kết quả {sorted(verdict.failed_codes)}"
                )
            if "reward_vnd" in item and item["reward_vnd"] != verdict.reward_vnd:
                problems.append(
                    f"{label}: reward_vnd mong đợi {item['reward_vnd']},"
                    f" kết quả {verdict.reward_vnd}"
                )
            if "needs_review" in item and item["needs_review"] != len(verdict.needs_review):
                problems.append(
                    f"{label}: needs_review mong đợi {item['needs_review']} mục,"
                    f" kết quả {len(verdict.needs_review)}: {list(verdict.needs_review)}"
                )
        for key in wanted.keys() - seen:
            problems.append(
                f"{key[0]} / {key[1]}: khối expect nêu nhưng không có đề nghị tương ứng"
            )
    if "quotas" in expect:
        wanted_quotas = {(str(q["unit"]), q["award"]): q for q in expect["quotas"] or []}
        got = {(q.unit, q.award): q for q in judgement.quotas}
        for key in sorted(wanted_quotas.keys() | got.keys()):
            label = f"chỉ tiêu {key[0]} / {key[1]}"
            if key not in got:
                problems.append(f"{label}: mong đợi nhưng không có")
            elif key not in wanted_quotas:
                problems.append(f"{label}: có nhưng khối expect không nêu")
            else:
                quota, item = got[key], wanted_quotas[key]
                actual = {"limit": quota.limit, "eligible_requests": quota.eligible_requests}
                for name, value in actual.items():
                    if item[name] != value:
                        problems.append(f"{label}: {name} mong đợi {item[name]}, kết quả {value}")
    return problems


def case_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in CASE_SUFFIXES)
