#!/usr/bin/env python3
"""Labelled fabricated samples for the assessment's evaluation harness, made with Python
`faker` (zh_CN, pinned in requirements.txt) the ways people use it for Chinese records.

Variants (one CSV per variant and seed: OUT/<variant>_<rows>_<seed>.csv; the harness takes the
first 200 or 1,000 rows of a seed's file for the smaller sizes):

- `derived`: fake.name(), fake.ssn(), fake.phone_number(), fake.address(); birth date and sex
  read back from the ssn (a careful user keeps columns consistent).
- `independent`: the same people (same faker draws), but birth date from fake.date_of_birth() and sex drawn on its own
  (the quick way: every column from its own faker call).
- `profile`: fake.profile() flattened (its ssn, name, sex, birthdate, address, residence, job,
  company, mail, username, blood group, website, location).

Columns have the Chinese headers of the realistic samples. faker anchors ages to
"today"; to make the samples reproducible and comparable with the Rust harness (whose reference
date is 2022-07-01) "today" is frozen to that date, as if the script had been run then.

Usage: faker_samples.py OUT_DIR [--seeds 50] [--first-seed 0] [--rows 5000] [--jobs N]
"""

import argparse
import csv
import datetime as _dt
import multiprocessing
import os
import sys
import time

import faker
import faker.providers.date_time as _date_time
import faker.providers.ssn.zh_CN as _ssn_zh
from faker import Faker

TODAY = _dt.date(2022, 7, 1)


class _FrozenDate(_dt.date):
    @classmethod
    def today(cls):
        return cls(TODAY.year, TODAY.month, TODAY.day)


class _FrozenDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(TODAY.year, TODAY.month, TODAY.day, 12, 0, 0, tzinfo=tz)


class _DatetimeModule:
    """What faker's zh_CN ssn provider sees as `datetime`: today frozen."""

    date = _FrozenDate
    timedelta = _dt.timedelta


_ssn_zh.datetime = _DatetimeModule
_date_time.datetime = _FrozenDatetime

HEADER = ["姓名", "身份证号", "性别", "出生日期", "手机号", "地址"]
PROFILE_HEADER = [
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "地址",
    "居住地",
    "职业",
    "公司",
    "邮箱",
    "用户名",
    "血型",
    "网站",
    "位置",
]


def ssn_birth_sex(ssn):
    birth = f"{ssn[6:10]}-{ssn[10:12]}-{ssn[12:14]}"
    sex = "男" if int(ssn[16]) % 2 == 1 else "女"
    return birth, sex


def one_line(s):
    # faker's zh_CN addresses are one line already; keep it so whatever a locale does.
    return s.replace("\n", " ")


def profile_row(fake):
    p = fake.profile()
    lat, lon = p["current_location"]
    return [
        p["name"],
        p["ssn"],
        "男" if p["sex"] == "M" else "女",
        p["birthdate"].isoformat(),
        one_line(p["address"]),
        one_line(p["residence"]),
        p["job"],
        p["company"],
        p["mail"],
        p["username"],
        p["blood_group"],
        " ".join(p["website"]),
        f"{lat} {lon}",
    ]


def person_rows(fake):
    """One person, written two ways: (derived row, independent row)."""
    name = fake.name()
    ssn = fake.ssn()
    phone = fake.phone_number()
    address = one_line(fake.address())
    birth, sex = ssn_birth_sex(ssn)
    own_birth = fake.date_of_birth().isoformat()
    own_sex = fake.random_element(["男", "女"])
    return (
        [name, ssn, sex, birth, phone, address],
        [name, ssn, own_sex, own_birth, phone, address],
    )


def job(args):
    """One seed: the largest sample of each variant; smaller sizes are its first rows."""
    out, family, seed, n = args
    Faker.seed(seed)
    fake = Faker("zh_CN")
    if family == "profile":
        data = {"profile": (PROFILE_HEADER, [profile_row(fake) for _ in range(n)])}
    else:
        pairs = [person_rows(fake) for _ in range(n)]
        data = {
            "derived": (HEADER, [p[0] for p in pairs]),
            "independent": (HEADER, [p[1] for p in pairs]),
        }
    for variant, (header, rows) in data.items():
        path = os.path.join(out, f"{variant}_{n}_{seed}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    start = time.monotonic()
    seeds = range(a.first_seed, a.first_seed + a.seeds)
    work = [(a.out, fam, s, a.rows) for fam in ("person", "profile") for s in seeds]
    with multiprocessing.Pool(a.jobs) as pool:
        total = sum(pool.map(job, work))
    with open(os.path.join(a.out, "VERSION"), "w", encoding="utf-8") as f:
        f.write(f"faker {faker.VERSION}, zh_CN, today frozen to {TODAY.isoformat()}\n")
    print(
        f"faker {faker.VERSION}: {total} people, {a.seeds} seeds x {a.rows} rows x 3 variants, "
        f"{time.monotonic() - start:.1f} s on {a.jobs} processes -> {a.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
