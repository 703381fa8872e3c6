file(REMOVE_RECURSE
  "CMakeFiles/provkit.dir/src/file_io.cpp.o"
  "CMakeFiles/provkit.dir/src/file_io.cpp.o.d"
  "CMakeFiles/provkit.dir/src/secret.cpp.o"
  "CMakeFiles/provkit.dir/src/secret.cpp.o.d"
  "CMakeFiles/provkit.dir/version.cpp.o"
  "CMakeFiles/provkit.dir/version.cpp.o.d"
  "libprovkit.pdb"
  "libprovkit.so"
  "libprovkit.so.0"
  "libprovkit.so.0.1.0"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/provkit.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
