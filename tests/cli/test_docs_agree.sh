#!/usr/bin/env bash
# --help, man pages and completions list the same commands and flags (see docs_agree.py).
exec python3 "$(dirname "$0")/docs_agree.py"
