# Empty dependencies file for provkit.
# This may be replaced when dependencies are built.
