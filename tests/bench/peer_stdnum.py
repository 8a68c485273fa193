"""Peer: python-stdnum (Chinese RIC: checksum, birth date, region) + phonenumbers on a CSV.

Usage: python peer_stdnum.py FILE  — prints `rows valid_ids valid_phones`.
Columns are found by header (身份证号, 手机号), else positions 1 and 4.
"""

import csv
import sys

import phonenumbers
from stdnum.cn import ric


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        id_col = header.index("身份证号") if "身份证号" in header else 1
        phone_col = header.index("手机号") if "手机号" in header else 4
        n = ids = phones = 0
        for row in rows:
            n += 1
            try:
                if len(row) > id_col and ric.is_valid(row[id_col]):
                    ids += 1
            except KeyError:
                # stdnum 2.2 raises KeyError for some region codes missing from its table
                pass
            if len(row) > phone_col:
                try:
                    if phonenumbers.is_valid_number(phonenumbers.parse(row[phone_col], "CN")):
                        phones += 1
                except phonenumbers.NumberParseException:
                    pass
    print(n, ids, phones)


if __name__ == "__main__":
    main()
