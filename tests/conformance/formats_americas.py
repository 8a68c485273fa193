"""Differential-test spec for the Americas group (see tests/conformance/stdnum_formats.py).

Each generator returns a random, shape-correct candidate: random digits and letters in the
format's layout, about half of them with check digits computed here from the public algorithm
(written from the specifications cited in the Rust modules, never from python-stdnum), the
rest with a random check character or a deliberately broken component. The runner adds
single-character mutations and compares Veracity's verdict with python-stdnum's `is_valid`.

`explain` sorts a disagreement into a category of CATEGORIES when we believe Veracity is
right; anything else is an unexplained disagreement.
"""

import random
import string

DIGITS = string.digits
LETTERS = string.ascii_uppercase


def _digits(rng, n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def _letters(rng, n, alphabet=LETTERS):
    return "".join(rng.choice(alphabet) for _ in range(n))


def _maybe(rng, p=0.5):
    return rng.random() < p


# --- United States ------------------------------------------------------------------------


def gen_us_ssn(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05:
        area = rng.choice([0, 666, rng.randint(900, 999)])
    else:
        area = rng.randint(1, 899)
    group = 0 if rng.random() < 0.03 else rng.randint(1, 99)
    serial = 0 if rng.random() < 0.03 else rng.randint(1, 9999)
    if rng.random() < 0.01:
        return rng.choice(["078-05-1120", "219-09-9999"])
    sep = rng.choice(["-", "", " "])
    return f"{area:03}{sep}{group:02}{sep}{serial:04}"


def gen_us_itin(rng: random.Random) -> str:
    area = rng.randint(900, 999) if rng.random() < 0.95 else rng.randint(0, 899)
    group = rng.randint(50, 99) if rng.random() < 0.8 else rng.randint(0, 99)
    serial = rng.randint(0, 9999)
    sep = rng.choice(["-", ""])
    return f"{area:03}{sep}{group:02}{sep}{serial:04}"


# --- Canada -------------------------------------------------------------------------------


def luhn_digit(payload: str) -> str:
    total = 0
    for i, c in enumerate(reversed(payload)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def gen_ca_sin(rng: random.Random) -> str:
    body = rng.choice("1234567912345679" + "08") + _digits(rng, 7)
    check = luhn_digit(body) if _maybe(rng) else rng.choice(DIGITS)
    v = body + check
    return f"{v[:3]} {v[3:6]} {v[6:]}" if _maybe(rng, 0.3) else v


# --- Mexico -------------------------------------------------------------------------------

CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
CURP_STATES = (
    "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS "
    "TL VZ YN ZS NE"
).split()
CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"


def curp_check(body17: str) -> str:
    total = sum(CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(body17))
    return str((10 - total % 10) % 10)


def _date6(rng):
    y = rng.randint(0, 99)
    m = rng.randint(1, 12) if rng.random() < 0.97 else rng.randint(0, 19)
    d = rng.randint(1, 28) if rng.random() < 0.9 else rng.randint(0, 39)
    return f"{y:02}{m:02}{d:02}"


def gen_mx_curp(rng: random.Random) -> str:
    letters = rng.choice(LETTERS) + rng.choice("AEIOUX") + _letters(rng, 2)
    sex = rng.choice("HM") if rng.random() < 0.97 else "X"
    state = rng.choice(CURP_STATES) if rng.random() < 0.97 else _letters(rng, 2)
    homoclave = rng.choice(DIGITS) if _maybe(rng, 0.7) else rng.choice(LETTERS)
    date = _date6(rng)
    if homoclave in LETTERS:
        # Births since 2000, mostly before the reference date.
        date = f"{rng.randint(0, 21):02}" + date[2:]
    body = letters + date + sex + state + _letters(rng, 3, CONSONANTS) + homoclave
    check = curp_check(body) if _maybe(rng) else rng.choice(DIGITS)
    return body + check


RFC_HOMOCLAVE = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def rfc_check(body: str) -> str:
    body = body.rjust(12)
    total = sum(RFC_ALPHABET.index(c) * (13 - i) for i, c in enumerate(body))
    r = total % 11
    if r == 0:
        return "0"
    return "A" if 11 - r == 10 else str(11 - r)


def gen_mx_rfc(rng: random.Random) -> str:
    n_letters = 4 if _maybe(rng, 0.7) else 3
    homoclave = rng.choice("123456789ABCDEFGHIJKLMNPQRSTUV") + rng.choice(RFC_HOMOCLAVE)
    if rng.random() < 0.05:
        homoclave = _letters(rng, 2, LETTERS + DIGITS)
    body = _letters(rng, n_letters) + _date6(rng) + homoclave
    check = rfc_check(body) if _maybe(rng) else rng.choice(DIGITS + "A")
    return body + check


# --- Brazil -------------------------------------------------------------------------------


def br_mod11(values, weights):
    r = sum(v * w for v, w in zip(values, weights)) % 11
    return 0 if r < 2 else 11 - r


def cpf_digits(nine: str) -> str:
    v = [int(c) for c in nine]
    d1 = br_mod11(v, range(10, 1, -1))
    d2 = br_mod11(v + [d1], range(11, 1, -1))
    return f"{d1}{d2}"


def gen_br_cpf(rng: random.Random) -> str:
    nine = _digits(rng, 9) if rng.random() < 0.98 else rng.choice(DIGITS) * 9
    check = cpf_digits(nine) if _maybe(rng) else _digits(rng, 2)
    v = nine + check
    return f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}" if _maybe(rng, 0.3) else v


CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
CNPJ_W2 = [6] + CNPJ_W1


def cnpj_digits(twelve: str) -> str:
    v = [ord(c) - 48 for c in twelve]
    d1 = br_mod11(v, CNPJ_W1)
    d2 = br_mod11(v + [d1], CNPJ_W2)
    return f"{d1}{d2}"


def gen_br_cnpj(rng: random.Random) -> str:
    if rng.random() < 0.2:
        # The alphanumeric CNPJ of IN RFB 2.229/2024.
        twelve = _letters(rng, 12, LETTERS + DIGITS)
    else:
        twelve = _digits(rng, 8) + rng.choice(["0001", "0002", _digits(rng, 4)])
    check = cnpj_digits(twelve) if _maybe(rng) else _digits(rng, 2)
    v = twelve + check
    return f"{v[:2]}.{v[2:5]}.{v[5:8]}/{v[8:12]}-{v[12:]}" if _maybe(rng, 0.3) else v


# --- Argentina, Chile, Colombia, Peru -----------------------------------------------------


def cuit_digit(ten: str):
    r = sum(int(c) * w for c, w in zip(ten, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
    if r == 0:
        return "0"
    if r == 1:
        return None
    return str(11 - r)


def gen_ar_cuit(rng: random.Random) -> str:
    prefix = rng.choice(["20", "23", "24", "27", "30", "33", "34", "50", "51", "55"])
    if rng.random() < 0.05:
        prefix = _digits(rng, 2)
    ten = prefix + _digits(rng, 8)
    check = cuit_digit(ten) if _maybe(rng) else None
    v = ten + (check if check is not None else rng.choice(DIGITS))
    return f"{v[:2]}-{v[2:10]}-{v[10]}" if _maybe(rng, 0.3) else v


def rut_check(number: str) -> str:
    total = sum(int(c) * (2 + i % 6) for i, c in enumerate(reversed(number)))
    v = 11 - total % 11
    return {11: "0", 10: "K"}.get(v, str(v))


def gen_cl_rut(rng: random.Random) -> str:
    number = str(rng.randint(1_000_000, 99_999_999))
    check = rut_check(number) if _maybe(rng) else rng.choice(DIGITS + "K")
    if _maybe(rng, 0.3):
        n = f"{int(number):,}".replace(",", ".")
        return f"{n}-{check}"
    return f"{number}-{check}" if _maybe(rng) else number + check


NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]


def nit_check(number: str) -> str:
    r = sum(int(c) * w for c, w in zip(reversed(number), NIT_WEIGHTS)) % 11
    return str(r if r < 2 else 11 - r)


def gen_co_nit(rng: random.Random) -> str:
    number = str(rng.randint(10 ** (rng.randint(7, 15) - 1), 10 ** 15 - 1))
    number = number[: rng.randint(7, 15)]
    check = nit_check(number) if _maybe(rng) else rng.choice(DIGITS)
    return f"{number}-{check}" if _maybe(rng) else number + check


def ruc_check(ten: str) -> str:
    r = sum(int(c) * w for c, w in zip(ten, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
    return str((11 - r) % 10)


def gen_pe_ruc(rng: random.Random) -> str:
    prefix = rng.choice(["10", "15", "17", "20"]) if rng.random() < 0.95 else _digits(rng, 2)
    ten = prefix + _digits(rng, 8)
    check = ruc_check(ten) if _maybe(rng) else rng.choice(DIGITS)
    return ten + check


FORMATS = [
    ("us_ssn", "stdnum.us.ssn", gen_us_ssn),
    ("us_itin", "stdnum.us.itin", gen_us_itin),
    ("ca_sin", "stdnum.ca.sin", gen_ca_sin),
    ("mx_curp", "stdnum.mx.curp", gen_mx_curp),
    ("mx_rfc", "stdnum.mx.rfc", gen_mx_rfc),
    ("br_cpf", "stdnum.br.cpf", gen_br_cpf),
    ("br_cnpj", "stdnum.br.cnpj", gen_br_cnpj),
    ("ar_cuit", "stdnum.ar.cuit", gen_ar_cuit),
    ("cl_rut", "stdnum.cl.rut", gen_cl_rut),
    ("co_nit", "stdnum.co.nit", gen_co_nit),
    ("pe_ruc", "stdnum.pe.ruc", gen_pe_ruc),
]

CATEGORIES = {
    "ssn_space_separator": "an SSN written with spaces (123 45 6789) is the same number; "
    "python-stdnum 2.2 strips only dashes",
    "itin_group_50_65": "the IRS issues ITINs with middle digits 50-65 as well as 70-88, 90-92 "
    "and 94-99 (irs.gov ITIN page); python-stdnum 2.2 lacks 50-65",
    "curp_vowel_consonant_positions": "position 2 of a CURP is the first inner vowel of the "
    "first surname and positions 14-16 the first inner consonants of surnames and name (X when "
    "none): a consonant at 2 or a vowel at 14-16 is impossible; python-stdnum 2.2 accepts any "
    "letter there",
    "curp_sex_x": "RENAPO issues CURPs with sex X (non-binary) since 2023; "
    "python-stdnum 2.2 accepts only H and M",
    "curp_birth_after_reference": "the CURP's birth date (century from the homoclave) lies after "
    "the data's reference date: no such person could be registered yet",
    "rfc_check_not_verified": "python-stdnum's mx.rfc.is_valid skips the check character by "
    "default (validate_check_digits=False); the SAT algorithm defines it and the key fails it",
    "rfc_homoclave_invalid": "the SAT writes the homoclave with the table 1-9 A-N P-Z (no 0 or "
    "O), its first character a quotient of at most 29 (V); python-stdnum's default is_valid "
    "does not check it",
    "rfc_homoclave_missing": "a 10-character RFC has no homoclave or check character; "
    "python-stdnum accepts the short form, Veracity reports homoclave_missing",
    "cpf_repeated_digits": "CPFs of one repeated digit pass the module-11 rule but are never "
    "issued (Receita Federal rejects them); python-stdnum accepts 111.111.111-11 and the like",
    "cuit_remainder_one": "a CUIT whose remainder is 1 would need check value 10: AFIP changes "
    "the prefix (23/33) instead, so no such CUIT exists; python-stdnum writes 10 as 9",
}


def explain(fmt_id, value, ours_valid, our_reasons, stdnum_valid, stdnum_error):
    """Category of a disagreement we believe we are right about, or None."""
    reasons = set(our_reasons or [])
    compact = "".join(c for c in value.upper() if c not in " -./")
    if fmt_id == "us_ssn" and ours_valid and not stdnum_valid and " " in value:
        if len(compact) == 9 and compact.isdigit() and "-" not in value:
            return "ssn_space_separator"
    if fmt_id == "us_itin" and ours_valid and not stdnum_valid:
        if len(compact) == 9 and compact.isdigit() and 50 <= int(compact[3:5]) <= 65:
            return "itin_group_50_65"
    if fmt_id == "mx_curp":
        if not ours_valid and stdnum_valid and reasons == {"format"} and len(compact) == 18:
            if any(c in "AEIOU" for c in compact[13:16]) or compact[1] not in "AEIOUX":
                return "curp_vowel_consonant_positions"
        if ours_valid and not stdnum_valid and len(compact) == 18 and compact[10] == "X":
            return "curp_sex_x"
        if not ours_valid and stdnum_valid and reasons == {"date_after_reference"}:
            return "curp_birth_after_reference"
    if fmt_id == "mx_rfc" and not ours_valid and stdnum_valid:
        if reasons == {"checksum"}:
            return "rfc_check_not_verified"
        if "homoclave_invalid" in reasons and reasons <= {"homoclave_invalid", "checksum"}:
            return "rfc_homoclave_invalid"
        if reasons == {"homoclave_missing"}:
            return "rfc_homoclave_missing"
    if fmt_id == "br_cpf" and not ours_valid and stdnum_valid and reasons == {"repeated_digits"}:
        return "cpf_repeated_digits"
    if fmt_id == "ar_cuit" and not ours_valid and stdnum_valid and reasons == {"checksum"}:
        if len(compact) == 11 and compact.isdigit() and cuit_digit(compact[:10]) is None:
            return "cuit_remainder_one"
    return None
