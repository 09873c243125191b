"""The load test's users (run by tdkt.bench.load through locust; not imported by the runner).

The simulated officers share one login session, then mix reading pages and the API with writing
yearly records: a person's list and search, a person's page, the award register, API reads,
a new yearly record (POST) and a changed one (PATCH). Everything goes to the loopback address
given as --host; the run is bounded by locust's --run-time.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from typing import Any

from locust import HttpUser, between, events, task

TOKEN = os.environ["TDKT_LOAD_TOKEN"]
USERNAME = os.environ.get("TDKT_LOAD_USER", "thuky")
PASSWORD = os.environ.get("TDKT_LOAD_PASSWORD", "tdkt-demo")
SEARCHES = ["nguyen van", "tran thi", "le", "pham minh", "hoang", "vo thi hoa", "dang"]
YEARS = [2015, 2016, 2017, 2018]
_numbers = itertools.count()
_shared: dict[str, Any] = {}


@events.test_start.add_listener
def _prepare(environment: Any, **kwargs: Any) -> None:
    """One login for the whole crowd (a password check costs ~0.3 s of CPU on purpose, and is
    not what is measured here), and the ids of people and yearly records to visit."""
    import http.cookiejar
    import json
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = environment.host + "/accounts/login/"
    page = opener.open(login, timeout=30).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    form = {
        "username": USERNAME,
        "password": PASSWORD,
        "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
    }
    request = urllib.request.Request(
        login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login}
    )
    opener.open(request, timeout=30).read()
    _shared["cookies"] = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in _shared["cookies"]:
        raise RuntimeError("the load test's login failed")

    def get(path: str) -> Any:
        request = urllib.request.Request(
            environment.host + path, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    people = get("/api/v1/people/?page_size=500")["results"]
    records = get("/api/v1/year-records/?page_size=500&year=2018")["results"]
    _shared["people"] = [row["id"] for row in people]
    _shared["records"] = [row["id"] for row in records]


class Officer(HttpUser):
    # An officer at work reads a page for a few seconds before the next click (2-8 s, 5 s on
    # average): 50 of them send about 10 requests a second.
    wait_time = between(2, 8)

    def on_start(self) -> None:
        self.number = next(_numbers)
        self.api = {"Authorization": f"Bearer {TOKEN}"}
        for name, value in _shared["cookies"].items():
            self.client.cookies.set(name, value)
        # This officer's own (person, year) pairs for new yearly records: never another's.
        people = _shared.get("people", [])
        mine = people[self.number % 50 :: 50] or people
        self.new_records = iter(itertools.product(mine, range(2019, 2027)))

    @task(5)
    def people_list(self) -> None:
        self.client.get("/people/", name="/people/")

    @task(4)
    def people_search(self) -> None:
        self.client.get("/people/", params={"q": random.choice(SEARCHES)}, name="/people/?q=")

    @task(4)
    def person_page(self) -> None:
        self.client.get(f"/people/{random.choice(_shared['people'])}/", name="/people/<id>/")

    @task(3)
    def register(self) -> None:
        self.client.get("/awards/", params={"year": random.choice(YEARS)}, name="/awards/?year=")

    @task(3)
    def api_people(self) -> None:
        self.client.get(
            "/api/v1/people/",
            params={"q": random.choice(SEARCHES)},
            headers=self.api,
            name="API people?q=",
        )

    @task(3)
    def api_awards(self) -> None:
        self.client.get(
            "/api/v1/awards/",
            params={"year": random.choice(YEARS), "award_code": "lao_dong_tien_tien"},
            headers=self.api,
            name="API awards?year=",
        )

    @task(1)
    def record_year(self) -> None:
        pair = next(self.new_records, None)
        if pair is None:
            return
        person, year = pair
        self.client.post(
            "/api/v1/year-records/",
            json={"person": person, "year": year, "grade": "hoan_thanh_tot"},
            headers=self.api,
            name="API POST year-record",
        )

    @task(1)
    def change_year(self) -> None:
        if not _shared.get("records"):
            return
        grade = random.choice(["hoan_thanh_tot", "hoan_thanh_xuat_sac"])
        self.client.patch(
            f"/api/v1/year-records/{random.choice(_shared['records'])}/",
            json={"grade": grade},
            headers=self.api,
            name="API PATCH year-record",
        )
