"""What the renderers of the sources share: the render context (the world, the two render streams,
the truth records and the files rendered so far) and small writing helpers."""

from __future__ import annotations

import csv
import io
import random
import uuid
from pathlib import Path

from sample_generator.model import World

BAD_KINDS = ("unparseable_date", "unknown_currency", "unparseable_amount", "negative_amount", "future_date",
             "orphan_continuation", "unknown_organization", "no_fx_rate")
NOT_A_DATA_ROW = "not_a_data_row"  # the footer rows below the data of a vendor download


class Context:
    """The render of one world. The sources are rendered in a fixed order (cn_export, crunchbase,
    unicorns, reference) from one stream; the xlsx / vendor forms draw from their own stream, so
    the CSV files stay as they were when those forms were added."""

    def __init__(self, world: World):
        self.world = world
        self.rng = random.Random(f"ai-deals-sample:{world.seed}:render")
        self.forms = random.Random(f"ai-deals-sample:{world.seed}:render-forms")
        self.records: list[dict] = []  # one per raw row below a header (the truth's records.csv)
        self.investor_mentions: list[dict] = []  # one per investor a raw row names (investor_mentions.csv)
        self.files: dict[str, tuple[str | bytes, str]] = {}  # path -> (text or xlsx bytes, encoding)


def random_uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"


_NS = uuid.UUID("6f1d3c52-8a7e-4b8e-9d36-3f5d2f1b0c11")


def investor_uuid(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def csv_text(rows: list[list[str]], header: list[str], eol: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_file(path: Path, text: str | bytes, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text if isinstance(text, bytes) else text.encode(encoding)
    path.write_bytes(data)
