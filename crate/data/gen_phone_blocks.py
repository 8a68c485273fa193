#!/usr/bin/env python3
"""Generate the Chinese mobile number block -> city table from libphonenumber's geocoding data.

Source: PyPI `phonenumbers` == 9.0.43 (Apache-2.0), the Python port of Google's libphonenumber:
the 86-prefixed entries of `phonenumbers/geodata/` (GEOCODE_DATA) whose national part starts
with 13-19, each mapping a 3- to 7-digit mobile prefix to a Chinese description such as
"广东省深圳市". Install it in a virtualenv under target/ (never system-wide):

    python3 -m venv target/phones-venv
    target/phones-venv/bin/pip install phonenumbers==9.0.43
    target/phones-venv/bin/python crate/data/gen_phone_blocks.py
    target/phones-venv/bin/python crate/data/gen_phone_blocks.py --check   # compare only

Writes
  phone_block_cities.tsv  index<TAB>code<TAB>name
      The located cities: index 1.. (0 means "not located"), the prefecture-level region code
      of this project's GB/T 2260 table (regions.tsv; `xxxx00`; the municipalities as `xx0100`;
      the province-administered county-level cities such as 仙桃市 as their structural `xx9000`),
      and the geodata's own description. Sorted by code, so one province's cities are adjacent.
  phone_blocks.bin        the blocks 1300000..1999999 (the first 7 digits of a mobile number)
      as runs of consecutive blocks with the same city, range-coded (see below).

Deterministic: the output depends only on the pinned package version (the script refuses any
other version) and on regions.tsv. The script decodes what it wrote and checks it against the
block map before it exits.

Mapping a description to a code: the province is the longest province name (or its short form:
内蒙古, 广西, 新疆…) the description starts with; the rest must be the name IN FORCE of exactly
one non-aggregate code of that province in regions.tsv (its prefecture `code // 100 * 100` is
used); a description that is the province itself names a municipality. Where only a former name
matches, RENAMED gives today's name (recorded in crate/data/sources/phone_blocks.md). Names that
still do not map are printed and left out (their blocks read as not located).

Coding of phone_blocks.bin (a binary adaptive range coder in the manner of LZMA's, 11-bit
probabilities, adaptation shift 5, written here from the textbook description):
  header  b"VPB1", u32 LE number of runs, u32 LE first block (1300000), u32 LE end block
          (2000000, exclusive), u16 LE number of cities, u16 LE number of provinces
  then, for each run in order (runs cover first..end without gaps; city 0 = not located):
    * bit "same province as the previous run" (context: the run starts at a multiple of 10);
    * if not: the province index (0 = not located, 1.. in city-table order), 6-bit bit tree;
    * the city's index within its province, a 5-bit bit tree whose model is chosen by the
      province and, when the province did not change, by the previous run's index in it;
    * the run length L >= 1: k = bit length of L as unary (k-1 ones then a zero; context: the
      run's start modulo 10 and the position), then the k-1 low bits of L high to low (context:
      k and the position).
"""

import os
import struct
import sys

PINNED = "9.0.43"

import phonenumbers  # noqa: E402
from phonenumbers.geodata import GEOCODE_DATA  # noqa: E402

if phonenumbers.__version__ != PINNED:
    sys.exit(f"phonenumbers {PINNED} required, found {phonenumbers.__version__}")

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST, END = 1_300_000, 2_000_000
MUNICIPALITIES = {110000, 120000, 310000, 500000}
# Former names in the geodata -> the name in force (the same place, renamed; a 地区 that became
# a 市 is handled by rule).
RENAMED = {"襄樊市": "襄阳市"}
# Descriptions whose name matches no single code in force, with the code used and why.
OVERRIDES = {
    # Abolished 2019-01: its districts became 济南市莱芜区 and 钢城区.
    "山东省莱芜市": 370100,
    # Province-administered county-level cities (429004, 429005); regions.tsv also lists the
    # older 421086/421087 without years, so the name alone is ambiguous there.
    "湖北省仙桃市": 429000,
    "湖北省潜江市": 429000,
}


