
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/unit/test_file_io.cpp" "tests/CMakeFiles/provkit_unit.dir/unit/test_file_io.cpp.o" "gcc" "tests/CMakeFiles/provkit_unit.dir/unit/test_file_io.cpp.o.d"
  "/work/main/tests/unit/test_main.cpp" "tests/CMakeFiles/provkit_unit.dir/unit/test_main.cpp.o" "gcc" "tests/CMakeFiles/provkit_unit.dir/unit/test_main.cpp.o.d"
  "/work/main/tests/unit/test_secret.cpp" "tests/CMakeFiles/provkit_unit.dir/unit/test_secret.cpp.o" "gcc" "tests/CMakeFiles/provkit_unit.dir/unit/test_secret.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/tools/CMakeFiles/provkit_commands.dir/DependInfo.cmake"
  "/work/main/build/lib/CMakeFiles/provkit.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
