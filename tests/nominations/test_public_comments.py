"""The public disclosure page (no login): what it shows, and the comment form's guards — the
honeypot, the signed time-to-submit token and the rate limit per address."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tdkt.nominations import antispam, services
from tdkt.nominations.models import Disclosure, PublicComment
from tdkt.nominations.services import NominationError
from tests.nominations.round2018 import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def listing(appraised: Any, round2018: SimpleNamespace, secretariat_user: Any) -> Disclosure:
    return publish(list(appraised.nominations.all()), secretariat_user, round2018.district)


def _post(client: Client, listing: Disclosure, **fields: Any) -> Any:
    data = {
        "text": "Đề nghị xem xét thêm",
        "token": antispam.form_token(listing.pk, now=time.time() - 30),
        "nomination": "",
        **fields,
    }
    return client.post(f"/cong-khai/{listing.pk}/", data, REMOTE_ADDR="203.0.113.7")


def test_public_page_shows_only_name_unit_position_award(
    listing: Disclosure, round2018: SimpleNamespace, client: Client
) -> None:
    response = client.get(f"/cong-khai/{listing.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Ánh" in page
    assert "Công chức văn hóa – xã hội" in page
    assert "Phường Hòa Thọ Đông" in page
    assert "Lao động tiên tiến" in page
    assert "048185000123" not in page  # citizen ID
    assert "05/01/1985" not in page  # date of birth
    assert "1985-01-05" not in page
    assert "Lấy ý kiến từ ngày 11/12/2018 đến ngày 17/12/2018 (5 ngày làm việc)." in page


def test_public_index_lists_open_lists_only(listing: Disclosure, client: Client) -> None:
    listing.state = "closed"
    listing.save()

    assert client.get(f"/cong-khai/{listing.pk}/").status_code == 404
    assert listing.title not in client.get("/cong-khai/").content.decode()


def test_comment_reaches_the_secretariat(
    listing: Disclosure, client: Client, secretariat_user: Any, appraised: Any
) -> None:
    about = listing.nominations.first()

    response = _post(client, listing, nomination=str(about.pk), author_name="Lê Văn Tám")

    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert (comment.nomination, comment.author_name, comment.late) == (about, "Lê Văn Tám", False)
    client.force_login(secretariat_user)
    page = client.get(f"/nominations/{appraised.pk}/").content.decode()
    assert "Đề nghị xem xét thêm" in page


def test_comment_not_shown_to_the_unit(
    listing: Disclosure, client: Client, unit_officer: Any, appraised: Any
) -> None:
    _post(client, listing)
    client.force_login(unit_officer)

    assert (
        "Đề nghị xem xét thêm" not in client.get(f"/nominations/{appraised.pk}/").content.decode()
    )


def test_honeypot_filled_refused(listing: Disclosure, client: Client) -> None:
    response = _post(client, listing, website="http://spam.example")

    assert response.status_code == 400
    assert "Không thể nhận ý kiến của bạn." in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_form_sent_too_fast_refused(listing: Disclosure, client: Client) -> None:
    response = _post(client, listing, token=antispam.form_token(listing.pk, now=time.time() - 1))

    assert response.status_code == 400
    assert "Biểu mẫu được gửi quá nhanh" in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_forged_or_foreign_token_refused(listing: Disclosure, client: Client) -> None:
    other = antispam.form_token(listing.pk + 1, now=time.time() - 30)

    forged = _post(client, listing, token="abc:def")
    foreign = _post(client, listing, token=other)

    assert (forged.status_code, foreign.status_code) == (400, 400)
    assert PublicComment.objects.count() == 0


def test_token_expired_after_two_hours(listing: Disclosure) -> None:
    token = antispam.form_token(listing.pk, now=1000.0)

    assert antispam.token_problem(token, listing.pk, now=1000.0 + 3 * 3600) == (
        "Biểu mẫu đã hết hạn; hãy tải lại trang và gửi lại ý kiến."
    )
    assert antispam.token_problem(token, listing.pk, now=1000.0 + 60) == ""


def test_rate_limit_per_address(listing: Disclosure, client: Client) -> None:
    statuses = [_post(client, listing, text=f"Ý kiến số {n}").status_code for n in range(6)]
    other = client.post(
        f"/cong-khai/{listing.pk}/",
        {"text": "Từ máy khác", "token": antispam.form_token(listing.pk, now=time.time() - 30)},
        REMOTE_ADDR="198.51.100.2",
    )

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert other.status_code == 302
    assert PublicComment.objects.count() == 6
    assert "tối đa 5 ý kiến trong 10 phút" in _post(client, listing).content.decode()


def test_rate_limit_behind_a_proxy_counts_each_visitor(
    listing: Disclosure, client: Client, settings: Any
) -> None:
    """Behind nginx every request comes from 127.0.0.1; the visitor is the last address the
    proxy added to X-Forwarded-For (TDKT_BEHIND_PROXY, as for the login lockout)."""
    settings.TDKT_BEHIND_PROXY = True

    def post(visitor: str, n: int) -> int:
        return client.post(
            f"/cong-khai/{listing.pk}/",
            {
                "text": f"Ý kiến số {n}",
                "token": antispam.form_token(listing.pk, now=time.time() - 30),
            },
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.9, {visitor}",
        ).status_code

    first = [post("203.0.113.7", n) for n in range(6)]
    second = post("198.51.100.2", 7)

    assert first == [302, 302, 302, 302, 302, 429]
    assert second == 302


def test_comment_after_the_period_marked_late(listing: Disclosure) -> None:
    comment = services.post_comment(listing, text="Muộn", today=listing.ends_on.replace(day=18))

    assert comment.late is True


def test_comment_on_closed_list_refused(listing: Disclosure) -> None:
    listing.state = "closed"
    listing.save()

    with pytest.raises(NominationError) as caught:
        services.post_comment(listing, text="Góp ý")

    assert str(caught.value) == "Danh sách này không còn nhận ý kiến."
    assert PublicComment.objects.count() == 0


def test_comment_about_a_name_not_in_the_list_refused(listing: Disclosure) -> None:
    with pytest.raises(NominationError) as caught:
        services.post_comment(listing, text="Góp ý", nomination_id=999999)

    assert str(caught.value) == "Hãy chọn một người (tập thể) trong danh sách này."
