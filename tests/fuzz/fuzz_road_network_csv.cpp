// A road network from its two CSV files (nodes, then edges after the first
// NUL byte of the input), then the matrices between a few of its nodes and a
// point off the network, so that snapping and Dijkstra see what was read.
#include <algorithm>
#include <string>
#include <vector>

#include "fsd/travel/road_network.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) {
        const std::size_t cut = std::min(text.find('\0'), text.size());
        const std::string_view nodes = text.substr(0, cut);
        const std::string_view edges = cut < text.size() ? text.substr(cut + 1) : std::string_view();
        const fsd::RoadNetwork network = fsd::parse_road_network_csv(nodes, edges);
        std::vector<fsd::Coordinates> points{{0.0, 0.0}};
        for (std::size_t i = 0; i < network.nodes.size() && i < 3; ++i) points.push_back(network.nodes[i].coords);
        (void)fsd::road_network_matrices(network, points);
    });
}
