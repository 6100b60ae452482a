# Turns a file into a C++ header holding its bytes, so `fsd serve` carries
# the board page and its OpenAPI document inside the binary (no install paths
# to find at run time). Run as: cmake -DIN=file -DOUT=header -DNAME=ident -P serve_embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
get_filename_component(source_name "${IN}" NAME)
file(WRITE "${OUT}.tmp"
"#pragma once\n// Generated from ${source_name} by apps/fsd/serve_embed.cmake at build time; edit the source file.\n"
"#include <string>\n\nnamespace fsdserve::embedded {\n\n"
"inline constexpr unsigned char ${NAME}_bytes[${size} + 1] = {\n${bytes}0};\n\n"
"/// The whole of ${source_name}.\n"
"inline std::string ${NAME}() { return std::string(reinterpret_cast<const char*>(${NAME}_bytes), ${size}); }\n\n"
"}  // namespace fsdserve::embedded\n")
# Replaced only when changed, so an unchanged file does not rebuild its users.
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
