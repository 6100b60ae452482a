#pragma once
// Reading and writing whole text files for the fsd subcommands.
#include <string>
#include <vector>

namespace fsdcli {

/// The path that names the standard streams: stdin to read, stdout to write.
inline constexpr const char* kStdStream = "-";

/// Whole file as text; "-" reads stdin to its end. InputError naming the
/// file when it cannot be read.
std::string read_text_file(const std::string& path);

/// InputError when more than one of `paths` is "-": stdin can be read once,
/// and a second reader would see it empty.
void at_most_one_stdin(const std::vector<std::string>& paths);

/// Writes `text` to `path` atomically ("-": to stdout, with a final newline
/// added when the text has none, then flushed): into a temporary file in the same
/// folder (creating missing parent folders), flushed to disk, then renamed
/// over `path`. A reader, a crash or a second signal sees the old content
/// or the new one, never a part; on failure the old file is left as it was
/// and the temporary one removed. The file keeps the mode of the one it
/// replaces (new files: 0666 less the umask); a symbolic link is followed,
/// so the file it points to is replaced. InputError naming the file (and
/// the system's reason) when it cannot be written; std::system_error when
/// the disk or a quota is full or the file too large (the CLI's exit 3).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace fsdcli
