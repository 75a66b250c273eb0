#pragma once
// A whole buffer through a file descriptor: read and write may each move only part of it, or
// be interrupted by a signal, so every caller needs the same loop.

#include <cstddef>
#include <string_view>

namespace scrutiny {

// Reads into data[0..size) until it is full or the file ends; returns how many bytes were read
// (fewer than `size` at the end of the file or on an error).
size_t read_fully(int fd, char* data, size_t size);

// True when the file, read from where it stands, holds exactly `bytes` and nothing more.
bool reads_as(int fd, std::string_view bytes);

// Writes all of `bytes`; false when the file would not take them all.
bool write_fully(int fd, std::string_view bytes);

}  // namespace scrutiny
