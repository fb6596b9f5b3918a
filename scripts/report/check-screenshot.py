#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank: decodes it with the standard library (zlib and
the PNG row filters), counts its distinct colours and the share of pixels that differ from the
most common one (the page's background), and fails when either is below its threshold. A page
that failed to render (blank, an error page with one line) has a handful of colours; a report
with text, tables and bars has hundreds.

Usage: check-screenshot.py FILE.png [MIN_COLOURS] [MIN_INK_PERCENT]"""

import struct
import sys
import zlib
from collections import Counter


def pixels(path):
    """The image's width, height and rows of pixels as bytes tuples (8-bit RGB or RGBA)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace != 0:
        raise SystemExit(f"{path}: expected 8-bit RGB or RGBA without interlacing")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        unfilter(kind, line, previous, channels)
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def unfilter(kind, line, previous, channels):
    """Undoes one row's PNG filter in place (None, Sub, Up, Average, Paeth)."""
    for i in range(len(line)):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        upper_left = previous[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            estimate = left + up - upper_left
            a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - upper_left)
            predictor = left if a <= b and a <= c else up if b <= c else upper_left
            line[i] = (line[i] + predictor) & 0xFF


def main():
    path = sys.argv[1]
    min_colours = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    min_ink = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    width, height, channels, rows = pixels(path)
    counts = Counter()
    for row in rows:
        for x in range(0, len(row), channels):
            counts[row[x:x + 3]] += 1
    background, background_count = counts.most_common(1)[0]
    ink = 100.0 * (width * height - background_count) / (width * height)
    print(f"{path}: {width}x{height}, {len(counts)} distinct colours, "
          f"{ink:.1f}% of pixels differ from the background #{background.hex()}")
    if len(counts) < min_colours or ink < min_ink:
        raise SystemExit(f"{path}: looks blank (needs at least {min_colours} colours and {min_ink}% ink)")


if __name__ == "__main__":
    main()