def load_regions():
    spans = {}
    with open(os.path.join(HERE, "regions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, name, _start, end, agg = line.rstrip("\n").split("\t")
            spans.setdefault(int(code), []).append((name, end == "", agg == "1"))
    return spans


def short_forms(name):
    out = {name}
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            out.add(name[: -len(suffix)])
    return out


def city_code(desc, spans):
    """Prefecture-level code for a geodata description, or None."""
    if desc in OVERRIDES:
        return OVERRIDES[desc]
    best = None
    for code, ss in spans.items():
        if code % 10_000 or code == 0:
            continue
        for name, in_force, _agg in ss:
            if not in_force:
                continue
            for form in short_forms(name):
                if desc.startswith(form) and (best is None or len(form) > len(best[1])):
                    best = (code, form)
    if best is None:
        return None
    prov, form = best
    rest = desc[len(form):]
    if rest == "":
        return prov + 100 if prov in MUNICIPALITIES else None
    rest = RENAMED.get(rest, rest)
    names = [rest] + ([rest[:-2] + "市"] if rest.endswith("地区") else [])
    for want in names:
        hits = {
            code // 100 * 100
            for code, ss in spans.items()
            if code // 10_000 == prov // 10_000 and code != prov
            for name, in_force, agg in ss
            if in_force and not agg and name == want
        }
        if len(hits) == 1:
            return hits.pop()
    return None


def block_map():
    """7-digit block -> description; the longest prefix wins."""
    prefixes = {
        k[2:]: v["zh"]
        for k, v in GEOCODE_DATA.items()
        if k.startswith("861") and len(k) >= 5 and k[3] in "3456789" and v.get("zh")
    }
    assert all(3 <= len(p) <= 7 for p in prefixes), "geodata deeper than 7 national digits"
    blocks = {}
    for p in sorted(prefixes, key=len):
        scale = 10 ** (7 - len(p))
        base = int(p) * scale
        for b in range(base, base + scale):
            blocks[b] = prefixes[p]
    return blocks


class Encoder:
    def __init__(self):
        self.low, self.range, self.cache, self.pending, self.out = 0, 0xFFFFFFFF, 0, 1, bytearray()

    def _shift(self):
        if self.low < 0xFF000000 or self.low >= 1 << 32:
            carry = self.low >> 32
            byte = self.cache
            while True:
                self.out.append((byte + carry) & 0xFF)
                byte = 0xFF
                self.pending -= 1
                if self.pending == 0:
                    break
            self.cache = (self.low >> 24) & 0xFF
        self.pending += 1
        self.low = (self.low & 0x00FFFFFF) << 8

    def bit(self, probs, i, b):
        p = probs[i]
        bound = (self.range >> 11) * p
        if b == 0:
            self.range = bound
            probs[i] = p + ((2048 - p) >> 5)
        else:
            self.low += bound
            self.range -= bound
            probs[i] = p - (p >> 5)
        while self.range < 1 << 24:
            self.range = (self.range << 8) & 0xFFFFFFFF
            self._shift()

    def finish(self):
        for _ in range(5):
            self._shift()
        return bytes(self.out)


class Decoder:
    def __init__(self, data):
        self.data, self.pos, self.range, self.code = data, 5, 0xFFFFFFFF, 0
        for b in data[:5]:
            self.code = (self.code << 8) | b

    def bit(self, probs, i):
        p = probs[i]
        bound = (self.range >> 11) * p
        if self.code < bound:
            self.range = bound
            probs[i] = p + ((2048 - p) >> 5)
            b = 0
        else:
            self.code -= bound
            self.range -= bound
            probs[i] = p - (p >> 5)
            b = 1
        while self.range < 1 << 24:
            self.range = (self.range << 8) & 0xFFFFFFFF
            nxt = self.data[self.pos] if self.pos < len(self.data) else 0
            self.pos += 1
            self.code = ((self.code << 8) | nxt) & 0xFFFFFFFF
        return b


class Model:
    """The adaptive probabilities, shared by encoder and decoder (same order of use)."""

    def __init__(self, nprov):
        new = lambda n: [1024] * n  # noqa: E731
        self.same = new(2)
        self.prov = new(64)
        self.city = {}
        self.unary = [new(24) for _ in range(10)]
        self.mant = [new(24) for _ in range(25)]
        self.nprov = nprov
        self.new = new

    def city_tree(self, prov, prev):
        return self.city.setdefault((prov, prev), self.new(32))


def tree_enc(enc, probs, nbits, v):
    m = 1
    for i in range(nbits - 1, -1, -1):
        b = (v >> i) & 1
        enc.bit(probs, m, b)
        m = (m << 1) | b


def tree_dec(dec, probs, nbits):
    m = 1
    for _ in range(nbits):
        m = (m << 1) | dec.bit(probs, m)
    return m - (1 << nbits)


def runs_of(blocks, city_index):
    runs = []
    for b in range(FIRST, END):
        c = city_index.get(blocks.get(b), 0)
        if runs and runs[-1][2] == c:
            runs[-1][1] += 1
        else:
            runs.append([b, 1, c])
    return runs


def encode(runs, prov_of, local_of, nprov):
    enc, m = Encoder(), Model(nprov)
    prev_p, prev_l = None, 0
    for start, length, c in runs:
        p, local = prov_of[c], local_of[c]
        same = p == prev_p
        enc.bit(m.same, int(start % 10 == 0), int(same))
        if not same:
            tree_enc(enc, m.prov, 6, p)
        tree_enc(enc, m.city_tree(p, prev_l if same else 31), 5, local)
        k = length.bit_length()
        for i in range(1, k):
            enc.bit(m.unary[start % 10], i, 1)
        enc.bit(m.unary[start % 10], k, 0)
        for j, i in enumerate(range(k - 2, -1, -1)):
            enc.bit(m.mant[k], j, (length >> i) & 1)
        prev_p, prev_l = p, local
    return enc.finish()


def decode(data, nruns, first, firsts, nprov):
    """(start, length, province, local index) per run, as the Rust decoder does it."""
    dec, m = Decoder(data), Model(nprov)
    out, start, prev_p, prev_l = [], first, None, 0
    for _ in range(nruns):
        same = dec.bit(m.same, int(start % 10 == 0)) == 1
        p = prev_p if same else tree_dec(dec, m.prov, 6)
        local = tree_dec(dec, m.city_tree(p, prev_l if same else 31), 5)
        k = 1
        while k < 24 and dec.bit(m.unary[start % 10], k):
            k += 1
        length = 1
        for j in range(k - 1):
            length = (length << 1) | dec.bit(m.mant[k], j)
        out.append((start, length, firsts[p] + local))
        start += length
        prev_p, prev_l = p, local
    return out


def main():
    spans = load_regions()
    blocks = block_map()
    descs = sorted(set(blocks.values()))
    codes, unmapped = {}, []
    for d in descs:
        c = city_code(d, spans)
        if c is None:
            unmapped.append(d)
        else:
            codes[d] = c
    lost = sum(1 for d in blocks.values() if d in unmapped)
    # One table row per description; several descriptions may share a code (天津 and 天津市).
    cities = sorted(codes.items(), key=lambda kv: (kv[1], kv[0]))
    city_index = {d: i + 1 for i, (d, _) in enumerate(cities)}
    # Provinces in table order; province 0 holds only city 0 (not located).
    prov_of, local_of, firsts, seen = {0: 0}, {0: 0}, [0], {}
    for i, (_, code) in enumerate(cities, start=1):
        p = code // 10_000
        if p not in seen:
            seen[p] = len(firsts)
            firsts.append(i)
        prov_of[i] = seen[p]
        local_of[i] = i - firsts[seen[p]]
    assert len(firsts) <= 64 and max(local_of.values()) < 32, "coder limits"

    runs = runs_of(blocks, city_index)
    data = encode(runs, prov_of, local_of, len(firsts))
    back = decode(data, len(runs), FIRST, firsts, len(firsts))
    assert back == [tuple(r) for r in runs], "round trip failed"

    header = b"VPB1" + struct.pack("<IIIHH", len(runs), FIRST, END, len(cities), len(firsts))
    tsv = (
        f"# Mobile number block cities, generated by gen_phone_blocks.py from phonenumbers "
        f"{PINNED} (Apache-2.0) geodata; do not edit.\n# index\tcode\tname\n"
    ) + "".join(f"{city_index[d]}\t{code}\t{d}\n" for d, code in cities)
    outputs = {"phone_blocks.bin": header + data, "phone_block_cities.tsv": tsv.encode("utf-8")}
    if "--check" in sys.argv[1:]:
        # Compare with the committed files instead of writing them.
        for name, want in outputs.items():
            with open(os.path.join(HERE, name), "rb") as f:
                if f.read() != want:
                    sys.exit(f"{name} differs from a fresh generation")
        print("committed files equal a fresh generation")
    else:
        for name, content in outputs.items():
            with open(os.path.join(HERE, name), "wb") as f:
                f.write(content)
    located = sum(r[1] for r in runs if r[2])
    print(
        f"{len(blocks)} blocks with a description, {located} located in {len(cities)} cities "
        f"({len(set(codes.values()))} codes); {len(runs)} runs; {len(header) + len(data)} bytes; "
        f"unmapped {len(unmapped)} names ({lost} blocks): {', '.join(unmapped) or '-'}"
    )
    first_run = next(r for r in runs if r[2])
    last_run = next(r for r in reversed(runs) if r[2])
    print(f"first located run {first_run}, last located run {last_run}")


if __name__ == "__main__":
    main()
