#!/usr/bin/env python3
"""Differential check of provkit's flat-profile reader against Python's xml.etree.

  profile_diff.py gen SEED DIR N     writes DIR/pN.xml: random well-formed flat profiles
  profile_diff.py check SRC OUT      SRC read by xml.etree with the guide's value rules must
                                     give the names, values and ua of OUT (provkit compile's
                                     canonical output of SRC, which escapes every value exactly)

Values mix escapes, character references to non-white-space characters, CDATA, comments,
literal white space (spaces, tabs, LF, CR LF) and Unicode. White space written as a character
reference is left out: provkit keeps it as content (profile_xml.hpp) while xml.etree cannot
tell it from literal white space."""
import random
import re
import sys
import xml.etree.ElementTree as ET

NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
NAME_REST = NAME_START + "0123456789-."


def rand_piece(rng):
    kind = rng.randrange(12)
    if kind == 0:
        return rng.choice(["&amp;", "&lt;", "&gt;", "&apos;", "&quot;"])
    if kind == 1:
        c = rng.choice([0x41, 0xE9, 0x20AC, 0x1F600, 0x3B1, 0x22, 0x26, 0x3C, 0xA0])
        return f"&#{c};" if rng.random() < 0.5 else f"&#x{c:X};"
    if kind == 2:
        return "<![CDATA[" + rng.choice(["<&>", "]]", " a ", "$MA", ""]) + "]]>"
    if kind == 3:
        return "<!--" + rng.choice([" c ", "x", ""]) + "-->"
    if kind == 4:
        return rng.choice([" ", "  ", "\t", "\n", "\r\n", " \n\t "])
    if kind == 5:
        return rng.choice(["\u00e9", "\u20ac", "\U0001F600", "\u00a0", "\u3042", "\u200b"])
    if kind == 6:
        return rng.choice(["'", '"', ">", "]]"]).replace("]]", "] ]")
    if kind == 7:
        return '""'
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789$()?|:/.,;=") for _ in range(rng.randrange(1, 12)))


def gen(seed, out, count):
    rng = random.Random(seed)
    for n in range(count):
        names = ["".join([rng.choice(NAME_START)] + [rng.choice(NAME_REST) for _ in range(rng.randrange(0, 15))])
                 for _ in range(rng.randrange(1, 12))]
        lines = []
        if rng.random() < 0.5:
            lines.append('<?xml version="1.0" encoding="UTF-8"?>')
        lines.append("<flat-profile>")
        for _ in range(rng.randrange(0, 40)):
            name = rng.choice(names)  # repeats: the last occurrence wins
            ua = rng.choice(["", "", ' ua="na"', ' ua="ro"', ' ua="rw"'])
            if rng.random() < 0.1:
                lines.append(f"<{name}{ua}/>")
                continue
            value = "".join(rand_piece(rng) for _ in range(rng.randrange(0, 8)))
            lines.append(f"<{name}{ua}>{value}</{name}>")
        lines.append("</flat-profile>")
        sep = "\r\n" if rng.random() < 0.3 else "\n"
        with open(f"{out}/p{n}.xml", "w", encoding="utf-8", newline="") as f:
            f.write(sep.join(lines) + sep)


def settings(root, guide_rules):
    """Names in first-seen order with the last value and the last ua given."""
    order, value, ua = [], {}, {}
    for el in root:
        text = "".join(el.itertext())
        if guide_rules:  # trim XML white space, each newline inside becomes one space
            text = re.sub("\n", " ", text.strip(" \t\r\n"))
        if el.tag not in value:
            order.append(el.tag)
        value[el.tag] = text
        if "ua" in el.attrib:
            ua[el.tag] = el.attrib["ua"]
    return [(n, value[n], ua.get(n)) for n in order]


def check(src, out):
    want = settings(ET.parse(src).getroot(), True)
    got = settings(ET.parse(out).getroot(), False)
    if want != got:
        for w, g in zip(want + [None] * len(got), got + [None] * len(want)):
            if w != g:
                print(f"{src}: xml.etree says {w!r}, provkit says {g!r}", file=sys.stderr)
                break
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        check(sys.argv[2], sys.argv[3])
