file(REMOVE_RECURSE
  "CMakeFiles/provkit_unit.dir/unit/test_file_io.cpp.o"
  "CMakeFiles/provkit_unit.dir/unit/test_file_io.cpp.o.d"
  "CMakeFiles/provkit_unit.dir/unit/test_main.cpp.o"
  "CMakeFiles/provkit_unit.dir/unit/test_main.cpp.o.d"
  "CMakeFiles/provkit_unit.dir/unit/test_secret.cpp.o"
  "CMakeFiles/provkit_unit.dir/unit/test_secret.cpp.o.d"
  "provkit_unit"
  "provkit_unit.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/provkit_unit.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
