#!/usr/bin/env bash
# Every man page renders without groff warnings.
set -euo pipefail
status=0
for page in "$PROVKIT_SOURCE_DIR"/man/*.1; do
  warnings=$(groff -man -ww -z "$page" 2>&1) || true
  if [ -n "$warnings" ]; then echo "$page: $warnings" >&2; status=1; fi
done
exit $status
