#!/usr/bin/env python3
"""Writes population.tsv: 2020 census figures used as the population reference.

Standard library only; the figures are typed in from the official communiqués (facts, not a
copyrighted work) and checked here for internal consistency:

    python3 crate/data/gen_population.py > crate/data/population.tsv

Sources (National Bureau of Statistics of China, Office of the Leading Group of the State
Council for the Seventh National Population Census, 2021-05-11):
- Communiqué No. 4 (人口性别构成): men 723,339,956, women 688,438,768, sex ratio 105.07.
- Communiqué No. 3 (地区人口情况): resident population of the 31 provinces; active military
  personnel 2,000,000 are counted in the national total only.
- Communiqué No. 5 (人口年龄构成): 0-14: 253,383,938 (17.95 %); 15-59: 894,376,020 (63.35 %);
  60+: 264,018,766 (18.70 %), of whom 65+: 190,635,280 (13.50 %).
A derived table is added from crate/data/regions.tsv (the GB/T 2260 timeline): for each year
1980-2021, the share of person-level (county) codes in force that year which are no longer in
force today, in parts per million of codes (`abolished_share`). It counts codes, not people: a
rough, population-unweighted proxy for how many IDs issued that year carry a now-abolished code.
Also derived from it: the county-level codes in force today per province (`counties`), the
province mix a generator drawing uniformly from today's code list would produce.

- Communiqué No. 5, table 5-2 (各地区人口年龄构成): per province, the percentages aged 0-14,
  15-59, 60+ and (of which) 65+. Only the rows that could be read from a stored copy (of the
  communiqué, or of the province's own census release) are typed in, 20 of 31 (see
  sources/population.md); the other provinces use the national bands. With all 31 rows the population-weighted mean must give the national shares within
  0.05 points; with fewer, each row must add up to 100 within rounding and 65+ <= 60+.

The 5-year age table of the census yearbook was not available to type in from a primary
source, so only these published bands are encoded (60-64 = 60+ minus 65+).
"""

TOTAL = 1_411_778_724
MILITARY = 2_000_000

PROVINCES = [
    (110000, 21_893_095), (120000, 13_866_009), (130000, 74_610_235), (140000, 34_915_616),
    (150000, 24_049_155), (210000, 42_591_407), (220000, 24_073_453), (230000, 31_850_088),
    (310000, 24_870_895), (320000, 84_748_016), (330000, 64_567_588), (340000, 61_027_171),
    (350000, 41_540_086), (360000, 45_188_635), (370000, 101_527_453), (410000, 99_365_519),
    (420000, 57_752_557), (430000, 66_444_864), (440000, 126_012_510), (450000, 50_126_804),
    (460000, 10_081_232), (500000, 32_054_159), (510000, 83_674_866), (520000, 38_562_148),
    (530000, 47_209_277), (540000, 3_648_100), (610000, 39_528_999), (620000, 25_019_831),
    (630000, 5_923_957), (640000, 7_202_654), (650000, 25_852_345),
]

AGE_0_14 = 253_383_938
AGE_15_59 = 894_376_020
AGE_60_PLUS = 264_018_766
AGE_65_PLUS = 190_635_280

# Communiqué No. 5, table 5-2, in hundredths of a percent: 0-14, 15-59, 60+, of which 65+.
# Read from the republications listed in sources/population.md; rows not read are absent.
PROVINCE_AGE_PCT = {
    # Table 5-2 itself (republications of communiqué No. 5):
    110000: (1184, 6853, 1963, 1330),  # 北京
    120000: (1347, 6487, 2166, 1475),  # 天津
    130000: (2022, 5992, 1985, 1392),  # 河北
    140000: (1635, 6472, 1892, 1290),  # 山西
    150000: (1404, 6617, 1978, 1305),  # 内蒙古
    210000: (1112, 6316, 2572, 1742),  # 辽宁
    220000: (1171, 6523, 2306, 1561),  # 吉林
    # The provinces' own census communiqués / releases of May 2021 (same census, same
    # figures; 黑龙江's 0-14 share also matches table 5-2's first figure for it):
    230000: (1032, 6646, 2322, 1561),  # 黑龙江
    310000: (980, 6682, 2338, 1628),  # 上海
    330000: (1345, 6786, 1870, 1327),  # 浙江 (15-59 from the published counts)
    350000: (1932, 6470, 1598, 1110),  # 福建
    360000: (2196, 6117, 1687, 1189),  # 江西
    370000: (1878, 6032, 2090, 1513),  # 山东
    420000: (1631, 6326, 2042, 1459),  # 湖北
    430000: (1952, 6060, 1988, 1481),  # 湖南
    440000: (1885, 6880, 1235, 858),  # 广东
    450000: (2362, 5969, 1669, 1220),  # 广西
    460000: (1997, 6538, 1465, 1043),  # 海南
    530000: (1957, 6552, 1491, 1075),  # 云南
    620000: (1940, 6357, 1703, 1258),  # 甘肃
}
NATIONAL_AGE_PCT = (1795, 6335, 1870, 1350)

