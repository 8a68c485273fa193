"""Differential-test spec for the Central and Eastern European formats (group `europe`).

Consumed by tests/conformance/stdnum_formats.py: FORMATS lists (veracity id, python-stdnum
module, generator); each generator returns a random shape-correct candidate, about half of
them with correct check digits (computed here from the public algorithms, independently of
both implementations). `explain` names the category of a disagreement we believe we are right
about; CATEGORIES gives each category's reason.

Not covered: ru_snils (python-stdnum 2.2 has no SNILS module).
"""

import datetime
import random

_DIGITS = "0123456789"


def _digits(rng, n):
    return "".join(rng.choice(_DIGITS) for _ in range(n))


def _date(rng, start=1900, end=2024):
    """A random real date, sometimes outside the plausible birth range."""
    if rng.random() < 0.1:
        start, end = 1800, 2099
    first = datetime.date(start, 1, 1).toordinal()
    last = datetime.date(end, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(first, last))


def _wsum(s, weights):
    return sum(int(c) * w for c, w in zip(s, weights))


def _maybe(rng, body, check):
    """`body + check` about half the time, otherwise `body` with a random last digit."""
    if rng.random() < 0.5:
        return body + check
    return body + _digits(rng, len(check))


def gen_pl_pesel(rng):
    d = _date(rng, 1900, 2024)
    offset = {18: 80, 19: 0, 20: 20}[d.year // 100]
    body = "%02d%02d%02d%s" % (d.year % 100, d.month + offset, d.day, _digits(rng, 4))
    if rng.random() < 0.05:
        body = _digits(rng, 10)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return _maybe(rng, body, str((10 - _wsum(body, w) % 10) % 10))


def gen_cz_rc(rng):
    d = _date(rng, 1930, 2024)
    mm = d.month + (50 if rng.random() < 0.5 else 0)
    if d.year >= 2004 and rng.random() < 0.2:
        mm += 20
    if rng.random() < 0.05:
        mm = rng.randint(0, 99)
    body = "%02d%02d%02d%s" % (d.year % 100, mm, d.day, _digits(rng, 3))
    if d.year < 1954:
        return body if rng.random() < 0.8 else body + _digits(rng, 1)
    r = int(body) % 11 % 10
    sep = "/" if rng.random() < 0.3 else ""
    return body[:6] + sep + _maybe(rng, body[6:], str(r))


def gen_ro_cnp(rng):
    d = _date(rng, 1900, 2024)
    s = {18: 3, 19: 1, 20: 5}[d.year // 100] + rng.randint(0, 1)
    if rng.random() < 0.1:
        s = rng.randint(0, 9)
    county = rng.choice(list(range(1, 49)) + [51, 52, 70, 80, 81, 82, 83, 0, 49, 50, 99])
    body = "%d%02d%02d%02d%02d%s" % (s, d.year % 100, d.month, d.day, county, _digits(rng, 3))
    r = _wsum(body, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
    return _maybe(rng, body, str(1 if r == 10 else r))


def gen_bg_egn(rng):
    d = _date(rng, 1900, 2024)
    offset = {18: 20, 19: 0, 20: 40}[d.year // 100]
    body = "%02d%02d%02d%s" % (d.year % 100, d.month + offset, d.day, _digits(rng, 3))
    r = _wsum(body, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11
    return _maybe(rng, body, str(r % 10))


def _ik_check(body):
    r = _wsum(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11
    if r == 10:
        r = _wsum(body, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 % 10
    return str(r)


def _gen_ik(rng, allow9):
    d = _date(rng, 1900, 2024)
    g = (d.year // 100 - 18) * 2 + rng.randint(1, 2)
    body = "%d%02d%02d%02d%s" % (g, d.year % 100, d.month, d.day, _digits(rng, 3))
    if rng.random() < 0.05:
        body = rng.choice("09" if allow9 else "0") + _digits(rng, 9)
    return _maybe(rng, body, _ik_check(body))


def gen_ee_ik(rng):
    return _gen_ik(rng, False)


def gen_lt_asmens(rng):
    return _gen_ik(rng, True)


def gen_lv_pk(rng):
    if rng.random() < 0.3:
        body = "3" + str(rng.randint(2, 9)) + _digits(rng, 8)
    else:
        d = _date(rng, 1900, 2017)
        c = d.year // 100 - 18
        if rng.random() < 0.05:
            c = rng.randint(0, 9)
        body = "%02d%02d%02d%d%s" % (d.day, d.month, d.year % 100, c, _digits(rng, 3))
    r = (1101 - _wsum(body, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11 % 10
    value = _maybe(rng, body, str(r))
    return value[:6] + "-" + value[6:] if rng.random() < 0.3 else value


def _mod11_10(body):
    p = 10
    for c in body:
        s = (p + int(c)) % 10 or 10
        p = s * 2 % 11
    return str((11 - p) % 10)


def gen_hr_oib(rng):
    body = _digits(rng, 10)
    return _maybe(rng, body, _mod11_10(body))


def gen_si_emso(rng):
    d = _date(rng, 1900, 2024)
    region = rng.choice(["50", "50", "33", "71", "%02d" % rng.randint(0, 99)])
    body = "%02d%02d%03d%s%s" % (d.day, d.month, d.year % 1000, region, _digits(rng, 3))
    m = 11 - _wsum(body, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
    check = "0" if m == 11 else str(m % 10)
    return _maybe(rng, body, check)


def _luhn(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        x = int(c) * (2 if i % 2 == 0 else 1)
        total += x - 9 if x > 9 else x
    return str((10 - total % 10) % 10)


def gen_gr_amka(rng):
    d = _date(rng, 1925, 2024)
    body = "%02d%02d%02d%s" % (d.day, d.month, d.year % 100, _digits(rng, 4))
    return _maybe(rng, body, _luhn(body))


def gen_ua_rntrc(rng):
    d = _date(rng, 1900, 2024)
    days = max(0, (d - datetime.date(1899, 12, 31)).days) % 100000
    body = "%05d%s" % (days, _digits(rng, 4))
    r = _wsum(body, [-1, 5, 7, 9, 4, 6, 10, 5, 7]) % 11 % 10
    return _maybe(rng, body, str(r))


def gen_ru_inn(rng):
    if rng.random() < 0.5:
        body = _digits(rng, 9)
        return _maybe(rng, body, str(_wsum(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10))
    body = _digits(rng, 10)
    c1 = str(_wsum(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10)
    c2 = str(_wsum(body + c1, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10)
    return _maybe(rng, body, c1 + c2)


def gen_tr_tckimlik(rng):
    body = str(rng.randint(1, 9)) + _digits(rng, 8)
    odd = sum(int(body[i]) for i in range(0, 9, 2))
    even = sum(int(body[i]) for i in range(1, 9, 2))
    d10 = (7 * odd - even) % 10
    d11 = (sum(int(c) for c in body) + d10) % 10
    return _maybe(rng, body, "%d%d" % (d10, d11))


FORMATS = [
    ("pl_pesel", "stdnum.pl.pesel", gen_pl_pesel),
    ("cz_rc", "stdnum.cz.rc", gen_cz_rc),
    ("ro_cnp", "stdnum.ro.cnp", gen_ro_cnp),
    ("bg_egn", "stdnum.bg.egn", gen_bg_egn),
    ("ee_ik", "stdnum.ee.ik", gen_ee_ik),
    ("lt_asmens", "stdnum.lt.asmens", gen_lt_asmens),
    ("lv_pk", "stdnum.lv.pvn", gen_lv_pk),
    ("hr_oib", "stdnum.hr.oib", gen_hr_oib),
    ("si_emso", "stdnum.si.emso", gen_si_emso),
    ("gr_amka", "stdnum.gr.amka", gen_gr_amka),
    ("ua_rntrc", "stdnum.ua.rntrc", gen_ua_rntrc),
    ("ru_inn", "stdnum.ru.inn", gen_ru_inn),
    ("tr_tckimlik", "stdnum.tr.tckimlik", gen_tr_tckimlik),
]

CATEGORIES = {
    "birth_date_after_reference": "the encoded birth date lies after the data's reference date; "
    "stdnum does not compare birth dates with any date",
    "birth_date_too_old": "the encoded birth date is before 1900 or more than 130 years before "
    "the reference date: no living person; stdnum accepts any calendar date",
    "cz_month_code": "rodné číslo month codes are 01-12, 21-32, 51-62, 71-82 only; stdnum reduces "
    "the month mod 50 then mod 20 and so accepts codes such as 41-50 and 91-99 that no rule assigns",
    "cz_offset_before_2004": "the +20 month overflow exists only since 2004 (vyhláška 36/2004 Sb.); "
    "stdnum accepts it for any year",
    "lv_century_digit": "the seventh digit of a pre-2017 Latvian code is the century: 0, 1 or 2 "
    "(CSB personal code classifier); stdnum accepts any digit",
    "lv_new_prefix_33_39": "since 2017 Latvian codes start with 3 followed by a random 2-9 "
    "(Population Register Law); stdnum only knows the prefix 32",
    "lv_pvn_legal_entity": "lv.pvn also accepts 11-digit legal-entity VAT numbers (first digit "
    "above 3), which are not personal codes",
    "ro_foreigner_century": "CNP first digits 7-9 (foreign residents) do not encode the century; "
    "we take the latest century not after the reference date, stdnum always 1900",
    "si_emso_remainder_1": "an EMŠO whose weighted sum leaves remainder 1 (m = 10) has no check "
    "digit: the register skips such serial numbers (Uredba o načinu določanja osebne "
    "identifikacijske številke, Uradni list RS 8/1999, art. 3-4); stdnum writes 0",
    "date_century_inferred": "the format does not encode the century; we take the latest "
    "century not after the reference date, so 29 February of a 00 year differs",
}

_DATE_REASONS = {
    "date_after_reference": "birth_date_after_reference",
    "date_too_old": "birth_date_too_old",
}


def explain(fmt_id, value, ours_valid, our_reasons, stdnum_valid, stdnum_error):
    """Category of a disagreement we believe we are right about, or None."""
    reasons = set(our_reasons or [])
    digits = "".join(c for c in value if c.isdigit())
    if not ours_valid and stdnum_valid:
        shape_ok = not reasons & {"checksum", "length", "format"}
        if shape_ok:
            if fmt_id == "cz_rc" and "month_offset_before_2004" in reasons:
                return "cz_offset_before_2004"
            if fmt_id == "cz_rc" and "date_invalid" in reasons and len(digits) >= 4:
                mm = int(digits[2:4])
                if not (1 <= mm <= 12 or 21 <= mm <= 32 or 51 <= mm <= 62 or 71 <= mm <= 82):
                    return "cz_month_code"
            if fmt_id == "lv_pk" and reasons == {"century_digit_invalid"}:
                return "lv_century_digit"
            if fmt_id == "ro_cnp" and digits[:1] in ("7", "8", "9"):
                return "ro_foreigner_century"
            for reason, category in _DATE_REASONS.items():
                if reason in reasons:
                    return category
        if fmt_id == "lv_pk" and len(digits) == 11 and digits[0] > "3":
            return "lv_pvn_legal_entity"
        if fmt_id == "gr_amka" and digits[:4] == "2902":
            return "date_century_inferred"
        if fmt_id == "si_emso" and len(digits) == 13 and digits[12] == "0":
            weights = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            if _wsum(digits, weights) % 11 == 1:
                return "si_emso_remainder_1"
    if ours_valid and not stdnum_valid:
        if fmt_id == "lv_pk" and "33" <= digits[:2] <= "39":
            return "lv_new_prefix_33_39"
        if fmt_id == "ro_cnp" and digits[:1] in ("7", "8", "9"):
            return "ro_foreigner_century"
        if fmt_id == "gr_amka" and digits[:4] == "2902":
            return "date_century_inferred"
    return None
