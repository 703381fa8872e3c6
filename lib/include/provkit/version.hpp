// The library's version, as set in CMakeLists.txt.
#pragma once

namespace provkit {

const char* version() noexcept;

}  // namespace provkit
