#!/usr/bin/env bash
# lib/data/catalog.tsv is what lib/data/gen_catalog.py makes from the sample profile (regenerate
# it with the command below after editing the generator).
source "$(dirname "$0")/lib.sh"
python3 "$PROVKIT_SOURCE_DIR/lib/data/gen_catalog.py" "$SAMPLE" >"$T/catalog.tsv" || fail "the generator failed"
cmp -s "$T/catalog.tsv" "$PROVKIT_SOURCE_DIR/lib/data/catalog.tsv" ||
  fail "lib/data/catalog.tsv is stale: run lib/data/gen_catalog.py examples/sample-profile.xml > lib/data/catalog.tsv"
ok
done_checks
