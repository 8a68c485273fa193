"""Differential-test spec for the Western and Northern European formats (group `europe`).

Exports FORMATS (veracity id, python-stdnum module, generator), explain() and CATEGORIES for
tests/conformance/stdnum_formats.py. Generators return shape-correct candidates in the
format's layout, about half of them with a correct check computed here from the public
algorithm (written from the specifications cited in each Rust module, not from stdnum).
gb_nino has no stdnum counterpart and is not listed.
"""

import datetime
import random

REFERENCE = datetime.date(2022, 7, 1)
DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _digits(rng, n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def _date(rng, start=1900, end=2022):
    """A random calendar date between 1 January `start` and the reference date."""
    lo = datetime.date(start, 1, 1).toordinal()
    hi = min(datetime.date(end, 12, 31), REFERENCE).toordinal()
    return datetime.date.fromordinal(rng.randint(lo, hi))


def _valid(rng):
    return rng.random() < 0.5


def _mod11_complement(payload, weights):
    r = sum(int(c) * w for c, w in zip(payload, weights)) % 11
    return (11 - r) % 11  # 10 means "never issued"


# --- United Kingdom: NHS number -------------------------------------------------------------

def gen_gb_nhs(rng):
    while True:
        p = rng.choice(["4", "6", "7", "3", "0", "1", "2", "9"]) + _digits(rng, 8)
        c = _mod11_complement(p, range(10, 1, -1))
        if c == 10:
            if not _valid(rng):
                return p + rng.choice(DIGITS)
            continue
        return p + (str(c) if _valid(rng) else rng.choice(DIGITS))


# --- France: NIR ----------------------------------------------------------------------------

def nir_key(body13):
    n = int(body13.replace("2A", "19").replace("2B", "18"))
    return 97 - n % 97


def gen_fr_nir(rng):
    sex = rng.choice("1212123478")
    yy = _digits(rng, 2)
    mm = "%02d" % rng.choice(list(range(1, 13)) * 4 + [20, 30, 42, 50, 62, 99, 0, 13])
    dep = rng.choice(["%02d" % rng.randint(1, 95), "2A", "2B", "99", "97"])
    if dep == "97":
        dep += rng.choice("12346")
        rest = _digits(rng, 5)
    else:
        rest = _digits(rng, 6)
    body = sex + yy + mm + dep + rest
    key = nir_key(body) if _valid(rng) else rng.randint(1, 97)
    return body + "%02d" % key


# --- Germany: Steuer-IdNr. ------------------------------------------------------------------

def mod11_10(payload):
    p = 10
    for ch in payload:
        s = (p + int(ch)) % 10 or 10
        p = s * 2 % 11
    return (11 - p) % 10


def gen_de_idnr(rng):
    digits = rng.sample(DIGITS, 9)
    r = rng.random()
    if r < 0.6:  # one digit twice
        digits.insert(rng.randint(0, 9), rng.choice(digits))
    elif r < 0.8:  # one digit three times (eight distinct)
        digits = digits[:8]
        d = rng.choice(digits)
        digits.insert(rng.randint(0, 8), d)
        digits.insert(rng.randint(0, 9), d)
    else:  # random digits, rule likely broken
        digits = [rng.choice(DIGITS) for _ in range(10)]
    if digits[0] == "0" and rng.random() < 0.9:
        digits[0], digits[-1] = digits[-1], digits[0]
    payload = "".join(digits)
    return payload + (str(mod11_10(payload)) if _valid(rng) else rng.choice(DIGITS))


# --- Italy: codice fiscale ------------------------------------------------------------------

CF_MONTHS = "ABCDEHLMPRST"
CF_OMOCODES = "LMNPQRSTUV"
CF_ODD = {c: v for c, v in zip(DIGITS, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21])}
CF_ODD.update(zip(UPPER, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                          12, 14, 16, 10, 22, 25, 24, 23]))


def cf_check(body15):
    s = 0
    for i, ch in enumerate(body15):
        if i % 2 == 0:
            s += CF_ODD[ch]
        else:
            s += int(ch) if ch.isdigit() else ord(ch) - 65
    return chr(65 + s % 26)


