# fish completion for provkit(1); kept in step with `provkit CMD --help` by
# tests/cli/test_docs_agree.sh.
complete -c provkit -f
complete -c provkit -n __fish_use_subcommand -l help -d 'Show help'
complete -c provkit -n __fish_use_subcommand -l version -d 'Show the version'
complete -c provkit -n __fish_use_subcommand -a gzip -d 'Compress or decompress files, like gzip, with a size cap'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s d -l decompress -d 'Decompress'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s c -l stdout -d 'Write to standard output, keep the inputs'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s k -l keep -d 'Keep the input files'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s f -l force -d 'Overwrite outputs, write to a terminal, compress gzip or encrypted data'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s t -l test -d 'Test compressed files, write nothing'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 1 -l fast -d 'Fastest compression'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 2 -d 'Compression level 2'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 3 -d 'Compression level 3'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 4 -d 'Compression level 4'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 5 -d 'Compression level 5'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 6 -d 'Compression level 6'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 7 -d 'Compression level 7'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 8 -d 'Compression level 8'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s 9 -l best -d 'Best compression'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -s o -l output -r -F -d 'Write the output to FILE'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -l max-size -x -d 'Largest decompressed output (bytes, K, M or G)'
complete -c provkit -n '__fish_seen_subcommand_from gzip' -F
complete -c provkit -n __fish_use_subcommand -a encrypt -d 'Encrypt a profile as phones accept it'
complete -c provkit -n __fish_use_subcommand -a decrypt -d 'Decode a profile as a phone does'
complete -c provkit -n __fish_use_subcommand -a expand-macros -d 'Expand $NAME macros as a phone does'
complete -c provkit -n __fish_use_subcommand -a eval-rule -d 'Evaluate a provisioning rule for a device'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -s o -l output -r -F -d 'Output file'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -s k -l key -r -d 'Secret as text'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l pass -r -d 'Secret source: pass:, env:, file:, fd:, stdin'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l scheme -x -a 'openssl aes128gcm' -d 'Encryption format'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l md -x -a 'md5 sha1 sha256 sha512' -d 'Key derivation digest'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l pbkdf2 -d 'Derive the key with PBKDF2'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l iter -x -d 'PBKDF2 iterations'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l salt -x -d 'Fixed salt in hex'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l gzip -d 'Compress before encrypting'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -s f -l force -d 'Write binary to a terminal; encrypt encrypted input'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l key-encoding -x -a 'text hex base64url' -d 'aes128gcm key encoding'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l rs -x -d 'aes128gcm record size'
complete -c provkit -n '__fish_seen_subcommand_from encrypt' -l keyid -x -d 'aes128gcm key id'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -s o -l output -r -F -d 'Output file'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -s k -l key -r -d 'Secret as text'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l pass -r -d 'Secret source: pass:, env:, file:, fd:, stdin'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l scheme -x -a 'auto openssl aes128gcm' -d 'Encryption format'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l md -x -a 'auto md5 sha1 sha256 sha512' -d 'Key derivation digest'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l pbkdf2 -d 'The key was derived with PBKDF2'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l iter -x -d 'PBKDF2 iterations'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l raw -d 'Stop after decryption'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l max-size -x -d 'Largest inflated output'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -s v -l verbose -d 'Say what was found'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -s f -l force -d 'Write binary output to a terminal'
complete -c provkit -n '__fish_seen_subcommand_from decrypt' -l key-encoding -x -a 'text hex base64url' -d 'aes128gcm key encoding'
complete -c provkit -n __fish_use_subcommand -a compile -d 'Compile XML layers and spc sources into one profile'
complete -c provkit -n '__fish_seen_subcommand_from compile' -F
complete -c provkit -n '__fish_seen_subcommand_from compile' -s o -l output -r -F -d 'Output file'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l set -r -d 'Set a parameter after all sources (NAME=VALUE)'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l from -x -a 'xml spc' -d 'Source format'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l show-origin -d 'Print where each value was set'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l strict -d 'Unknown parameter names are errors'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l catalog -r -F -d 'Site parameter catalog'
complete -c provkit -n '__fish_seen_subcommand_from compile' -s f -l force -d 'Write binary to a terminal; let -o overwrite a source'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l gzip -d 'Compress with gzip'
complete -c provkit -n '__fish_seen_subcommand_from compile' -s k -l key -r -d 'Secret as text'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l pass -r -d 'Secret source: pass:, env:, file:, fd:, stdin'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l scheme -x -a 'openssl aes128gcm' -d 'Encryption format'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l md -x -a 'md5 sha1 sha256 sha512' -d 'Key derivation digest'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l pbkdf2 -d 'Derive the key with PBKDF2'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l iter -x -d 'PBKDF2 iterations'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l salt -x -d 'Fixed salt in hex'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l key-encoding -x -a 'text hex base64url' -d 'aes128gcm key encoding'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l rs -x -d 'aes128gcm record size'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l keyid -x -d 'aes128gcm key id'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l devices -r -F -d 'One profile per device of a CSV or JSON Lines table'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l out-dir -x -a '(__fish_complete_directories)' -d 'Directory for the device profiles'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l name -x -d 'File name pattern ($MA, $MAU, {{column}})'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l pass-column -x -d 'Column with each device key'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l keep-going -d 'Go on past rows that fail'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l manifest -r -F -d 'JSON Lines manifest; skip unchanged rows'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l shard -x -d 'Only rows whose index mod N is K (K/N)'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l jobs -x -d 'Worker threads'
complete -c provkit -n '__fish_seen_subcommand_from compile' -l keep-order -d 'Keep the template parameter order'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l mac -x -d 'MAC address of the phone'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l set -x -d 'Set a macro variable NAME=VALUE'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l device -r -F -d 'NAME=VALUE file of macro variables'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l profile -r -F -d 'Flat profile of the phone'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l warn-unset -d 'Warn about variables that expand to nothing'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -s k -l key -r -d 'Key of an encrypted --profile'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l pass -r -d 'Key source: pass:, env:, file:, fd:, stdin'
complete -c provkit -n '__fish_seen_subcommand_from expand-macros' -l context -x -a 'plain key' -d 'Expansion context'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l kind -x -a 'profile upgrade trigger schedule' -d 'Kind of rule'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l param -x -a 'Profile_Rule Profile_Rule_B Profile_Rule_C Profile_Rule_D Upgrade_Rule Resync_Trigger_1 Resync_Trigger_2 Resync_Periodic Resync_Error_Retry_Delay Upgrade_Error_Retry_Delay' -d 'Parameter of the --profile to evaluate'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l mac -x -d 'MAC address of the phone'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l set -x -d 'Set a macro variable NAME=VALUE'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l device -r -F -d 'NAME=VALUE file of macro variables'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l profile -r -F -d 'Flat profile of the phone'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l warn-unset -d 'Warn about variables that expand to nothing'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -s k -l key -r -d 'Key of an encrypted --profile'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l pass -r -d 'Key source: pass:, env:, file:, fd:, stdin'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l tftp-server -x -d 'DHCP option-66 TFTP server HOST[:PORT]'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l format -x -a 'text json' -d 'Output format'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l explain -d 'Show every alternative and comparison'
complete -c provkit -n '__fish_seen_subcommand_from eval-rule' -l show-secrets -d 'Show --key and --pwd values'
complete -c provkit -n __fish_use_subcommand -a push-resync -d 'Tell phones to resync, or upload a profile to them'
complete -c provkit -n __fish_use_subcommand -a upgrade -d 'Tell phones to upgrade their firmware'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l https -d 'Talk to the phones over https'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l user -d 'Phone admin user' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l password -d 'Phone admin password (pass form)' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l auth -d 'How credentials travel' -x -a 'query basic digest'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l cacert -d 'CA certificates to verify the phones with' -r -F
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l pinnedpubkey -d 'Public key the phones must have' -r -F
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l insecure -d 'Do not verify the phones certificates'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l connect-timeout -d 'Seconds to wait for a connection' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l timeout -d 'Seconds to wait for an answer' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l phones -d 'Fleet list' -r -F
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l parallel -d 'Phones at once' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l format -d 'Output format' -x -a 'text json'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l retry -d 'Retry connection failures N times' -x
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l dry-run -d 'Print the requests and send nothing'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l raw-url -d 'Send the URL verbatim'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -s v -l verbose -d 'Show requests and answers'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l config -d 'Upload this XML profile' -r -F
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l force -d 'Upload despite problems'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l via -d 'How to send the resync' -x -a 'resync execute'
complete -c provkit -n '__fish_seen_subcommand_from push-resync' -l model -d 'Phone model for --via execute' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l https -d 'Talk to the phones over https'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l user -d 'Phone admin user' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l password -d 'Phone admin password (pass form)' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l auth -d 'How credentials travel' -x -a 'query basic digest'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l cacert -d 'CA certificates to verify the phones with' -r -F
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l pinnedpubkey -d 'Public key the phones must have' -r -F
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l insecure -d 'Do not verify the phones certificates'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l connect-timeout -d 'Seconds to wait for a connection' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l timeout -d 'Seconds to wait for an answer' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l phones -d 'Fleet list' -r -F
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l parallel -d 'Phones at once' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l format -d 'Output format' -x -a 'text json'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l retry -d 'Retry connection failures N times' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l dry-run -d 'Print the requests and send nothing'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l raw-url -d 'Send the URL verbatim'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -s v -l verbose -d 'Show requests and answers'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l current -d 'Firmware the phones run' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l downgrade-limit -d 'Refuse older loads' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l rule -d 'Evaluate this Upgrade_Rule for the described phone' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l mac -d 'MAC address of the phone' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l set -d 'Set a macro variable NAME=VALUE' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l device -d 'NAME=VALUE lines of macro variables' -r -F
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l profile -d 'The phone profile' -r -F
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l warn-unset -d 'Warn about variables that expand to nothing'
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -s k -l key -d 'Key of an encrypted --profile' -x
complete -c provkit -n '__fish_seen_subcommand_from upgrade' -l pass -d 'Key source of an encrypted --profile' -x
complete -c provkit -n __fish_use_subcommand -a simulate -d 'Resync like a phone against real servers'
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l mac -d 'MAC address of the phone' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l set -d 'Set a macro variable NAME=VALUE' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l device -d 'NAME=VALUE lines' -r -F
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l profile -d 'The phone state' -r -F
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l warn-unset -d 'Warn about variables that expand to nothing'
complete -c provkit -n '__fish_seen_subcommand_from simulate' -s k -l key -d 'Key of an encrypted --profile' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l pass -d 'Key source of an encrypted --profile' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l tftp-server -d 'DHCP option-66 TFTP server' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -s o -l output -d 'Write the new state' -r -F
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l diff -d 'Print only the changed parameters'
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l format -d 'Output format' -x -a 'text json'
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l upgrade -d 'Also check the Upgrade_Rule'
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l cacert -d 'CA certificates the phone trusts' -r -F
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l timeout -d 'Seconds a transfer may take' -x
complete -c provkit -n '__fish_seen_subcommand_from simulate' -l max-size -d 'Largest file the phone accepts' -x
complete -c provkit -n __fish_use_subcommand -a lint -d 'Check profiles as a phone reads them'
complete -c provkit -n '__fish_seen_subcommand_from lint' -F
complete -c provkit -n '__fish_seen_subcommand_from lint' -l format -x -a 'text json sarif github' -d 'Output format'
complete -c provkit -n '__fish_seen_subcommand_from lint' -l werror -d 'Exit with status 1 on warnings too'
complete -c provkit -n '__fish_seen_subcommand_from lint' -l strict -d 'Unknown names and attributes are errors'
complete -c provkit -n '__fish_seen_subcommand_from lint' -l disable -x -a 'xml-syntax encoding utf8 control-char doctype root nesting typographic ua-value ua-quote entity unknown-attribute stray-text unknown-name name-case duplicate value-type secret-unencrypted non-ascii rule-syntax trigger-form upgrade-url secret-macro macro-compare rule-option unknown-macro spc-syntax import import-cycle spc-no-value encrypted-skipped decode io' -d 'Do not report RULE'
complete -c provkit -n '__fish_seen_subcommand_from lint' -l catalog -r -F -d 'Site parameter catalog'
complete -c provkit -n '__fish_seen_subcommand_from lint' -s k -l key -r -d 'Key of encrypted profiles'
complete -c provkit -n '__fish_seen_subcommand_from lint' -l pass -r -d 'Key source: pass:, env:, file:, fd:, stdin'
