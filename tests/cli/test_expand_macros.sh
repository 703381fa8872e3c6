#!/usr/bin/env bash
# provkit expand-macros: the guide's examples, stdin lines, key context, device context from
# --mac/--set/--device/--profile in command-line order, --warn-unset, errors.
source "$(dirname "$0")/lib.sh"

# expect_out TEXT: the last command's standard output is exactly TEXT (plus a newline).
expect_out() { [ "$(cat "$T/out")" = "$1" ] || fail "output '$(cat "$T/out")', expected '$1'"; ok; }

# The guide's examples (ch. 2 Macro Expansion, GPP, ch. 5 substrings).
expect_status 0 "$PROVKIT" expand-macros --mac 000E08012345 '$(MAU)config.cfg' '$STRANGE$MAU.cfg' '$$MAU'
expect_out $'000E08012345config.cfg\n$STRANGE000E08012345.cfg\n$MAU'
expect_status 0 "$PROVKIT" expand-macros --set A=ABC --set B=123 '$A$B'
expect_out 'ABC123'
expect_status 0 "$PROVKIT" expand-macros --set GPP_A=ABCDEF '$(A:2)' '$(A:2:3)'
expect_out $'CDEF\nCDE'
expect_status 0 "$PROVKIT" expand-macros --mac 00:0e:08:aa:bb:cc '$MA $MAU $MAC'
expect_out '000e08aabbcc 000E08AABBCC 00:0e:08:aa:bb:cc'
# The longest known name delimits a bare $NAME.
expect_status 0 "$PROVKIT" expand-macros --mac 000e08012345 --set ERR=e '$MACX|$MAX|$ERROR|$(MA)C'
expect_out '00:0e:08:01:23:45X|000e08012345X|eOR|000e08012345C'

# Standard input: one expansion per line, also with "-".
printf 'tftp://prov.telco.com/cisco/$B/$MA.cfg\r\n$PN\n\nlast line without newline $B' >"$T/in"
expect_status 0 "$PROVKIT" expand-macros --mac 000e08012345 --set B=Dj6Lmp23Q --set PN=CP-7832-3PCC <"$T/in"
expect_out $'tftp://prov.telco.com/cisco/Dj6Lmp23Q/000e08012345.cfg\nCP-7832-3PCC\n\nlast line without newline Dj6Lmp23Q'
expect_status 0 "$PROVKIT" expand-macros --set B=b x - y <"$T/in"
[ "$(wc -l <"$T/out")" -eq 6 ] || fail "TEXT - TEXT: $(cat "$T/out")"; ok

# $SA..$SD only in key context.
expect_status 0 "$PROVKIT" expand-macros --set SA=MyUserID --set GPP_SB=MySecretPassword '$SA:$SB'
expect_out '$SA:$SB'
expect_status 0 "$PROVKIT" expand-macros --context key --set SA=MyUserID --set GPP_SB=MySecretPassword '$SA:$SB'
expect_out 'MyUserID:MySecretPassword'

# Later flags override earlier ones, whatever their kind.
printf '# the phone on desk 4\nPN = CP-7832-3PCC\nA=from-device\n' >"$T/device"
cat >"$T/profile.xml" <<'XML'
<flat-profile><GPP_A>from-profile</GPP_A><User_ID_2_>4085551234</User_ID_2_></flat-profile>
XML
expect_status 0 "$PROVKIT" expand-macros --set A=from-set --device "$T/device" '$A $PN'
expect_out 'from-device CP-7832-3PCC'
expect_status 0 "$PROVKIT" expand-macros --device "$T/device" --set A=from-set '$A'
expect_out 'from-set'
expect_status 0 "$PROVKIT" expand-macros --device "$T/device" --profile "$T/profile.xml" '$A $UID2'
expect_out 'from-profile 4085551234'
expect_status 0 "$PROVKIT" expand-macros --profile "$T/profile.xml" --device "$T/device" '$A'
expect_out 'from-device'
expect_status 0 "$PROVKIT" expand-macros --mac 000e08012345 --set MAC=00:0E:08:AA:BB:CC '$MA' --set A=x
expect_out '000e08aabbcc'
expect_status 0 "$PROVKIT" expand-macros -k unused '$A'
expect_stderr 'warning: -k/--pass decrypts a --profile; no --profile was given'
# An encrypted, compressed profile, as decrypt reads it; the key never shows.
"$PROVKIT" encrypt --gzip -k 'profile key' -o "$T/profile.cfg" "$T/profile.xml"
expect_status 0 "$PROVKIT" expand-macros --profile "$T/profile.cfg" -k 'profile key' '$A'
expect_out 'from-profile'
expect_status 1 "$PROVKIT" expand-macros --profile "$T/profile.cfg" -k 'not the key' '$A'
expect_stderr "profile.cfg: wrong key"
! grep -q 'not the key' "$T/err" || fail "the key leaked"; ok
expect_status 2 "$PROVKIT" expand-macros --profile "$T/profile.cfg" '$A'
expect_stderr "profile.cfg: encrypted"
printf '<html/>' >"$T/notprofile.xml"
expect_status 1 "$PROVKIT" expand-macros --profile "$T/notprofile.xml" '$A'
expect_stderr "notprofile.xml"

# --warn-unset names known variables that expanded to nothing, once each.
expect_status 0 "$PROVKIT" expand-macros --warn-unset --set A=1 '$A$B$B$STRANGE$SN$SA'
expect_out '1$STRANGE$SA'
expect_stderr '^provkit: warning: \$B is not set'
expect_stderr '^provkit: warning: \$SN is not set'
[ "$(grep -c 'is not set' "$T/err")" -eq 2 ] || fail "warnings: $(cat "$T/err")"; ok
expect_status 0 "$PROVKIT" expand-macros '$B'
[ ! -s "$T/err" ] || fail "a warning without --warn-unset"; ok

# Errors: exit 2 for usage, 1 for a bad file naming FILE:LINE; nothing on stdout.
expect_status 2 "$PROVKIT" expand-macros --set FOO=1 x
expect_stderr "'FOO' is not a macro variable"
expect_status 2 "$PROVKIT" expand-macros --set A x
expect_stderr 'NAME=VALUE'
expect_status 2 "$PROVKIT" expand-macros --mac 000e0801234 x
expect_stderr 'not a MAC address'
printf 'PN=x\nSERIAL=1\n' >"$T/bad-device"
expect_status 1 "$PROVKIT" expand-macros --device "$T/bad-device" x
expect_stderr "bad-device:2: 'SERIAL' is not a macro variable"
[ ! -s "$T/out" ] || fail "output after an error"; ok
expect_status 1 "$PROVKIT" expand-macros --device "$T/missing" x
expect_stderr 'missing'
expect_status 2 "$PROVKIT" expand-macros --context secret x
done_checks
