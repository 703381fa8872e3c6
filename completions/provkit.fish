# fish completion for provkit(1); kept in step with `provkit CMD --help` by
# tests/cli/test_docs_agree.sh.
complete -c provkit -f
complete -c provkit -n __fish_use_subcommand -l help -d 'Show help'
complete -c provkit -n __fish_use_subcommand -l version -d 'Show the version'
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
