#!/usr/bin/env python3
"""Checks that `provkit --help`, the man pages and the bash/zsh/fish completions list the
same subcommands, and for each subcommand the same flags (-h/--help aside)."""
import os
import re
import subprocess
import sys

PROVKIT = os.environ["PROVKIT"]
SRC = os.environ["PROVKIT_SOURCE_DIR"]
FLAG = r"--?[A-Za-z0-9][A-Za-z0-9-]*"
failures = []


def fail(msg):
    failures.append(msg)


def help_text(*args):
    return subprocess.run([PROVKIT, *args, "--help"], capture_output=True, text=True, check=True).stdout


def help_commands():
    text = help_text()
    section = text.split("Subcommands:", 1)[1] if "Subcommands:" in text else ""
    return {m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*)\s", section, re.M)}


def help_flags(cmd):
    text = help_text(cmd)
    options = text.split("Options:", 1)[1]
    options = re.split(r"^\S.*:$", options, flags=re.M)[0]  # up to the next section
    flags = set()
    for line in options.splitlines():
        m = re.match(r"^  (\S+)", line)
        if m:
            flags.update(f for f in m.group(1).split(",") if f.startswith("-"))
    return flags - {"-h", "--help"}


def read(rel):
    with open(os.path.join(SRC, rel), encoding="utf-8") as f:
        return f.read()


def man_flags(text):
    text = text.replace("\\-", "-")
    text = re.sub(r"\\f[BIRP]", "", text)
    return set(re.findall(r"(?<![\w-])(" + FLAG + r")(?![\w-])", text))


def bash_completion():
    text = read("completions/provkit.bash")
    cmds = set(re.search(r'commands="([^"]*)"', text).group(1).split())
    flags = {m.group(1): set(m.group(2).split()) - {"-h", "--help"}
             for m in re.finditer(r'^\s*([a-z][a-z-]*)\)\s*opts="([^"]*)"', text, re.M)}
    return cmds, flags


def zsh_completion():
    text = read("completions/_provkit")
    block = re.search(r"commands=\((.*?)^\s*\)$", text, re.S | re.M).group(1)
    cmds = set(re.findall(r"'([a-z][a-z-]*):", block))
    flags = {}
    for m in re.finditer(r"^_provkit_([a-z_]+)\(\) \{\n(.*?)^\}", text, re.S | re.M):
        body = re.sub(r"\[[^\]]*\]", "", m.group(2))  # drop descriptions
        body = re.sub(r"_arguments(\s+-[sSCA]+\b)*", "_arguments", body)  # _arguments' own flags
        found = set(re.findall(r"(?:^|[\s'{,(\"*])(" + FLAG + r")", body))
        flags[m.group(1).replace("_", "-")] = found - {"-h", "--help"}
    return cmds, flags


def fish_completion():
    text = read("completions/provkit.fish")
    cmds = set(re.findall(r"__fish_use_subcommand\S*\s+-a\s+([a-z][a-z-]*)", text))
    flags = {}
    for line in text.splitlines():
        m = re.search(r"__fish_seen_subcommand_from ([a-z][a-z-]*)", line)
        if not m:
            continue
        found = {"-" + s for s in re.findall(r"\s-s\s+(\S+)", line)}
        found |= {"--" + l for l in re.findall(r"\s-l\s+(\S+)", line)}
        flags.setdefault(m.group(1), set()).update(found - {"-h", "--help"})
    return cmds, flags


def compare(what, got, want):
    if got != want:
        missing, extra = sorted(want - got), sorted(got - want)
        fail(f"{what}: missing {missing}, not in --help {extra}")


commands = help_commands()
if not commands:
    fail("provkit --help lists no subcommands")
main_page = read("man/provkit.1").replace("\\-", "-")
man_cmds = {c for c in commands if re.search(r"provkit-" + re.escape(c) + r"\b", main_page)}
compare("man/provkit.1 commands", man_cmds, commands)
pages = {f[len("provkit-"):-2] for f in os.listdir(os.path.join(SRC, "man")) if f.startswith("provkit-")}
compare("man/provkit-*.1 pages", pages, commands)

completions = {"bash": bash_completion(), "zsh": zsh_completion(), "fish": fish_completion()}
for shell, (cmds, _) in completions.items():
    compare(f"{shell} completion commands", cmds, commands)

for cmd in sorted(commands):
    want = help_flags(cmd)
    if cmd in pages:
        compare(f"man/provkit-{cmd}.1 flags", man_flags(read(f"man/provkit-{cmd}.1")) & want, want)
    for shell, (_, flags) in completions.items():
        compare(f"{shell} completion flags of {cmd}", flags.get(cmd, set()), want)

for f in failures:
    print("docs_agree: " + f, file=sys.stderr)
print(f"docs_agree: {len(commands)} commands checked, {len(failures)} disagreements")
sys.exit(1 if failures else 0)
