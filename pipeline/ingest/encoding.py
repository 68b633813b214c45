"""Which text encoding a CSV export is in, decided by rules that never guess a Chinese encoding for
Latin text, with the detection's confidence so the ingest metadata can say how sure it was.

The exports come as UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"),
GB18030/GBK (re-saved by Excel on Chinese Windows) or cp1252/Latin-1 (re-saved on Western Windows).
The rules, in order:

1. A BOM settles it (UTF-8, UTF-16 LE/BE).
2. Bytes that decode as UTF-8 are UTF-8 (legacy 8-bit text almost never is valid UTF-8).
3. Otherwise the non-ASCII bytes tell GB18030 from a Western single-byte code page: Chinese text
   is runs of two-byte characters (high bytes in pairs); Latin text has isolated accented letters
   between ASCII letters ("M\\xfcller"). charset-normalizer scores the chosen decoding (its
   "chaos" measure), which is reported as the confidence.
4. Bytes that are valid UTF-8 except for a few bad sequences are a damaged UTF-8 file, not
   another encoding: that fails with the offset of the first bad byte, as does text that no
   candidate decodes cleanly.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of high bytes that sit next to another high byte: near 1 for GB18030 text, low for Latin.
_PAIRED_HIGH_BYTES_FOR_CJK = 0.8


class EncodingError(ValueError):
    """Text that no rule decodes cleanly. The message names the first bad byte offset."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec name: utf-8, utf-8-sig, utf-16, gb18030, cp1252
    confidence: float  # 1.0 for a BOM or valid UTF-8; charset-normalizer's coherence otherwise
    basis: str  # why this encoding, in words for the ingest metadata


def _paired_high_byte_share(data: bytes) -> float:
    data = data[:1_000_000]  # a sample is plenty, and keeps large files fast
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return 0.0
    highs = set(high)
    paired = sum(1 for i in high if i - 1 in highs or i + 1 in highs)
    return paired / len(high)


def _utf8_damage(data: bytes) -> UnicodeDecodeError | None:
    """The first decoding error when the bytes are UTF-8 with damage (far more valid multi-byte
    UTF-8 characters than invalid bytes), else None (then it is another encoding)."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first_error = exc
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid_non_ascii = sum(1 for ch in text if ord(ch) >= 0x80) - invalid
    return first_error if valid_non_ascii >= 10 * max(invalid, 1) else None


def _coherence(data: bytes, encoding: str) -> float:
    """charset-normalizer's confidence that `encoding` is right: 1 - its chaos (mess) ratio."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000], cp_isolation=[encoding], explain=False).best()
    return round(1.0 - match.chaos, 3) if match is not None else 0.0


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, 1.0, "byte-order mark")
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{encoding} (byte-order mark) but byte {exc.start} is not valid {encoding}") from None
    if b"\x00" in data[:65536]:
        raise EncodingError("binary file (contains NUL bytes), not a text export")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "valid UTF-8")
    except UnicodeDecodeError:
        pass
    damage = _utf8_damage(data)
    if damage is not None:
        raise EncodingError(
            f"mostly UTF-8 but byte {damage.start} (0x{data[damage.start]:02x}) is not valid UTF-8: "
            "a damaged file; re-export it"
        )
    paired = _paired_high_byte_share(data)
    encoding = "gb18030" if paired >= _PAIRED_HIGH_BYTES_FOR_CJK else "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not UTF-8, and byte {exc.start} (0x{data[exc.start]:02x}) is not valid {encoding} either "
            f"({paired:.0%} of non-ASCII bytes are paired)"
        ) from None
    kind = "two-byte Chinese text" if encoding == "gb18030" else "single-byte Western text"
    return Decoded(text, encoding, _coherence(data, encoding),
                   f"not UTF-8; {paired:.0%} of non-ASCII bytes paired: {kind}")
