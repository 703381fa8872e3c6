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
