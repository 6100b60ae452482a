#pragma once
// Private to lib/io: pieces of the problem format reused by other documents
// (the live plan and its events carry tickets and locations).
#include <string>

#include "fsd/core/location.hpp"
#include "fsd/model/job.hpp"
#include "json_reader.hpp"

namespace fsd::io_detail {

/// A location object ({"lat", "lon"} and/or {"index"}) as in the problem format.
Location read_location_json(const Json& v, const std::string& path);
Json write_location_json(const Location& location);
/// A job object as in the problem format.
Job read_job_json(const Json& v, const std::string& path);

}  // namespace fsd::io_detail
