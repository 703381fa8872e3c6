// The check push-resync --config runs on a profile before uploading it: the file must be a
// plain, well-formed <flat-profile> (provkit::decode_profile) whose bytes survive `curl -d`
// intact, and `provkit lint` must find no errors in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace provkit::cli {

// Problems found in `data` (read from `name`), each a complete message starting with name
// ("NAME:LINE:COL: ..." where a position applies). Empty when the upload may go ahead.
std::vector<std::string> check_config_before_upload(const std::string& name, std::string_view data);

}  // namespace provkit::cli
