"""Subsets of a CID-keyed CFF font, written by copying charstrings (Adobe TN 5176).

fontTools' subsetter interprets every kept charstring several times (closure, subroutine
marking, bounding boxes) and re-encodes it, about a millisecond a glyph: most of the time a form
with a few hundred distinct hanzi took. Here a subset is the kept charstrings copied as bytes
with the header, strings, font dicts and private dicts they need. That is exact only for a font
whose charstrings stand alone: CID-keyed (no ``seac`` accents to follow) and without
subroutines — which :mod:`csc.core.pdffonts` makes sure of by desubroutinizing the font once.
"""

import struct
import sys
from array import array

CHARSET, ENCODING, CHARSTRINGS, PRIVATE, SUBRS = 15, 16, 17, 18, 19
ROS, FDARRAY, FDSELECT = 1230, 1236, 1237  # two-byte operators 12 x are 1200 + x
#: Operators whose operands are offsets into the font: rewritten, never copied.
OFFSETS = {CHARSET, ENCODING, CHARSTRINGS, PRIVATE, SUBRS, FDARRAY, FDSELECT}


class NotStandalone(ValueError):
    """The font is not a CID-keyed CFF without subroutines: its charstrings cannot be copied."""


class CIDFont:
    """A CID-keyed CFF font read once; :meth:`subset` writes a font of some of its glyphs."""

    def __init__(self, data):
        self.data = data
        pos = data[2]  # header size
        names, pos = _index(data, pos)
        tops, pos = _index(data, pos)
        strings_at = pos
        _strings, pos = _index(data, pos)
        self.strings = bytes(data[strings_at:pos])
        global_subrs, pos = _index(data, pos)
        if len(names) != 1 or len(tops) != 1:
            raise NotStandalone("a CFF table with one font is expected")
        if global_subrs:
            raise NotStandalone("the font has global subroutines")
        self.name = bytes(data[names.span(0)])
        self.top = _dict(data[tops.span(0)])
        values = {op: operands for op, _raw, operands in self.top}
        if ROS not in values or FDSELECT not in values or FDARRAY not in values:
            raise NotStandalone("the font is not CID-keyed")
        self.charstrings, _end = _index(data, values[CHARSTRINGS][0])
        count = len(self.charstrings)
        self.cids = _charset(data, values[CHARSET][0], count)
        self.fd_of = _fdselect(data, values[FDSELECT][0], count)
        self.font_dicts, self.privates = [], []
        fdarray = _index(data, values[FDARRAY][0])[0]
        for fd in range(len(fdarray)):
            entries = _dict(data[fdarray.span(fd)])
            size, offset = {op: operands for op, _raw, operands in entries}[PRIVATE]
            private = bytes(data[offset : offset + size])
            if any(op == SUBRS for op, _raw, _operands in _dict(private)):
                raise NotStandalone("the font has local subroutines")
            self.font_dicts.append(b"".join(raw for op, raw, _ in entries if op not in OFFSETS))
            self.privates.append(private)

    def __len__(self):
        return len(self.charstrings)

    def subset(self, gids):
        """Return the CFF table bytes of the glyphs ``gids`` (glyph 0, .notdef, always kept).

        Glyphs keep their CID, so a PDF's CID-to-code mapping made from the full font holds.
        """
        gids = sorted({0, *gids})
        fds = sorted({self.fd_of[gid] for gid in gids})
        renumber = {fd: index for index, fd in enumerate(fds)}
        charset = b"\x00" + b"".join(struct.pack(">H", self.cids[gid]) for gid in gids[1:])
        fdselect = _fdselect_bytes([renumber[self.fd_of[gid]] for gid in gids])
        data = self.data
        charstrings = _index_bytes([bytes(data[self.charstrings.span(gid)]) for gid in gids])

        header = b"\x01\x00\x04\x04"
        names = _index_bytes([self.name])
        fixed_top = b"".join(raw for op, raw, _ in self.top if op not in OFFSETS)
        # Offsets are written as 5-byte integers, so the top dict's size is known beforehand.
        top_size = len(fixed_top) + 4 * 5 + 6
        start = len(header) + len(names) + len(_index_bytes([b"\x00" * top_size]))
        charset_at = start + len(self.strings) + 2  # 2: the empty global subroutine index
        fdselect_at = charset_at + len(charset)
        charstrings_at = fdselect_at + len(fdselect)
        fdarray_at = charstrings_at + len(charstrings)
        dict_sizes = [len(self.font_dicts[fd]) + 11 for fd in fds]
        private_at = fdarray_at + len(_index_bytes([b"\x00" * size for size in dict_sizes]))
        font_dicts, privates = [], []
        for fd in fds:
            private = self.privates[fd]
            font_dicts.append(
                self.font_dicts[fd] + _int(len(private)) + _int(private_at) + bytes([PRIVATE])
            )
            privates.append(private)
            private_at += len(private)
        top = (
            fixed_top
            + _int(charset_at)
            + bytes([CHARSET])
            + _int(fdselect_at)
            + b"\x0c\x25"
            + _int(charstrings_at)
            + bytes([CHARSTRINGS])
            + _int(fdarray_at)
            + b"\x0c\x24"
        )
        return b"".join(
            [
                header,
                names,
                _index_bytes([top]),
                self.strings,
                b"\x00\x00",
                charset,
                fdselect,
                charstrings,
                _index_bytes(font_dicts),
                *privates,
            ]
        )


