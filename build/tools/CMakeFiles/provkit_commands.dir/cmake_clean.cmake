file(REMOVE_RECURSE
  "CMakeFiles/provkit_commands.dir/cli_io.cpp.o"
  "CMakeFiles/provkit_commands.dir/cli_io.cpp.o.d"
  "CMakeFiles/provkit_commands.dir/command_table.cpp.o"
  "CMakeFiles/provkit_commands.dir/command_table.cpp.o.d"
  "CMakeFiles/provkit_commands.dir/diagnostics.cpp.o"
  "CMakeFiles/provkit_commands.dir/diagnostics.cpp.o.d"
  "libprovkit_commands.a"
  "libprovkit_commands.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/provkit_commands.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
