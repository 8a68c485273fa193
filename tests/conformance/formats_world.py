"""Differential-test spec for the `world` group (Asia, Middle East, Africa) against python-stdnum.

Imported by tests/conformance/stdnum_formats.py. Each generator returns a random shape-correct
candidate in the format's compact layout, with a correct check digit (computed here from the
public algorithm) about half of the time; the runner adds single-character mutations.

Formats of this group that python-stdnum does not have (HKID, Macau BIR, Taiwan ID and UI
numbers, Singapore NRIC, Vietnamese CCCD, Saudi ID, Emirates ID, Egyptian ID, Nigerian BVN and
NIN) are covered by the Rust tests only.
"""

import datetime
import random

REFERENCE = datetime.date(2022, 7, 1)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _date(rng: random.Random, start: int = 1920, end: datetime.date = REFERENCE) -> datetime.date:
    lo = datetime.date(start, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randrange(lo, end.toordinal()))


def _luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _maybe_wrong(rng: random.Random, check: str) -> str:
    """The check digit about half of the time, else another digit."""
    if rng.random() < 0.5:
        return check
    return rng.choice([d for d in "0123456789" if d != check])


# ---- Korea -----------------------------------------------------------------------------------

def _kr_check(body12: str) -> int:
    w = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    return (11 - sum(int(c) * x for c, x in zip(body12, w)) % 11) % 10


def gen_kr_rrn(rng):
    d = _date(rng, 1920)
    foreigner = rng.random() < 0.2
    female = rng.random() < 0.5
    g = (1 if d.year < 2000 else 3) + female + (4 if foreigner else 0)
    body = f"{d:%y%m%d}{g}{rng.randrange(96):02d}{_digits(rng, 3)}"
    return body + _maybe_wrong(rng, str(_kr_check(body)))


# ---- Japan -----------------------------------------------------------------------------------

def gen_jp_my_number(rng):
    body = _digits(rng, 11)
    w = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    r = sum(int(c) * x for c, x in zip(body, w)) % 11
    return body + _maybe_wrong(rng, str(0 if r <= 1 else 11 - r))


# ---- Malaysia --------------------------------------------------------------------------------

_MY_PLACES = [p for p in range(1, 100)
              if p <= 16 or 21 <= p <= 59 or 60 <= p <= 68 or p in (71, 72)
              or 74 <= p <= 79 or 82 <= p <= 93 or p in (98, 99)]


def gen_my_nric(rng):
    d = _date(rng, 1925)
    place = rng.choice(_MY_PLACES) if rng.random() < 0.9 else rng.randrange(100)
    return f"{d:%y%m%d}{place:02d}{_digits(rng, 4)}"


# ---- Thailand --------------------------------------------------------------------------------

def gen_th_pin(rng):
    body = rng.choice("12345678") + _digits(rng, 11)
    s = sum(int(c) * (13 - i) for i, c in enumerate(body))
    return body + _maybe_wrong(rng, str((11 - s % 11) % 10))


# ---- Indonesia -------------------------------------------------------------------------------

# Provinces python-stdnum knows as well (it lacks 65 and the Papuan codes of 2022). Regency 01
# and district 01 exist in every province; stdnum checks the regency against its own list.
_NIK_PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
                  61, 62, 63, 64, 71, 72, 73, 74, 75, 76, 81, 82, 91, 94]


def gen_id_nik(rng):
    d = _date(rng, 1925)
    day = d.day + (40 if rng.random() < 0.5 else 0)
    region = f"{rng.choice(_NIK_PROVINCES):02d}01{rng.randrange(1, 20):02d}"
    return f"{region}{day:02d}{d:%m%y}{rng.randrange(1, 10000):04d}"


# ---- India -----------------------------------------------------------------------------------

_VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
       [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
       [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
       [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
       [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
       [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def _verhoeff_digit(body: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    return str(_VINV[c])


def gen_in_aadhaar(rng):
    body = rng.choice("23456789") + _digits(rng, 10)
    return body + _maybe_wrong(rng, _verhoeff_digit(body))


_PAN_TYPES = "ABCFGHLJPTK"


def gen_in_pan(rng):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    kind = rng.choice(_PAN_TYPES) if rng.random() < 0.9 else rng.choice(letters)
    return ("".join(rng.choice(letters) for _ in range(3)) + kind + rng.choice(letters)
            + f"{rng.randrange(10000):04d}" + rng.choice(letters))


# ---- Pakistan --------------------------------------------------------------------------------

def gen_pk_cnic(rng):
    return rng.choice("1234567") + _digits(rng, 11) + rng.choice("123456789")


# ---- Israel ----------------------------------------------------------------------------------

def gen_il_idnr(rng):
    body = _digits(rng, 8)
    return body + _maybe_wrong(rng, _luhn_digit(body))


# ---- South Africa ----------------------------------------------------------------------------

def gen_za_idnr(rng):
    d = _date(rng, 1930)
    body = f"{d:%y%m%d}{_digits(rng, 4)}{rng.choice('01')}8"
    return body + _maybe_wrong(rng, _luhn_digit(body))


FORMATS = [
    ("kr_rrn", "stdnum.kr.rrn", gen_kr_rrn),
    ("jp_my_number", "stdnum.jp.in_", gen_jp_my_number),
    ("my_nric", "stdnum.my.nric", gen_my_nric),
    ("th_pin", "stdnum.th.pin", gen_th_pin),
    ("id_nik", "stdnum.id.nik", gen_id_nik),
    ("in_aadhaar", "stdnum.in_.aadhaar", gen_in_aadhaar),
    ("in_pan", "stdnum.in_.pan", gen_in_pan),
    ("pk_cnic", "stdnum.pk.cnic", gen_pk_cnic),
    ("il_idnr", "stdnum.il.idnr", gen_il_idnr),
    ("za_idnr", "stdnum.za.idnr", gen_za_idnr),
]

CATEGORIES = {
    "kr_random_after_2020":
        "Korean numbers assigned since 2020-10-05 have six random digits after the sex digit "
        "(Resident Registration Act enforcement rules, 2020): for births from 2020-09-01 on we "
        "do not require the check digit (or the region code); stdnum does",
    "kr_foreigner_old_check":
        "older Korean foreigner registration numbers carry the RRN check digit plus 2; we "
        "accept them, stdnum only knows the RRN formula",
    "kr_born_1800s":
        "a Korean born in the 1800s (sex digit 9/0) is over 120 on the reference date: we flag "
        "date_too_old, stdnum accepts any century",
    "kr_region_96":
        "Korean region codes run 00-95 (Jeju 91-95); stdnum accepts up to 96",
    "future_birth_date":
        "the encoded birth date lies after the reference date 2022-07-01; stdnum does not "
        "compare with a reference date",
    "th_type_0":
        "Thai person type 0 (people without Thai registration status: stateless persons, "
        "migrant workers) is issued; stdnum rejects a leading 0",
    "nik_regency_not_checked":
        "we check the Indonesian province code only (the Kemendagri regency list is not "
        "shipped); stdnum checks the regency against its own partial list",
    "nik_new_province":
        "Indonesian province 65 (North Kalimantan, 2012) and 92-96 (Papuan provinces, 2022) "
        "exist; stdnum's list predates them",
    "nik_area_zero":
        "a regency or district (kecamatan) code 00 names no area; stdnum does not check the "
        "district and matches regency 00 to the province's own entry",
    "nik_day_out_of_range":
        "a NIK day field is 01-31 (men) or 41-71 (women); stdnum takes it modulo 40 and so "
        "accepts 81-91 as days 1-11",
    "aadhaar_palindrome":
        "UIDAI issues random numbers with first digit 2-9 and a Verhoeff check digit; no rule "
        "excludes palindromes, which stdnum rejects",
    "cnic_sex_digit_0":
        "the CNIC's last digit is even for women, 0 included; stdnum rejects 0",
    "cnic_ajk":
        "CNICs of Azad Jammu and Kashmir start with 8; stdnum knows provinces 1-7 only",
    "il_short":
        "an Israeli ID number has nine digits; we restore up to two leading zeros lost to "
        "integer storage, while stdnum pads any shorter number",
    "za_refugee":
        "South African citizenship digit 2 (refugee) is issued; stdnum knows 0 and 1 only",
    "separators":
        "we strip spaces, dots and slashes as separators too; stdnum only strips its own set",
}


def _kr_date(v):
    g = v[6]
    base = {"9": 1800, "0": 1800, "1": 1900, "2": 1900, "5": 1900, "6": 1900}.get(g, 2000)
    try:
        return datetime.date(base + int(v[:2]), int(v[2:4]), int(v[4:6]))
    except ValueError:
        return None


def explain(fmt_id, value, ours_valid, our_reasons, stdnum_valid, stdnum_error):
    """A category for a disagreement we believe we are right about, or None."""
    if any(c in value for c in " ./") and ours_valid and not stdnum_valid:
        return "separators"
    v = "".join(c for c in value if c not in " -./")
    reasons = set(our_reasons or [])
    if fmt_id == "kr_rrn" and len(v) == 13 and v.isdigit():
        d = _kr_date(v)
        if ours_valid and not stdnum_valid:
            if d is not None and d >= datetime.date(2020, 9, 1):
                return "kr_random_after_2020"
            if v[6] in "5678" and d is not None:
                w = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
                c = (11 - sum(int(a) * b for a, b in zip(v, w)) % 11) % 10
                if int(v[12]) == (c + 2) % 10:
                    return "kr_foreigner_old_check"
        if not ours_valid and stdnum_valid:
            if reasons == {"date_too_old"} and v[6] in "90":
                return "kr_born_1800s"
            if reasons == {"date_after_reference"}:
                return "future_birth_date"
            if reasons == {"region_unknown"} and v[7:9] == "96":
                return "kr_region_96"
    if fmt_id == "th_pin" and ours_valid and not stdnum_valid and v[:1] == "0":
        return "th_type_0"
    if fmt_id == "id_nik" and len(v) == 16 and v.isdigit():
        if ours_valid and not stdnum_valid:
            if int(v[:2]) in (65, 92, 93, 95, 96):
                return "nik_new_province"
            return "nik_regency_not_checked"
        if not ours_valid and stdnum_valid:
            if "region_unknown" in reasons and "00" in (v[2:4], v[4:6]):
                return "nik_area_zero"
            if "date_invalid" in reasons and int(v[6:8]) > 71:
                return "nik_day_out_of_range"
    if fmt_id == "in_aadhaar" and ours_valid and not stdnum_valid and v == v[::-1]:
        return "aadhaar_palindrome"
    if fmt_id == "pk_cnic" and ours_valid and not stdnum_valid:
        if v[-1:] == "0":
            return "cnic_sex_digit_0"
        if v[:1] == "8":
            return "cnic_ajk"
    if fmt_id == "il_idnr" and not ours_valid and stdnum_valid and reasons == {"length"} \
            and len(v) < 7:
        return "il_short"
    if fmt_id == "za_idnr" and ours_valid and not stdnum_valid and v[10:11] == "2":
        return "za_refugee"
    return None
