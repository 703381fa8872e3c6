# Empty dependencies file for provkit_cli.
# This may be replaced when dependencies are built.
