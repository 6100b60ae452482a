#pragma once
// Private to lib/io: pieces of the problem format reused by other documents
// (the live plan and its events carry tickets and locations).
#include <string>

#include "fsd/core/location.hpp"
#include "fsd/model/depot.hpp"
#include "fsd/model/job.hpp"
#include "fsd/travel/road_network.hpp"
#include "json_reader.hpp"

namespace fsd::io_detail {

/// A location object ({"lat", "lon"} and/or {"index"}) as in the problem format.
Location read_location_json(const Json& v, const std::string& path);
Json write_location_json(const Location& location);
/// A job object as in the problem format.
Job read_job_json(const Json& v, const std::string& path);
/// Part counts as the problem format writes them, {"part": count, ...} in
/// the document's order; names non-empty, counts from `least` to 10^9
/// (InputError at "path/part"). A van's stock takes 0, a job's need 1.
std::vector<PartCount> read_part_counts_json(const Json& v, const std::string& path, std::int64_t least);
Json write_part_counts_json(const std::vector<PartCount>& parts);
/// A road network object {"nodes": [{"id", "lat", "lon"}], "edges": [{"from", "to",
/// "length_m", "duration_s"}]}, with a "model" field allowed when `with_model`.
RoadNetwork read_road_network_json(const Json& v, const std::string& path, bool with_model);
Json write_road_network_json(const RoadNetwork& network);

}  // namespace fsd::io_detail
