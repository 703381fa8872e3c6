#!/usr/bin/env bash
# cmake --install puts every piece in its standard place, and a consumer builds against the
# installed library both through find_package(provkit) and through pkg-config.
source "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$PROVKIT")
prefix="$T/prefix"
expect_status 0 cmake --install "$build_dir" --prefix "$prefix"
for f in bin/provkit include/provkit/gzip.hpp share/man/man1/provkit.1 share/man/man1/provkit-gzip.1 \
         share/bash-completion/completions/provkit share/zsh/vendor-completions/_provkit \
         share/fish/vendor_completions.d/provkit.fish; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"; ok
done
libdir=$(cd "$prefix" && ls -d lib*/libprovkit.so | head -n 1 | xargs dirname)
[ -n "$libdir" ] || fail "libprovkit.so not installed"
[ -f "$prefix/$libdir/cmake/provkit/provkitConfig.cmake" ] || fail "no CMake package config"; ok
[ -f "$prefix/$libdir/pkgconfig/provkit.pc" ] || fail "no pkg-config file"; ok
# The installed binary finds the installed library by itself.
expect_status 0 "$prefix/bin/provkit" --version

# A sanitizer build of the library needs its consumers built the same way (the ASan runtime must
# come first), so the consumer takes the library's sanitizer flags.
san_flags=""
if links_asan "$prefix/$libdir/libprovkit.so"; then san_flags="-fsanitize=address,undefined"; fi

mkdir -p "$T/consumer"
cat >"$T/consumer/main.cpp" <<'CPP'
#include <provkit/gzip.hpp>
#include <provkit/version.hpp>
#include <iostream>
int main() {
    std::string text = "<flat-profile/>";
    bool same = provkit::gzip::decompress(provkit::gzip::compress(text)) == text;
    std::cout << provkit::version() << (same ? " round trip ok" : " round trip FAILED") << "\n";
    return same ? 0 : 1;
}
CPP
cat >"$T/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(consumer CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(provkit REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE provkit::provkit)
CMAKE
expect_status 0 cmake -S "$T/consumer" -B "$T/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_FLAGS="$san_flags" -DCMAKE_EXE_LINKER_FLAGS="$san_flags"
expect_status 0 cmake --build "$T/consumer/build"
expect_status 0 "$T/consumer/build/consumer"
grep -q "round trip ok" "$T/out" || fail "find_package consumer output: $(cat "$T/out")"; ok

export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
expect_status 0 pkg-config --exists provkit
# shellcheck disable=SC2046
expect_status 0 g++ $san_flags -o "$T/consumer/pc" "$T/consumer/main.cpp" $(pkg-config --cflags --libs provkit)
LD_LIBRARY_PATH="$prefix/$libdir" expect_status 0 "$T/consumer/pc"
done_checks
