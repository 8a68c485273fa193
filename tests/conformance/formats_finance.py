"""Differential-test spec for the finance group (see tests/conformance/stdnum_formats.py).

Generators are written from the public specifications (ISO 13616 / SWIFT IBAN Registry,
ISO 9362, ABA routing-number rules, 3GPP TS 23.003, ITU-T E.212); python-stdnum is only the
oracle. Formats stdnum does not have (payment_card, iccid, phone_intl) are not listed.
"""

import os
import string

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _tsv(name):
    with open(os.path.join(ROOT, "crate", "data", name), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


IBAN = {r[0]: r[2] for r in _tsv("iban.tsv")}
MCC_MNC = [(r[0], r[1]) for r in _tsv("imsi.tsv")]


def _luhn_digit(payload):
    total = 0
    for i, c in enumerate(reversed(payload)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _bban(rng, spec):
    out, n = [], ""
    for ch in spec:
        if ch.isdigit():
            n += ch
        elif ch == "!":
            continue
        else:
            alphabet = {"n": string.digits, "a": string.ascii_uppercase,
                        "c": string.digits + string.ascii_uppercase}[ch]
            out.extend(rng.choice(alphabet) for _ in range(int(n)))
            n = ""
    return "".join(out)


def gen_iban(rng):
    cc = rng.choice(sorted(IBAN))
    bban = _bban(rng, IBAN[cc])
    digits = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(digits) % 97
    if rng.random() < 0.5:
        check = rng.randrange(100)
    iban = f"{cc}{check:02d}{bban}"
    if rng.random() < 0.2:
        iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


COUNTRIES = ["DE", "FR", "GB", "CN", "US", "JP", "CH", "NL", "ZA", "BR", "XK", "UK", "ZZ", "EU"]


def gen_bic(rng):
    bank = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    loc = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(2))
    branch = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(3))
    return bank + rng.choice(COUNTRIES) + loc + (branch if rng.random() < 0.5 else "")


def gen_us_aba(rng):
    p = rng.choice([0, *range(1, 13), *range(21, 33), *range(61, 73), 80, 13, 50, 99])
    payload = f"{p:02d}" + "".join(rng.choice(string.digits) for _ in range(6))
    w = [3, 7, 1, 3, 7, 1, 3, 7]
    c = (10 - sum(int(d) * x for d, x in zip(payload, w)) % 10) % 10
    if rng.random() < 0.5:
        c = rng.randrange(10)
    return payload + str(c)


def gen_imei(rng):
    body = "".join(rng.choice(string.digits) for _ in range(14))
    r = rng.random()
    if r < 0.1:
        return body
    if r < 0.2:
        return body + "".join(rng.choice(string.digits) for _ in range(2))
    c = _luhn_digit(body) if rng.random() < 0.6 else rng.choice(string.digits)
    return body + c


def gen_imsi(rng):
    if rng.random() < 0.8:
        mcc, mnc = rng.choice(MCC_MNC)
    else:
        mcc, mnc = "".join(rng.choice(string.digits) for _ in range(3)), "01"
    n = rng.choice([15, 15, 15, 14])
    rest = "".join(rng.choice(string.digits) for _ in range(n - len(mcc) - len(mnc)))
    return mcc + mnc + rest


FORMATS = [
    ("iban", "stdnum.iban", gen_iban),
    ("bic", "stdnum.bic", gen_bic),
    ("us_aba", "stdnum.us.rtn", gen_us_aba),
    ("imei", "stdnum.imei", gen_imei),
    ("imsi", "stdnum.imsi", gen_imsi),
]

CATEGORIES = {
    "iban_national_check": "stdnum also checks some countries' national check digits inside the "
                           "BBAN (e.g. BE, ES, FR, NL…); Veracity checks the IBAN layer only "
                           "(ISO 13616) and documents it",
    "iban_check_digits_00_01_99": "ISO 13616 prints IBAN check digits as 02–98; 00/01/99 are "
                                  "congruent to valid ones mod 97 but never issued",
    "iban_registry_newer": "the country's format differs between stdnum's iban.dat (registry "
                           "release 101) and the newer SWIFT registry in crate/data/iban.tsv",
    "bic_country_xk": "SWIFT uses the user-assigned code XK for Kosovo in BICs",
    "aba_prefix_unassigned": "the first two digits are outside the Federal Reserve routing "
                             "symbol ranges (00–12, 21–32, 61–72, 80); stdnum checks only the "
                             "check digit",
    "imsi_table_differs": "the MCC/MNC tables differ (stdnum's imsi.dat vs the Wikipedia-derived "
                          "crate/data/imsi.tsv): Veracity needs only a known MCC",
}


def _stdnum_iban_countries():
    import stdnum.iban as m
    path = os.path.join(os.path.dirname(m.__file__), "iban.dat")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cc, rest = line.split(" ", 1)
            bban = rest.split('bban="', 1)[1].split('"', 1)[0]
            out[cc] = bban
    return out


_STDNUM_IBAN = None


def explain(fmt_id, value, ours_valid, our_reasons, stdnum_valid, stdnum_error):
    global _STDNUM_IBAN
    compact = value.replace(" ", "").upper()
    if fmt_id == "iban":
        if _STDNUM_IBAN is None:
            _STDNUM_IBAN = _stdnum_iban_countries()
        cc = compact[:2]
        if IBAN.get(cc) != _STDNUM_IBAN.get(cc):
            return "iban_registry_newer"
        if not ours_valid and our_reasons == ["checksum"] and compact[2:4] in ("00", "01", "99"):
            return "iban_check_digits_00_01_99"
        if ours_valid and not stdnum_valid and stdnum_error in ("InvalidChecksum", "InvalidComponent", "InvalidFormat", "InvalidLength"):
            # The IBAN layer is valid; stdnum's national module rejects the BBAN.
            import stdnum.iban as m
            try:
                m.validate(compact, check_country=False)
                return "iban_national_check"
            except Exception:
                return None
        return None
    if fmt_id == "bic" and compact[4:6] == "XK" and ours_valid and not stdnum_valid:
        return "bic_country_xk"
    if fmt_id == "us_aba" and not ours_valid and our_reasons == ["invalid_prefix"] and stdnum_valid:
        return "aba_prefix_unassigned"
    if fmt_id == "imsi":
        return "imsi_table_differs" if our_reasons in ([], ["mcc_unknown"]) else None
    return None
