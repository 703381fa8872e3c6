#!/usr/bin/env python3
"""Writes the large or random hostile inputs of expectations.tsv into DIR (they are never
committed): gzip bombs, deep nesting, huge values, bit-flipped and random files. Seeded, so
every run writes the same bytes.  usage: generate.py DIR SAMPLE-PROFILE"""
import gzip
import os
import random
import sys
import zlib

out, sample_path = sys.argv[1], sys.argv[2]
rng = random.Random(8)
sample = open(sample_path, "rb").read()


def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def gz_member(data):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper, mtime 0
    return c.compress(data) + c.flush()


# Gzip bombs. One member of 64 MiB of zeros is ~64 KiB; repeating the member is a valid
# multi-member gzip file: 16 members = 1 GiB from 1 MiB, and the 4 GiB one from 4 MiB.
zeros = gz_member(bytes(64 << 20))
put("bomb-1g.gz", zeros * 16)
put("bomb-4g.gz", zeros * 64)
# A bomb of one parameter with a 1 GiB value: the XML wrapper around zeros would be needed
# for a profile, but the cap must stop it before any parsing.
put("bomb-xml.gz", gz_member(b"<flat-profile><A>") + zeros * 16)
# 200,000-deep nesting inside a parameter, and as the whole document.
depth = 200000
put("deep-nesting.xml", b"<flat-profile><A>" + b"<b>" * depth + b"</b>" * depth + b"</A></flat-profile>\n")
put("deep-open.xml", b"<flat-profile>" + b"<b>" * depth)
# A single 20 MB value and a 20 MB parameter name.
put("huge-value.xml", b"<flat-profile><A>" + b"x" * (20 << 20) + b"</A></flat-profile>\n")
put("huge-name.xml", b"<flat-profile><" + b"N" * (20 << 20) + b">1</N></flat-profile>\n")
# 2 million one-byte parameters.
put("many-params.xml", b"<flat-profile>" + b"<P>1</P>" * 2000000 + b"</flat-profile>\n")
# Random bytes, and random bytes behind each magic.
put("random.bin", rng.randbytes(100000))
put("random-salted.bin", b"Salted__" + rng.randbytes(8 + 16 * 1000))
put("random-gzip.gz", b"\x1f\x8b\x08\x00" + rng.randbytes(5000))
# Truncated and bit-flipped versions of a good gzip profile.
good_gz = gzip.compress(sample, mtime=0)
put("truncated.gz", good_gz[: len(good_gz) // 2])
flipped = bytearray(good_gz)
for _ in range(8):
    i = rng.randrange(10, len(flipped) - 8)
    flipped[i] ^= 1 << rng.randrange(8)
put("bitflip.gz", bytes(flipped))
crc = bytearray(good_gz)
crc[-8] ^= 0x01  # CRC-32 of the member
put("bad-crc.gz", bytes(crc))
# Truncated and bit-flipped XML.
put("truncated.xml", sample[: len(sample) // 2])
flipped = bytearray(sample)
for _ in range(40):
    i = rng.randrange(len(flipped))
    flipped[i] ^= 1 << rng.randrange(8)
put("bitflip.xml", bytes(flipped))
# Device tables (compile --devices): a 2 MiB field, a million columns, JSON nested 200,000
# deep, random bytes as CSV and as JSON Lines.
put("table-huge-field.csv", b"mac,Display_Name_1_\n001122334455," + b"x" * (2 << 20) + b"\n")
put("table-million-columns.csv", b",".join(b"c%d" % i for i in range(1000000)) + b"\n")
put("table-deep.jsonl", b'{"mac":"001122334455","a":' + b"[" * depth + b"]" * depth + b"}\n")
put("table-random.csv", rng.randbytes(100000))
put("table-random.jsonl", b"{" + rng.randbytes(100000))
# More device tables (the small ones are committed as table-*): a 2 MiB JSON line, a quote
# that never ends followed by 4 MiB of lines, a header of a million empty names, a row of a
# million fields under a normal header, a JSON line of 90,000 different keys (just under
# 1 MiB), 150,000 nested objects as a value (just under 1 MiB), 200,000 arrays as the line.
mac_header = b"mac,Display_Name_1_\n"
put("table-2mib-line.jsonl", b'{"mac":"001122334455","Display_Name_1_":"' + b"x" * (2 << 20) + b'"}\n')
put("table-open-quote-big.csv", mac_header + b'001122334455,"' + b"no closing quote\n" * (4 << 16))
put("table-million-empty-columns.csv", b"mac" + b"," * 999999 + b"\n001122334455\n")
put("table-million-fields.csv", mac_header + b"001122334455" + b"," * 999999 + b"\n")
put("table-many-keys.jsonl", b"{" + b",".join(b'"k%d":1' % i for i in range(90000)) + b"}\n")
put("table-deep-nesting.jsonl",
    b'{"mac":"001122334455","Display_Name_1_":' + b'{"a":' * 150000 + b"1" + b"}" * 150001 + b"\n")
put("table-deep-array.jsonl", b"[" * 200000 + b"]" * 200000 + b"\n")
