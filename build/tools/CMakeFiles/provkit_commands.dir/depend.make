# Empty dependencies file for provkit_commands.
# This may be replaced when dependencies are built.
