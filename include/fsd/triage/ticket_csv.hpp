#pragma once
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/csv.hpp"
#include "fsd/core/types.hpp"
#include "fsd/triage/ticket.hpp"

namespace fsd::triage {

// The CSV reader lives in core (the SLA command reads event CSVs with it too).
using ::fsd::CsvTable;
using ::fsd::parse_csv;

/// Which columns hold which ticket field; an empty name means "not present".
struct TicketColumns {
    std::string id = "id";
    std::string created = "created";
    std::string customer = "customer";
    std::string asset = "asset";
    std::string text = "text";
    std::string category = "category";
    std::string skill = "skill";
    std::string resolution = "resolution";
};

/// Maps a table to tickets. The text column must exist, and so must every
/// column in `required` (e.g. the label column when training): a missing one
/// throws InputError "/columns/<name>". Other absent columns leave the field
/// empty. `created` takes Unix seconds or ISO-8601 ("2026-03-01T08:30:00Z",
/// offsets allowed); a bad value throws "/rows/<i>/created". A field that is
/// not UTF-8 throws "/rows/<i>/<column>".
std::vector<Ticket> tickets_from_table(const CsvTable& table, const TicketColumns& columns = {},
                                       const std::vector<std::string>& required = {});

/// Reads a ticket CSV file (parse_csv + tickets_from_table). Throws
/// InputError naming the file when it cannot be opened.
std::vector<Ticket> read_tickets_csv(const std::string& path, const TicketColumns& columns = {},
                                     const std::vector<std::string>& required = {});

/// Writes tickets with the default column names; `created` as ISO-8601 UTC.
void write_tickets_csv(std::ostream& out, const std::vector<Ticket>& tickets);

/// Parses Unix seconds (within ±kTimeMax) or an ISO-8601 date-time with a
/// real calendar date; throws InputError at `path`.
Time parse_ticket_time(std::string_view value, const std::string& path);
/// Formats Unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_ticket_time(Time t);

}  // namespace fsd::triage
