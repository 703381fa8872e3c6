
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tools/cli_io.cpp" "tools/CMakeFiles/provkit_commands.dir/cli_io.cpp.o" "gcc" "tools/CMakeFiles/provkit_commands.dir/cli_io.cpp.o.d"
  "/work/main/tools/command_table.cpp" "tools/CMakeFiles/provkit_commands.dir/command_table.cpp.o" "gcc" "tools/CMakeFiles/provkit_commands.dir/command_table.cpp.o.d"
  "/work/main/tools/diagnostics.cpp" "tools/CMakeFiles/provkit_commands.dir/diagnostics.cpp.o" "gcc" "tools/CMakeFiles/provkit_commands.dir/diagnostics.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/lib/CMakeFiles/provkit.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
