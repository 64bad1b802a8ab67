"""Reading a user's text file: the one place that tells a missing file from a directory, a
pipe or a device, refuses an absurd size, and decodes with an error that names the problem."""

from __future__ import annotations

import codecs
import csv
import io
import stat
from pathlib import Path
from typing import Any

from electoral.errors import InputError

MAX_BYTES = 20 * 2**20  # a full year's returns are about 0.5 MB; refuse anything absurd

# Byte-order marks and the encodings they announce (UTF-32 first: its LE mark begins with
# UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_data_file(path: str | Path) -> tuple[str, str, bool]:
    """A CSV or JSON data file: its text, its name for messages, and whether it is JSON (by
    its suffix or its first character). An empty file is an InputError."""
    source = str(path)
    text = read_text(Path(path))
    if not text.strip():
        raise InputError("empty file", source)
    return text, source, Path(path).suffix.lower() == ".json" or \
        text.lstrip().startswith(("[", "{"))


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of the regular file at `path`: UTF-8 (with or without a byte-order mark), or
    UTF-16/32 announced by one. Anything else is an InputError naming the file."""
    place = str(path)
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file", place) from None
    except OSError as e:
        raise InputError(f"cannot read it: {e.strerror or e}", place) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", place)
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(f"is {kind}, not a regular file", place)
    if st.st_size > max_bytes:
        raise InputError(f"file larger than {max_bytes / 2**20:g} MiB", place)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read it: {e.strerror or e}", place) from None
    return decode(data, place)


def decode(data: bytes, place: str) -> str:
    """`data` as text: the encoding a byte-order mark announces, else strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(f"not valid {encoding.upper()} text (byte {e.start + len(bom)})",
                                 place) from None
    if b"\x00" in data[:4096]:
        # ASCII text saved as UTF-16 without a mark: every other byte is zero.
        even, odd = data[0:4096:2], data[1:4096:2]
        if odd.count(0) > len(odd) // 2 or even.count(0) > len(even) // 2:
            raise InputError("looks like UTF-16 text without a byte-order mark; save it as "
                             "UTF-8", place)
        raise InputError("holds NUL bytes: not a text file", place)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (byte {e.start}: 0x{data[e.start]:02x}); save it as "
                         "UTF-8", place) from None


def csv_records(text: str, source: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header and the rows, each (line number, {column: cell}), of CSV text. A malformed
    line (a stray quote, a NUL byte) is an InputError naming it."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fields = list(reader.fieldnames or ())
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as e:
        raise InputError(f"malformed CSV: {e}", f"{source}:{reader.line_num}") from None
    return fields, rows