def gen_it_codicefiscale(rng):
    d = _date(rng, 1923)
    day = d.day + (40 if rng.random() < 0.5 else 0)
    if rng.random() < 0.05:
        day = rng.choice([0, 32, 35, 40, 72, 99])
    digits = list("%02d" % (d.year % 100) + "%02d" % day + "%03d" % rng.randint(0, 999))
    for k in range(rng.choice([0, 0, 0, 0, 1, 2, 7])):  # omocodia from the right
        i = 6 - k
        digits[i] = CF_OMOCODES[int(digits[i])]
    letters = "".join(rng.choice(UPPER) for _ in range(6))
    body = (letters + digits[0] + digits[1] + CF_MONTHS[d.month - 1] + digits[2] + digits[3]
            + rng.choice(UPPER) + digits[4] + digits[5] + digits[6])
    return body + (cf_check(body) if _valid(rng) else rng.choice(UPPER))


# --- Spain: DNI and NIE ---------------------------------------------------------------------

ES_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def gen_es_dni(rng):
    n = _digits(rng, 8)
    return n + (ES_LETTERS[int(n) % 23] if _valid(rng) else rng.choice(UPPER))


def gen_es_nie(rng):
    p = rng.choice("XYZ")
    n = _digits(rng, 7)
    letter = ES_LETTERS[int(str("XYZ".index(p)) + n) % 23]
    return p + n + (letter if _valid(rng) else rng.choice(UPPER))


# --- Portugal: NIF --------------------------------------------------------------------------

def pt_check(p8):
    r = sum(int(c) * w for c, w in zip(p8, range(9, 1, -1))) % 11
    return 0 if r < 2 else 11 - r


def gen_pt_nif(rng):
    p = rng.choice("123568971") + _digits(rng, 7)
    return p + (str(pt_check(p)) if _valid(rng) else rng.choice(DIGITS))


# --- Netherlands: BSN -----------------------------------------------------------------------

def gen_nl_bsn(rng):
    while True:
        p = _digits(rng, 8)
        s = sum(int(c) * w for c, w in zip(p, range(9, 1, -1))) % 11
        if s == 10:
            continue
        return p + (str(s) if _valid(rng) else rng.choice(DIGITS))


# --- Belgium: national number ---------------------------------------------------------------

def gen_be_nn(rng):
    d = _date(rng, 1920)
    mm, dd = d.month, d.day
    if rng.random() < 0.05:
        mm, dd = rng.choice([(0, 0), (0, dd), (mm, 0), (13, dd), (mm + 20, dd), (mm + 40, dd)])
    seq = rng.randint(1, 998) if rng.random() < 0.97 else rng.choice([0, 999])
    p = "%02d%02d%02d%03d" % (d.year % 100, mm, dd, seq)
    n = int(p) + (2000000000 if d.year >= 2000 else 0)
    return p + "%02d" % ((97 - n % 97) if _valid(rng) else rng.randint(1, 97))


# --- Sweden: personnummer -------------------------------------------------------------------