MEN = 723_339_956
WOMEN = 688_438_768


def abolished_shares():
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    spans = {}
    with open(os.path.join(here, "regions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            code, _name, start, end, aggregate = line.rstrip("\n").split("\t")
            spans.setdefault(int(code), []).append(
                (int(start) if start else 1980, int(end) if end else None, aggregate == "1"))
    out = []
    for year in range(1980, 2022):
        in_force = [c for c, sp in spans.items() if c % 100 != 0 and any(
            s <= year and (e is None or year <= e) and not a for s, e, a in sp)]
        gone = [c for c in in_force if all(e is not None for _, e, _ in spans[c])]
        out.append((year, round(len(gone) * 1_000_000 / max(len(in_force), 1))))
    return out


def county_counts():
    """County-level codes in force in the timeline's last year, per province."""
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    counts = {}
    with open(os.path.join(here, "regions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            code, _name, _start, end, aggregate = line.rstrip("\n").split("\t")
            code = int(code)
            if code % 100 == 0 or aggregate == "1" or end:
                continue
            prov = code // 10000 * 10000
            counts[prov] = counts.get(prov, 0) + 1
    return counts


def check_province_ages():
    """Catches typos in table 5-2: rows add up to 100 (within rounding), 65+ is part of 60+,
    and with all 31 rows the population-weighted mean gives the national shares."""
    pops = dict(PROVINCES)
    for code, (a, b, c, d) in PROVINCE_AGE_PCT.items():
        assert code in pops, code
        assert abs(a + b + c - 10_000) <= 2, (code, a + b + c)
        assert 0 < d <= c, code
    if len(PROVINCE_AGE_PCT) == len(PROVINCES):
        total = sum(pops.values())
        for k in range(4):
            mean = sum(pops[c] * r[k] for c, r in PROVINCE_AGE_PCT.items()) / total
            assert abs(mean - NATIONAL_AGE_PCT[k]) <= 5, (k, mean)


def main():
    assert len(PROVINCES) == 31
    assert sum(p for _, p in PROVINCES) + MILITARY == TOTAL
    assert AGE_0_14 + AGE_15_59 + AGE_60_PLUS == TOTAL
    assert MEN + WOMEN == TOTAL
    assert round(MEN * 100 / WOMEN, 2) == 105.07
    check_province_ages()
    print("# 2020 census (Seventh National Population Census) reference; generated by")
    print("# crate/data/gen_population.py, do not edit. Sources: NBS communiqués Nos. 3, 4, 5")
    print("# (2021-05-11). See crate/data/sources/population.md.")
    print("# table\tkey\tvalue (persons; abolished_share: parts per million of county codes;\n# province_age: hundredths of a percent of the province, communiqué No. 5 table 5-2)")
    print(f"total\tall\t{TOTAL}")
    print(f"total\tmilitary\t{MILITARY}")
    print(f"sex\tmale\t{MEN}")
    print(f"sex\tfemale\t{WOMEN}")
    print(f"age\t0-14\t{AGE_0_14}")
    print(f"age\t15-59\t{AGE_15_59}")
    print(f"age\t60-64\t{AGE_60_PLUS - AGE_65_PLUS}")
    print(f"age\t65+\t{AGE_65_PLUS}")
    for code, persons in PROVINCES:
        print(f"province\t{code}\t{persons}")
    for code, row in PROVINCE_AGE_PCT.items():
        for band, v in zip(("0-14", "15-59", "60+", "65+"), row):
            print(f"province_age\t{code}/{band}\t{v}")
    counties = county_counts()
    for code, _ in PROVINCES:
        print(f"counties\t{code}\t{counties.get(code, 0)}")
    for year, ppm in abolished_shares():
        print(f"abolished_share\t{year}\t{ppm}")


if __name__ == "__main__":
    main()
