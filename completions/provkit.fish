# fish completion for provkit(1); kept in step with `provkit CMD --help` by
# tests/cli/test_docs_agree.sh.
complete -c provkit -f
complete -c provkit -n __fish_use_subcommand -l help -d 'Show help'
complete -c provkit -n __fish_use_subcommand -l version -d 'Show the version'
