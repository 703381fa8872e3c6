lib/CMakeFiles/provkit.dir/version.cpp.o: \
 /work/main/build/lib/version.cpp /usr/include/stdc-predef.h \
 /work/main/lib/include/provkit/version.hpp
