#!/usr/bin/env bash
# The loader finds only our own libraries; commands that never touch the network do not load libcurl (libprovkit opens it on first use,
# see lib/src/detail/curl_lazy.cpp), and a libcurl that cannot be loaded is a clear error for
# the commands that need it.
source "$(dirname "$0")/lib.sh"

# loaded_libs CMD...: the shared objects the dynamic linker opened while CMD ran.
loaded_libs() { LD_DEBUG=files "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u; }

# The binary's RUNPATH has no empty or relative element: either would make the loader search
# the current directory, where anyone's libpugixml.so.1 could be waiting.
runpath=$(readelf -d "$PROVKIT" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
[ -n "$runpath" ] || fail "provkit has no RUNPATH (readelf -d)"
IFS=: read -r -a elements <<<"$runpath:"
for e in "${elements[@]}"; do
  case $e in /* | '$ORIGIN'*) ;; *) fail "RUNPATH '$runpath' has an empty or relative element '$e'" ;; esac
done
ok

export CLI_KEY=secret
"$PROVKIT" encrypt --gzip --pass env:CLI_KEY -o "$T/p.cfg" "$SAMPLE"
for cmd in "gzip -c $SAMPLE" "encrypt --gzip --pass env:CLI_KEY -f $SAMPLE" "decrypt --pass env:CLI_KEY $T/p.cfg" \
           "--help" "--version"; do
  # shellcheck disable=SC2086  # the command's words
  libs=$(loaded_libs "$PROVKIT" $cmd)
  grep -q 'libcrypto' <<<"$libs" || fail "LD_DEBUG=files shows no libraries for provkit $cmd: $libs"
  ! grep -q 'libcurl' <<<"$libs" || fail "provkit $cmd loads libcurl: $libs"
  ok
done

# A libcurl that is there but broken (every flavour: empty files named by their sonames): the
# delivery commands say which library and why.
mkdir "$T/badlib"
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)  # not on a user's PATH everywhere
for soname in $("$ldconfig" -p | sed -n 's/^[[:space:]]*\(libcurl[^ ]*\.so\.[0-9][0-9]*\) .*/\1/p'); do
  : >"$T/badlib/$soname"
done
expect_status 1 env LD_LIBRARY_PATH="$T/badlib" "$PROVKIT" push-resync 127.0.0.1:9
expect_stderr '^provkit: error: cannot initialise libcurl: libcurl[^ ]*\.so\.[0-9]+ could not be loaded: .*badlib'

done_checks