def _int(value):
    """A DICT integer in its 5-byte form, whatever its size."""
    return b"\x1d" + struct.pack(">i", value)


class _Index:
    """An INDEX's offsets: item ``i`` is ``data[index.span(i)]``."""

    def __init__(self, base, offsets):
        self.base, self.offsets = base, offsets

    def __len__(self):
        return len(self.offsets) - 1

    def span(self, i):
        return slice(self.base + self.offsets[i], self.base + self.offsets[i + 1])


def _index(data, pos):
    """Return (the INDEX at ``pos``, the position after it)."""
    count = int.from_bytes(data[pos : pos + 2], "big")
    if count == 0:
        return _Index(pos, [0]), pos + 2
    size = data[pos + 2]
    table = pos + 3
    raw = bytes(data[table : table + (count + 1) * size])
    typecode = {1: "B", 2: "H", 4: "I"}.get(size)
    if typecode and array(typecode).itemsize == size:
        offsets = array(typecode, raw)
        if size > 1 and sys.byteorder == "little":
            offsets.byteswap()
    else:
        offsets = [int.from_bytes(raw[i : i + size], "big") for i in range(0, len(raw), size)]
    base = table + len(raw) - 1  # offsets count from 1, from the byte before the data
    return _Index(base, offsets), base + offsets[count]


def _index_bytes(items):
    if not items:
        return b"\x00\x00"
    end = sum(len(item) for item in items) + 1
    size = 1 if end < 1 << 8 else 2 if end < 1 << 16 else 3 if end < 1 << 24 else 4
    offsets = [1]
    for item in items:
        offsets.append(offsets[-1] + len(item))
    packed = b"".join(struct.pack(">I", offset)[4 - size :] for offset in offsets)
    return struct.pack(">HB", len(items), size) + packed + b"".join(items)


def _dict(raw):
    """Return a DICT's entries as (operator, raw bytes of operands and operator, operands)."""
    raw = bytes(raw)
    entries, operands, start, pos = [], [], 0, 0
    while pos < len(raw):
        b0 = raw[pos]
        if b0 <= 21:
            op, pos = (1200 + raw[pos + 1], pos + 2) if b0 == 12 else (b0, pos + 1)
            entries.append((op, raw[start:pos], operands))
            operands, start = [], pos
        elif b0 == 28:
            operands.append(int.from_bytes(raw[pos + 1 : pos + 3], "big", signed=True))
            pos += 3
        elif b0 == 29:
            operands.append(int.from_bytes(raw[pos + 1 : pos + 5], "big", signed=True))
            pos += 5
        elif b0 == 30:  # a real, in nibbles up to the end nibble 0xf; never an offset
            pos += 1
            while raw[pos] >> 4 != 0xF and raw[pos] & 0xF != 0xF:
                pos += 1
            pos += 1
            operands.append(None)
        elif b0 <= 246:
            operands.append(b0 - 139)
            pos += 1
        elif b0 <= 250:
            operands.append((b0 - 247) * 256 + raw[pos + 1] + 108)
            pos += 2
        elif b0 <= 254:
            operands.append(-(b0 - 251) * 256 - raw[pos + 1] - 108)
            pos += 2
        else:
            raise NotStandalone(f"bad DICT byte {b0}")
    return entries


def _charset(data, pos, count):
    """Return the CID of each glyph."""
    cids = array("H", [0]) * count
    fmt, pos = data[pos], pos + 1
    gid = 1
    if fmt == 0:
        for gid in range(1, count):
            cids[gid] = int.from_bytes(data[pos : pos + 2], "big")
            pos += 2
        return cids
    width = 1 if fmt == 1 else 2
    while gid < count:
        first = int.from_bytes(data[pos : pos + 2], "big")
        left = int.from_bytes(data[pos + 2 : pos + 2 + width], "big")
        pos += 2 + width
        for cid in range(first, first + left + 1):
            if gid < count:
                cids[gid] = cid
                gid += 1
    return cids


def _fdselect(data, pos, count):
    """Return the font dict index of each glyph."""
    fmt = data[pos]
    if fmt == 0:
        return array("B", bytes(data[pos + 1 : pos + 1 + count]))
    if fmt != 3:
        raise NotStandalone(f"FDSelect format {fmt}")
    fds = array("B", bytes(count))
    ranges = int.from_bytes(data[pos + 1 : pos + 3], "big")
    at = pos + 3
    for _ in range(ranges):
        first, fd = int.from_bytes(data[at : at + 2], "big"), data[at + 2]
        end = int.from_bytes(data[at + 3 : at + 5], "big")  # the next range's first, or sentinel
        fds[first:end] = array("B", [fd]) * (end - first)
        at += 3
    return fds


def _fdselect_bytes(fds):
    ranges = []
    for gid, fd in enumerate(fds):
        if not ranges or ranges[-1][1] != fd:
            ranges.append((gid, fd))
    body = b"".join(struct.pack(">HB", first, fd) for first, fd in ranges)
    return struct.pack(">BH", 3, len(ranges)) + body + struct.pack(">H", len(fds))
