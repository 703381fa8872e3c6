// A profile source of either kind - an XML flat profile or an spc text source - read in the
// format detected from its content or given by the caller. Layers: see Profile::apply.
#pragma once

#include <string>
#include <string_view>

#include "provkit/profile.hpp"
#include "provkit/spc.hpp"

namespace provkit {

enum class SourceFormat { automatic, xml, spc };

// Reads text in format; automatic means XML when looks_like_xml(text), else spc. file names the
// source in diagnostics and resolves spc imports (via load, default read_file).
ReadResult read_profile_source(std::string_view text, const std::string& file,
                               SourceFormat format = SourceFormat::automatic, const SourceLoader& load = {});

}  // namespace provkit
