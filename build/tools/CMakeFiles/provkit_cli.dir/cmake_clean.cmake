file(REMOVE_RECURSE
  "../provkit"
  "../provkit.pdb"
  "CMakeFiles/provkit_cli.dir/main.cpp.o"
  "CMakeFiles/provkit_cli.dir/main.cpp.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/provkit_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
