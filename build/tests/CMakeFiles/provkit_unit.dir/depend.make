# Empty dependencies file for provkit_unit.
# This may be replaced when dependencies are built.
