file(REMOVE_RECURSE
  "libprovkit_commands.a"
)
