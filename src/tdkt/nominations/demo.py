"""Demo data of the nominations and councils apps: Cẩm Lệ's 2018 awards, in progress.

`load()` runs after the demo's units, people, 2018 grades and users exist (tdkt/demo) and
creates, through the services (so every step has its audit entry and passed the same checks
as on the pages):

* the district council (Hội đồng Thi đua – Khen thưởng quận Cẩm Lệ): chair `chutich`,
  vice-chair `hoidong`, secretary `thuky` and four members made here;
* officers for four more units (`canbo.hoathotay`, `canbo.tuphap`, `canbo.kinhte`,
  `canbo.vanphong`, password as the other demo accounts);
* 2018 dossiers from wards and offices in every stage: Khuê Trung being prepared (with a
  collective that has no 2018 grade yet, so the rules say why it fails), Hòa Xuân submitted
  (with a grassroots fighter beyond the ward's quota, which the appraisal refuses),
  Phòng Tư pháp returned with a reason, Phòng Kinh tế appraised, Hòa Thọ Tây under public
  disclosure with a comment from the public, the Văn phòng HĐND và UBND before the council
  in a session whose secret ballot is under way (four of seven members have voted).

Candidates are people with a 2018 grade of at least "good" (about 30 % of staff have one),
taken in Vietnamese name order: deterministic for a given demo seed, independent of today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.common.enums import Grade, Scope
from tdkt.councils import services as council_services
from tdkt.councils.enums import BallotMethod, Choice, MemberRole
from tdkt.councils.models import Council
from tdkt.nominations import services
from tdkt.nominations.enums import DayUnit, DossierKind
from tdkt.nominations.models import Dossier, Nomination, PublicComment
from tdkt.organisations.models import Unit
from tdkt.people.enums import ContributionKind
from tdkt.people.models import Contribution, Person, YearRecord

YEAR = 2018
DECISION_DATE = dt.date(2019, 1, 15)
DISTRICT = "cam-le"
COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng quận Cẩm Lệ"
GOOD = (Grade.GOOD, Grade.EXCELLENT)

# Invented people (any likeness is a coincidence).
COUNCIL_MEMBERS = (
    ("hoidong.mattran", "Trần Văn Hùng", "Chủ tịch Ủy ban MTTQ Việt Nam quận – Ủy viên Hội đồng"),
    ("hoidong.phunu", "Lê Thị Hạnh", "Chủ tịch Hội Liên hiệp Phụ nữ quận – Ủy viên Hội đồng"),
    ("hoidong.congdoan", "Ngô Văn Tuấn", "Chủ tịch Liên đoàn Lao động quận – Ủy viên Hội đồng"),
    (
        "hoidong.vanphong",
        "Phan Thị Thu Trang",
        "Chánh Văn phòng HĐND và UBND quận – Ủy viên Hội đồng",
    ),
)
OFFICERS = (
    ("canbo.hoathotay", "cam-le-hoa-tho-tay", "Đặng Văn Lực", "Công chức Văn phòng – Thống kê"),
    ("canbo.tuphap", "cam-le-tu-phap", "Võ Thị Ngọc Hân", "Chuyên viên Phòng Tư pháp"),
    ("canbo.kinhte", "cam-le-kinh-te", "Huỳnh Văn Nam", "Chuyên viên Phòng Kinh tế"),
    ("canbo.vanphong", "cam-le-van-phong", "Trương Thị Mai", "Chuyên viên Văn phòng"),
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _make_user(username: str, role: str, unit: Unit, full_name: str, position: str) -> User:
    from tdkt.demo.generator import DEMO_PASSWORD

    user = User(username=username, role=role, unit=unit, full_name=full_name, position=position)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _graded(unit_code: str, count: int, skip: int = 0) -> list[Person]:
    """People of a unit (and the units under it) graded at least "good" for 2018, in name
    order."""
    unit = Unit.objects.get(code=unit_code)
    records = (
        YearRecord.objects.filter(year=YEAR, unit__path__startswith=unit.path, grade__in=GOOD)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )
    return [record.person for record in records[skip : skip + count]]


def _dossier(
    unit_code: str, actor: User, title: str, memo: str, memo_date: dt.date = dt.date(2018, 12, 14)
) -> Dossier:
    return services.create_dossier(
        unit=Unit.objects.get(code=unit_code),
        kind=DossierKind.YEARLY,
        year=YEAR,
        title=title,
        decision_date=DECISION_DATE,
        memo_number=memo,
        memo_date=memo_date,
        actor=actor,
    )


def _add(
    dossier: Dossier, actor: User, people: list[Person], award: str, text: str
) -> list[Nomination]:
    return [
        services.add_nomination(
            dossier,
            version=None,
            actor=actor,
            award_code=award,
            person=person,
            achievement=text,
        )
        for person in people
    ]


def _fighter_with_initiative(
    dossier: Dossier, actor: User, person: Person, title: str, recognised_on: dt.date, number: str
) -> None:
    """A 2018 initiative recognised by the district's council, and the person's CSTĐ cơ sở
    nomination that cites it."""
    Contribution.objects.create(
        person=person,
        kind=ContributionKind.INITIATIVE,
        title=title,
        scope=Scope.GRASSROOTS,
        year=YEAR,
        recognised_on=recognised_on,
        recognised_by="Hội đồng Sáng kiến quận Cẩm Lệ",
        decision_number=number,
    )
    _add(
        dossier, actor, [person], "cstd_co_so", f"Có sáng kiến “{title}” được công nhận năm {YEAR}."
    )


def _accept_all(dossier: Dossier, actor: User) -> None:
    decisions = {
        n.pk: services.Appraisal(accept=True) for n in dossier.nominations.filter(state="submitted")
    }
    services.appraise_dossier(dossier, decisions, version=None, actor=actor)


LDTT_TEXT = "Hoàn thành tốt nhiệm vụ được giao năm 2018; tích cực tham gia các phong trào thi đua."


def _council(thuky: User) -> Council:
    district = Unit.objects.get(code=DISTRICT)
    council = council_services.create_council(name=COUNCIL_NAME, unit=district, actor=thuky)
    council_services.add_member(
        council,
        user=_user("chutich"),
        role=MemberRole.CHAIR,
        title="Chủ tịch UBND quận – Chủ tịch Hội đồng",
        actor=thuky,
    )
    council_services.add_member(
        council,
        user=_user("hoidong"),
        role=MemberRole.VICE_CHAIR,
        title="Trưởng phòng Nội vụ – Phó Chủ tịch Hội đồng",
        actor=thuky,
    )
    council_services.add_member(
        council,
        user=thuky,
        role=MemberRole.SECRETARY,
        title="Chuyên viên Phòng Nội vụ – Thư ký Hội đồng",
        actor=thuky,
    )
    for username, name, title in COUNCIL_MEMBERS:
        user = _make_user(username, Role.COUNCIL_MEMBER, district, name, title.split(" – ")[0])
        council_services.add_member(
            council, user=user, role=MemberRole.MEMBER, title=title, actor=thuky
        )
    return council


def load() -> dict[str, Any]:
    thuky = _user("thuky")
    for username, unit_code, name, position in OFFICERS:
        _make_user(username, Role.UNIT_OFFICER, Unit.objects.get(code=unit_code), name, position)
    council = _council(thuky)

    # Khuê Trung: still being prepared; its militia board has no 2018 grade of its own yet.
    khue_trung = _user("canbo.khuetrung")
    draft = _dossier(
        "cam-le-khue-trung", khue_trung, "Đề nghị khen thưởng tổng kết năm 2018", "12/TTr-UBND"
    )
    _add(draft, khue_trung, _graded("cam-le-khue-trung", 4), "lao_dong_tien_tien", LDTT_TEXT)
    services.add_nomination(
        draft,
        version=None,
        actor=khue_trung,
        award_code="tap_the_ldtt",
        unit=Unit.objects.get(code="cam-le-khue-trung-quan-su"),
        achievement="Hoàn thành tốt nhiệm vụ quân sự, quốc phòng địa phương năm 2018.",
    )

    # Hòa Xuân: submitted, waiting for the secretariat.
    hoa_xuan = _user("canbo.hoaxuan")
    submitted = _dossier(
        "cam-le-hoa-xuan", hoa_xuan, "Đề nghị khen thưởng tổng kết năm 2018", "08/TTr-UBND"
    )
    workers = _graded("cam-le-hoa-xuan", 3)
    _add(submitted, hoa_xuan, workers, "lao_dong_tien_tien", LDTT_TEXT)
    # A grassroots fighter too, eligible by the rules, but 15 % of three advanced workers is
    # 0 places: the secretariat sees "1 of 0 allowed" and cannot accept it (quotas.py).
    _fighter_with_initiative(
        submitted,
        hoa_xuan,
        workers[0],
        "Sổ tay điện tử hướng dẫn thủ tục hành chính cho người dân",
        dt.date(2018, 11, 20),
        "88/QĐ-HĐSK",
    )
    services.submit_dossier(submitted, version=None, actor=hoa_xuan)

    # Phòng Tư pháp: one nomination returned with a reason the unit reads.
    tuphap = _user("canbo.tuphap")
    returned = _dossier("cam-le-tu-phap", tuphap, "Đề nghị khen thưởng năm 2018", "05/TTr-TP")
    nominations = _add(
        returned, tuphap, _graded("cam-le-tu-phap", 4), "lao_dong_tien_tien", LDTT_TEXT
    )
    services.submit_dossier(returned, version=None, actor=tuphap)
    decisions = {n.pk: services.Appraisal(accept=True) for n in nominations}
    decisions[nominations[-1].pk] = services.Appraisal(
        accept=False,
        reason=(
            "Thiếu báo cáo thành tích cá nhân có xác nhận của Thủ trưởng đơn vị; đề nghị bổ sung"
            " và gửi lại."
        ),
    )
    services.appraise_dossier(
        returned,
        decisions,
        version=None,
        actor=thuky,
        note="Bổ sung hồ sơ trước ngày 25/12/2018.",
    )

    # Phòng Kinh tế: appraised, waiting for the list to be published or the council.
    kinhte = _user("canbo.kinhte")
    appraised = _dossier("cam-le-kinh-te", kinhte, "Đề nghị khen thưởng năm 2018", "07/TTr-KT")
    _add(appraised, kinhte, _graded("cam-le-kinh-te", 4), "lao_dong_tien_tien", LDTT_TEXT)
    services.submit_dossier(appraised, version=None, actor=kinhte)
    _accept_all(appraised, thuky)

    # Hòa Thọ Tây: appraised and under public disclosure; someone has sent a comment.
    hoathotay = _user("canbo.hoathotay")
    disclosed = _dossier(
        "cam-le-hoa-tho-tay", hoathotay, "Đề nghị khen thưởng tổng kết năm 2018", "15/TTr-UBND"
    )
    # Eight advanced workers of the ward's committee: 15 % of them allows one CSTĐ cơ sở.
    people = _graded("cam-le-hoa-tho-tay-ubnd", 8)
    ldtt = _add(disclosed, hoathotay, people, "lao_dong_tien_tien", LDTT_TEXT)
    fighter = people[0]
    _fighter_with_initiative(
        disclosed,
        hoathotay,
        fighter,
        "Ứng dụng phần mềm quản lý hồ sơ một cửa tại phường",
        dt.date(2018, 12, 5),
        "95/QĐ-HĐSK",
    )
    services.submit_dossier(disclosed, version=None, actor=hoathotay)
    _accept_all(disclosed, thuky)
    district = Unit.objects.get(code=DISTRICT)
    listing = services.open_disclosure(
        list(disclosed.nominations.all()),
        title="Danh sách đề nghị khen thưởng năm 2018 của phường Hòa Thọ Tây",
        unit=district,
        published_on=dt.date(2018, 12, 20),
        days=5,
        day_unit=DayUnit.WORKING_DAYS,
        actor=thuky,
    )
    comment = services.post_comment(
        listing,
        text=(
            "Đề nghị Hội đồng xem xét kỹ trường hợp này: trong năm có thời gian nghỉ việc dài,"
            " ít tham gia các hoạt động của phường."
        ),
        author_name="Một người dân tổ dân phố 12",
        nomination_id=ldtt[-1].pk,
        today=dt.date(2018, 12, 24),
    )
    # Received during the period, as the story goes (the row stamps the real time otherwise).
    PublicComment.objects.filter(pk=comment.pk).update(
        received_at=dt.datetime(2018, 12, 24, 9, 30, tzinfo=dt.UTC)
    )

    # Văn phòng HĐND và UBND quận: published, then before the council; the ballot is open.
    vanphong = _user("canbo.vanphong")
    at_council = _dossier("cam-le-van-phong", vanphong, "Đề nghị khen thưởng năm 2018", "20/TTr-VP")
    _add(at_council, vanphong, _graded("cam-le-van-phong", 5), "lao_dong_tien_tien", LDTT_TEXT)
    services.submit_dossier(at_council, version=None, actor=vanphong)
    _accept_all(at_council, thuky)
    office_list = services.open_disclosure(
        list(at_council.nominations.all()),
        title="Danh sách đề nghị khen thưởng năm 2018 của Văn phòng HĐND và UBND quận",
        unit=district,
        published_on=dt.date(2018, 12, 14),
        days=5,
        day_unit=DayUnit.WORKING_DAYS,
        actor=thuky,
    )
    session = council_services.create_session(
        council,
        title="Phiên họp xét khen thưởng tổng kết năm 2018 (đợt 1)",
        year=YEAR,
        held_on=dt.date(2019, 1, 8),
        start_time=dt.time(14, 0),
        place="Hội trường UBND quận Cẩm Lệ",
        ballot_method=BallotMethod.ONLINE,
        actor=thuky,
    )
    council_services.add_to_agenda(
        session, list(office_list.nominations.all()), actor=thuky, today=dt.date(2019, 1, 7)
    )
    members = council_services.active_members(council)
    absent = next(m for m in members if m.user.username == "hoidong.congdoan")
    session = council_services.open_session(
        session,
        present=[m.pk for m in members if m != absent],
        notes={absent.pk: "công tác, có ý kiến bằng văn bản"},
        actor=thuky,
    )
    items = list(session.items.order_by("order"))
    for index, username in enumerate(("chutich", "hoidong", "thuky", "hoidong.mattran")):
        choices = {item.pk: Choice.AGREE for item in items}
        if index == 3:
            choices[items[-1].pk] = Choice.DISAGREE
        council_services.cast_ballot(session, user=_user(username), choices=choices)
    return {"dossiers": Dossier.objects.count(), "nominations": Nomination.objects.count()}