def luhn_digit(payload):
    s = 0
    for i, ch in enumerate(reversed(payload)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            v = v - 9 if v > 9 else v
        s += v
    return (10 - s % 10) % 10


def _age(d):
    return REFERENCE.year - d.year - ((REFERENCE.month, REFERENCE.day) < (d.month, d.day))


def gen_se_personnummer(rng):
    d = _date(rng, 1925)
    day = d.day + (60 if rng.random() < 0.1 else 0)
    p = "%02d%02d%02d%03d" % (d.year % 100, d.month, day, rng.randint(0, 999))
    ten = p + (str(luhn_digit(p)) if _valid(rng) else rng.choice(DIGITS))
    sep = "+" if _age(d) >= 100 else "-"
    form = rng.random()
    if form < 0.6:
        return ten[:6] + sep + ten[6:]
    if form < 0.8:
        return "%04d" % d.year + ten[2:]
    return ten


# --- Norway: fødselsnummer ------------------------------------------------------------------

def no_checks(p9):
    k1 = _mod11_complement(p9, [3, 7, 6, 1, 8, 9, 4, 5, 2])
    if k1 == 10:
        return None
    k2 = _mod11_complement(p9 + str(k1), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    if k2 == 10:
        return None
    return "%d%d" % (k1, k2)


def gen_no_fodselsnummer(rng):
    while True:
        d = _date(rng, 1900)
        if d.year < 1940:
            ind = rng.randint(0, 499)
        elif d.year < 2000:
            ind = rng.choice([rng.randint(0, 499), rng.randint(900, 999)])
        else:
            ind = rng.randint(500, 999)
        dd, mm = d.day, d.month
        kind = rng.random()
        if kind < 0.1:
            dd += 40  # D-number
        elif kind < 0.12:
            mm += 40  # H-number
        p = "%02d%02d%02d%03d" % (dd, mm, d.year % 100, ind)
        k = no_checks(p)
        if k is None:
            continue
        if not _valid(rng):
            k = _digits(rng, 2)
        return p + k


# --- Denmark: CPR ---------------------------------------------------------------------------

def gen_dk_cpr(rng):
    d = _date(rng, 1900)
    if d.year >= 2000:
        first = rng.choice("4") if d.year <= 2036 else "5"
    else:
        first = rng.choice("0123")
    p = "%02d%02d%02d" % (d.day, d.month, d.year % 100) + first + _digits(rng, 2)
    # Half with the historical modulus-11 check digit, half arbitrary.
    if _valid(rng):
        r = sum(int(c) * w for c, w in zip(p, [4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
        last = (11 - r) % 11
        if last == 10:
            last = rng.randint(0, 9)
        return p + str(last)
    return p + rng.choice(DIGITS)


# --- Finland: HETU --------------------------------------------------------------------------

FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def gen_fi_hetu(rng):
    d = _date(rng, 1900)
    sign = rng.choice("-YXWVU" if d.year < 2000 else "ABCDEF")
    if rng.random() < 0.7:
        sign = "-" if d.year < 2000 else "A"
    ind = "%03d" % rng.randint(2, 899)
    n = "%02d%02d%02d" % (d.day, d.month, d.year % 100) + ind
    q = FI_CHECK[int(n) % 31] if _valid(rng) else rng.choice(FI_CHECK)
    return n[:6] + sign + ind + q


# --- Ireland: PPSN --------------------------------------------------------------------------

def pps_letter(d7, second):
    s = sum(int(c) * w for c, w in zip(d7, range(8, 1, -1)))
    if second and second != "W":
        s += 9 * (ord(second) - 64)
    r = s % 23
    return "W" if r == 0 else chr(64 + r)


def gen_ie_pps(rng):
    d7 = _digits(rng, 7)
    second = rng.choice(["", "", "W", "A", "B", "H"])
    letter = pps_letter(d7, second) if _valid(rng) else rng.choice("ABCDEFGHIJKLMNOPQRSTUVW")
    return d7 + letter + second


# --- Switzerland: AHV number ----------------------------------------------------------------

def ean13(p12):
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(p12))
    return (10 - s % 10) % 10


def gen_ch_ssn(rng):
    p = "756" + _digits(rng, 9)
    c = str(ean13(p)) if _valid(rng) else rng.choice(DIGITS)
    v = p + c
    return "%s.%s.%s.%s" % (v[:3], v[3:7], v[7:11], v[11:]) if rng.random() < 0.5 else v


# --- Austria: Versicherungsnummer -----------------------------------------------------------

def gen_at_vnr(rng):
    while True:
        d = _date(rng, 1923)
        mm = d.month if rng.random() < 0.95 else rng.choice([13, 14, 15])
        serial = "%03d" % rng.randint(100, 999)
        date6 = "%02d%02d%02d" % (d.day, mm, d.year % 100)
        probe = serial + "0" + date6
        r = sum(int(c) * w for c, w in zip(probe, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6])) % 11
        if r == 10:
            continue
        c = str(r) if _valid(rng) else rng.choice(DIGITS)
        return serial + c + date6


FORMATS = [
    ("gb_nhs", "stdnum.gb.nhs", gen_gb_nhs),
    ("fr_nir", "stdnum.fr.nir", gen_fr_nir),
    ("de_idnr", "stdnum.de.idnr", gen_de_idnr),
    ("it_codicefiscale", "stdnum.it.codicefiscale", gen_it_codicefiscale),
    ("es_dni", "stdnum.es.dni", gen_es_dni),
    ("es_nie", "stdnum.es.nie", gen_es_nie),
    ("pt_nif", "stdnum.pt.nif", gen_pt_nif),
    ("nl_bsn", "stdnum.nl.bsn", gen_nl_bsn),
    ("be_nn", "stdnum.be.nn", gen_be_nn),
    ("se_personnummer", "stdnum.se.personnummer", gen_se_personnummer),
    ("no_fodselsnummer", "stdnum.no.fodselsnummer", gen_no_fodselsnummer),
    ("dk_cpr", "stdnum.dk.cpr", gen_dk_cpr),
    ("fi_hetu", "stdnum.fi.hetu", gen_fi_hetu),
    ("ie_pps", "stdnum.ie.pps", gen_ie_pps),
    ("ch_ssn", "stdnum.ch.ssn", gen_ch_ssn),
    ("at_vnr", "stdnum.at.vnr", gen_at_vnr),
]

CATEGORIES = {
    "nhs_test_range": "999 000 0000-999 999 9999 is reserved for test data and never issued to a "
                      "patient (NHS Digital); stdnum checks only the modulus 11 digit",
    "nir_month_out_of_range": "birth month 00, 13-19 or 43-49 is neither a month nor one of "
                              "INSEE's pseudo-months (20-42, 50-99); stdnum checks only the key",
    "nir_sex_digit": "the first digit is 1/2 (3/4, 7/8 for provisional numbers); stdnum does not "
                     "check it",
    "nir_department_00": "department 00 does not exist; stdnum does not check it",
    "idnr_digit_rule": "the first ten digits must contain exactly one repeated digit (twice, or "
                       "three times not in a row: BZSt / section 139b AO); stdnum checks only the "
                       "MOD 11,10 digit",
    "cf_day_out_of_range": "the day field must be 01-31 (men) or 41-71 (women); stdnum reads it "
                           "modulo 40, so e.g. 99 passes as the 19th",
    "cf_eleven_digit": "an 11-digit number is a company's partita IVA, not a person's codice "
                       "fiscale; stdnum's codicefiscale accepts both",
    "be_sequence_000_999": "the daily sequence runs 001-997 (men) and 002-998 (women); 000 and "
                           "999 are never issued; stdnum does not check it",
    "after_reference_date": "the encoded birth date lies after the data's reference date "
                            "(2022-07-01); stdnum compares with today's date or not at all",
    "older_than_130": "the encoded birth date makes the holder older than 130 on the reference "
                      "date; stdnum only rejects future dates",
    "impossible_date": "the encoded birth date is not a calendar date (e.g. 30 February); "
                       "stdnum does not check the day of the month",
    "se_coordination_number": "a samordningsnummer (day + 60, Skatteverket SKV 707) is a valid "
                              "Swedish identity number; stdnum's is_valid rejects it",
    "se_twelve_digit_century": "the 12-digit form writes the century; a year like 5004 or 1669 "
                               "is impossible, but stdnum ignores the first two digits",
    "pps_second_letter": "since 2013 the second letter may be any letter other than W, counted "
                         "A=1, B=2... with weight 9 (Department of Social Protection); stdnum "
                         "accepts only a few letters",
}


def explain(fmt_id, value, ours_valid, our_reasons, stdnum_valid, stdnum_error):
    """The category of a disagreement we believe we are right about, or None."""
    reasons = set(our_reasons)
    compact = "".join(c for c in value if c.isalnum()).upper()
    if stdnum_valid and not ours_valid:
        if fmt_id == "gb_nhs" and reasons == {"never_issued"} and compact.startswith("999"):
            return "nhs_test_range"
        if fmt_id == "fr_nir":
            mapping = {"date_invalid": "nir_month_out_of_range",
                       "sex_digit_invalid": "nir_sex_digit",
                       "department_invalid": "nir_department_00"}
            if reasons and reasons <= set(mapping):
                return mapping[sorted(reasons)[0]]
        if fmt_id == "de_idnr" and reasons == {"digit_pattern"}:
            return "idnr_digit_rule"
        if fmt_id == "it_codicefiscale":
            if reasons == {"date_invalid"}:
                return "cf_day_out_of_range"
            if len(compact) == 11 and compact.isdigit():
                return "cf_eleven_digit"
        if fmt_id == "be_nn" and reasons and reasons <= {"sequence_invalid",
                                                         "date_after_reference"}:
            if "sequence_invalid" in reasons:
                return "be_sequence_000_999"
            return "after_reference_date"
        if fmt_id == "se_personnummer" and len(compact) == 12 and reasons <= {
                "date_after_reference", "date_too_old", "date_invalid"}:
            if compact[:2] not in ("18", "19", "20"):
                return "se_twelve_digit_century"
        if reasons == {"date_after_reference"}:
            return "after_reference_date"
        if reasons == {"date_too_old"}:
            return "older_than_130"
        if reasons == {"date_invalid"} and fmt_id == "be_nn":
            return "impossible_date"
    if ours_valid and not stdnum_valid:
        if fmt_id == "se_personnummer" and "InvalidComponent" in (stdnum_error or ""):
            digits = "".join(c for c in value if c.isdigit())
            if len(digits) in (10, 12) and 61 <= int(digits[-6:-4]) <= 91:
                return "se_coordination_number"
        if fmt_id == "ie_pps" and len(compact) == 9 and compact[8] not in "ABHW":
            return "pps_second_letter"
    return None
