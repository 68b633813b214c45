"""The sample-data generator (pipeline/sample): determinism, truth <-> raw agreement, the real
deals, bad rows, encodings, and the internal consistency of the truth (what the pipeline should
compute is what the raw records say under the rules of raw-sources.md)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.sample import generate, vocab
from pipeline.sample.render import BAD_KINDS, CN_HEADER, GB_FILE

REPO = Path(__file__).resolve().parents[1]
REAL_CSV = REPO / "pipeline" / "sample" / "data" / "real_ai_deals_2024_2025q1.csv"
GENERATED = ("cn_export", "crunchbase", "unicorns", "reference")


def _files(raw: Path) -> dict[str, str]:
    out = {}
    for sub in GENERATED:
        for p in sorted((raw / sub).rglob("*.csv")):
            out[str(p.relative_to(raw))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _read_raw(path: Path) -> tuple[list[str], list[list[str]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """The calibrated sample (seed 42, scale 1), generated afresh."""
    base = tmp_path_factory.mktemp("sample")
    raw, truth = base / "raw", base / "sample_truth"
    summary = generate.run(raw, truth, seed=42, scale=1.0)
    return dict(raw=raw, truth=truth, summary=summary, events=_read(truth / "events.csv"),
                records=_read(truth / "records.csv"), companies=_read(truth / "companies.csv"))


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a, b, c = tmp_path / "a" / "raw", tmp_path / "b" / "raw", tmp_path / "c" / "raw"
    generate.run(a, tmp_path / "a" / "truth", seed=7, scale=0.2)
    generate.run(b, tmp_path / "b" / "truth", seed=7, scale=0.2)
    generate.run(c, tmp_path / "c" / "truth", seed=8, scale=0.2)
    fa, fb, fc = _files(a), _files(b), _files(c)
    assert fa == fb
    for name in ("events.csv", "records.csv", "companies.csv"):
        assert (tmp_path / "a" / "truth" / name).read_bytes() == (tmp_path / "b" / "truth" / name).read_bytes()
    assert fa.keys() == fc.keys()
    assert fa["crunchbase/funding_rounds.csv"] != fc["crunchbase/funding_rounds.csv"]


def test_shipped_sample_is_what_the_generator_writes(sample):
    shipped = REPO / "raw"
    if not (shipped / "cn_export").exists():
        pytest.skip("no shipped sample in raw/")
    assert _files(shipped) == _files(sample["raw"]), "raw/ is stale: python -m pipeline.sample --out raw --seed 42"
    for name in ("events.csv", "records.csv", "companies.csv"):
        assert (REPO / "sample_truth" / name).read_bytes() == (sample["truth"] / name).read_bytes()


def test_layout_formats_and_size(sample):
    raw = sample["raw"]
    names = set(_files(raw))
    assert {"crunchbase/organizations.csv", "crunchbase/funding_rounds.csv", "crunchbase/funding_rounds_2025q1.csv",
            "crunchbase/investments.csv", "unicorns/cb_insights_unicorns.csv", "reference/fx_rates.csv"} <= names
    assert len([n for n in names if n.startswith("cn_export/")]) >= 6
    assert (raw / "manual" / "README.md").exists()
    for p in (raw / "cn_export").glob("*.csv"):
        header, rows = _read_raw(p)
        assert header == CN_HEADER, p
        assert all(len(r) == 20 for r in rows)
        assert b"\r\n" in p.read_bytes()[:4000]
    total = sum(p.stat().st_size for p in raw.rglob("*") if p.is_file())
    assert total < 10 * 1024 * 1024
    from pipeline.ingest.fx import ecb_monthly_rates

    fx = _read(raw / "reference" / "fx_rates.csv")
    assert len(fx) == len(ecb_monthly_rates("2022-01", "2025-12"))
    assert {"2022-01", "2025-12"} <= {r["month"] for r in fx}


def test_gb18030_file_is_gb18030_not_utf8(sample):
    data = (sample["raw"] / GB_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gb18030")
    assert text.split("\r\n", 1)[0].split(",") == CN_HEADER
    others = [p for p in (sample["raw"] / "cn_export").glob("*.csv") if p.name != Path(GB_FILE).name]
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in others)


def test_truth_and_raw_agree(sample):
    _agree(sample["raw"], sample["records"], sample["events"], sample["companies"])


def test_scale_long_tail_agrees_with_truth(tmp_path):
    raw, truth = tmp_path / "raw", tmp_path / "raw_truth"
    summary = generate.run(raw, truth, seed=3, scale=3)
    assert "long tail" in summary
    recs, evs, cos = _read(truth / "records.csv"), _read(truth / "events.csv"), _read(truth / "companies.csv")
    _agree(raw, recs, evs, cos)
    assert len(_read(raw / "crunchbase" / "funding_rounds.csv")) + len(_read(raw / "crunchbase" / "funding_rounds_2025q1.csv")) > 6000
    assert len({c["company_key"] for c in cos}) == len(cos)
    assert len({e["event_id"] for e in evs}) == len(evs)


def _agree(raw: Path, records: list[dict], events: list[dict], companies: list[dict]) -> None:
    keys = {c["company_key"] for c in companies}
    assert all(e["company_key"] in keys for e in events)
    by_file = defaultdict(list)
    for r in records:
        by_file[r["source_file"]].append(r)
    data_files = [n for n in _files(raw) if n.startswith(("cn_export/", "crunchbase/funding_rounds", "unicorns/"))]
    assert sorted(by_file) == sorted(data_files)
    for name in data_files:
        _, rows = _read_raw(raw / name)
        recs = by_file[name]
        assert len(rows) == len(recs), name
        assert sorted(int(r["source_row"]) for r in recs) == list(range(2, len(rows) + 2))
        if name.startswith("crunchbase/"):
            uuids = {row[0]: row for row in rows}
            assert all(r["record_key"] in uuids for r in recs)
    ids = {e["event_id"] for e in events}
    n_records = defaultdict(int)
    for r in records:
        if r["event_id"]:
            assert r["event_id"] in ids
            assert r["is_bad"] == "false"
            n_records[r["event_id"]] += 1
        if r["is_bad"] == "true":
            assert r["event_id"] == "" and r["bad_reason"] in BAD_KINDS
    for e in events:
        assert n_records[e["event_id"]] == int(e["record_count"]) >= 1, e["event_id"]


def test_bad_rows_of_each_kind(sample):
    kinds = defaultdict(int)
    for r in sample["records"]:
        if r["is_bad"] == "true":
            kinds[r["bad_reason"]] += 1
    assert set(kinds) == set(BAD_KINDS)
    assert sum(kinds.values()) <= 30


def test_every_real_deal_is_present(sample):
    from pipeline.ingest.fx import ecb_monthly_rates

    rate = {(m, c): r for m, c, r in ecb_monthly_rates("2022-01", "2025-12")}
    real = [e for e in sample["events"] if e["is_real_deal"] == "true"]
    with open(REAL_CSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(real) == len(rows)
    for row in rows:
        m = [e for e in real if e["announced_date"] == row["announced_on"]
             and row["company_name"] in (e["company_name"], *sample_names(sample, e["company_key"]))]
        assert len(m) == 1, row
        true = float(row["amount"]) * rate[(row["announced_on"][:7], row["currency"])]
        assert abs(float(m[0]["true_amount_cny"]) - true) < 1, row
        assert abs(float(m[0]["amount_cny"]) - true) / true < 0.001, row  # fuzzy forms chosen to give the real amount
        assert m[0]["segment"] == row["segment"] and m[0]["sub_segment"] == row["sub_segment"]
    # Chinese companies carry their Chinese name in Crunchbase; US mega deals are also in cn_export
    cos = {c["company_key"]: c for c in sample["companies"]}
    assert "月之暗面" in cos["moonshot_ai"]["aliases"]
    assert "cn_export" in next(e for e in real if e["company_name"] == "OpenAI")["sources"]


def sample_names(sample, key):
    c = next(c for c in sample["companies"] if c["company_key"] == key)
    return c["aliases"].split("|")


def test_texts_classify_to_the_truth(sample):
    """Every company's cn_export and Crunchbase texts classify (vocab.classify) to its truth."""
    raw = sample["raw"]
    cos = {c["company_key"]: c for c in sample["companies"]}
    seen = set()
    for p in sorted((raw / "cn_export").glob("*.csv")):
        _, rows = _read_raw(p)
        recs = [r for r in sample["records"] if r["source_file"] == str(p.relative_to(raw))]
        for row, rec in zip(rows, sorted(recs, key=lambda r: int(r["source_row"]))):
            if not row[0] or rec["company_key"] in seen:
                continue
            seen.add(rec["company_key"])
            _check(vocab.classify(f"{row[6]} {row[7]} {row[15]}"), cos[rec["company_key"]], row)
    _, orgs = _read_raw(raw / "crunchbase" / "organizations.csv")
    by_uuid = {c["cb_uuid"]: c for c in sample["companies"] if c["cb_uuid"]}
    for row in orgs:
        _check(vocab.classify(f"{row[7]} {row[6]}"), by_uuid[row[0]], row)
        _check(vocab.classify(f"{row[7]} {row[8]} {row[6]}"), by_uuid[row[0]], row)
    assert len(seen) > 1000 and len(orgs) > 3000
    ai = [c for c in sample["companies"] if c["is_ai"] == "true"]
    assert {c["sub_segment"] for c in ai} == set(vocab.ALL_SUBS)


def _check(got: vocab.Classification, truth: dict, row) -> None:
    if truth["is_ai"] == "false":
        assert not got.is_ai, row
    else:
        assert (got.segment, got.sub_segment, got.ambiguous) == (truth["segment"], truth["sub_segment"], False), row


_CN_AMOUNT = re.compile(r"^(?P<q>数十万|数百万|数千万|数十亿|数亿|近亿|超亿|亿元及以上|近\d+亿|超\d+亿|\d+亿以上|[\d.]+[万亿]?)"
                        r"(?P<c>人民币|美元|欧元|港元|英镑|日元|元)$")
_CCY = {"人民币": "CNY", "元": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "英镑": "GBP", "日元": "JPY"}


def parse_cn_amount(text: str) -> tuple[float | None, str, str]:
    """(amount in currency units, currency, status) by the rules of raw-sources.md."""
    if text == "未透露":
        return None, "", "undisclosed"
    m = _CN_AMOUNT.match(text)
    assert m, text
    q, ccy = m.group("q"), _CCY[m.group("c")]
    if q[0].isdigit() and not q.endswith("以上"):
        mult = 1e8 if q.endswith("亿") else (1e4 if q.endswith("万") else 1)
        return float(q.rstrip("万亿")) * mult, ccy, "exact"
    return vocab.fuzzy_value(q), ccy, "estimated"


def parse_cn_date(text: str) -> dt.date:
    for pat in (r"(\d{4})-(\d{1,2})-(\d{1,2})$", r"(\d{4})/(\d{1,2})/(\d{1,2})$", r"(\d{4})\.(\d{2})\.(\d{2})$",
                r"(\d{4})年(\d{1,2})月(\d{1,2})日$", r"(\d{4})-(\d{2})()$"):
        m = re.match(pat, text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    raise ValueError(text)


def test_truth_follows_the_rules(sample):
    """The truth of each event is what its records give under the rules of raw-sources.md and the
    pipeline's seed source_priority (cn_export first for Greater-China companies, crunchbase first
    elsewhere): amount_cny / amount_status from the best record (exact > estimated > undisclosed,
    ties by priority), announced_date from the record naming the day (then priority), stage from a
    known round type (then priority); and the records of one event are dedup-compatible (dates
    within 30 days, exact amounts within 1.5x)."""
    from pipeline.ingest.fx import ecb_monthly_rates

    raw = sample["raw"]
    rate = {(m, c): float(f"{r:.6f}") for m, c, r in ecb_monthly_rates("2022-01", "2025-12")}
    parsed = defaultdict(list)  # event -> [(source, date, cny, status)]
    rec_by_row = {(r["source_file"], r["source_row"]): r for r in sample["records"]}
    for p in sorted((raw / "cn_export").glob("*.csv")):
        name = str(p.relative_to(raw))
        _, rows = _read_raw(p)
        for i, row in enumerate(rows, start=2):
            rec = rec_by_row[(name, str(i))]
            if not rec["event_id"]:
                continue
            d = parse_cn_date(row[8])
            q, ccy, st = parse_cn_amount(row[10])
            cny = None if q is None else q * rate[(f"{d:%Y-%m}", ccy)]
            parsed[rec["event_id"]].append(("cn_export", d, cny, st, row[9]))
    for name in ("crunchbase/funding_rounds.csv", "crunchbase/funding_rounds_2025q1.csv"):
        for i, row in enumerate(_read(raw / name), start=2):
            rec = rec_by_row[(name, str(i))]
            if not rec["event_id"]:
                continue
            d = dt.date.fromisoformat(row["announced_on"])
            cny = float(row["raised_amount"]) * rate[(f"{d:%Y-%m}", row["raised_amount_currency_code"])] \
                if row["raised_amount"] else None
            parsed[rec["event_id"]].append(("crunchbase", d, cny, "exact" if cny is not None else "undisclosed",
                                            row["investment_type"]))
    rank = {"exact": 2, "estimated": 1, "undisclosed": 0}
    unknown = ("不明确", "series_unknown", "undisclosed")
    n_multi = n_cross = 0
    for e in sample["events"]:
        recs = parsed[e["event_id"]]
        # seed source_priority: cn_export first for Greater China, crunchbase first elsewhere
        gc = e["country_code"] in ("CN", "HK", "MO", "TW")
        prio = {"cn_export": 0 if gc else 1, "crunchbase": 1 if gc else 0}
        surv = min(recs, key=lambda r: (-rank[r[3]], prio[r[0]]))
        assert e["amount_status"] == surv[3], (e, recs)
        if surv[2] is not None:
            assert abs(surv[2] - float(e["amount_cny"])) <= 0.01 + 1e-9 * surv[2], (e, recs)
        dated = min(recs, key=lambda r: prio[r[0]])
        assert dated[1].isoformat() == e["announced_date"], (e, recs)
        rnd = min(recs, key=lambda r: (r[4] in unknown, prio[r[0]]))
        stage = (vocab.STAGE_OF_CN if rnd[0] == "cn_export" else vocab.STAGE_OF_CB)[rnd[4]]
        assert stage == e["stage_group"] and rnd[4] == e["round_type"], (e, recs)
        if len({r[0] for r in recs}) > 1:
            n_cross += 1
            dates = [r[1] for r in recs]
            assert (max(dates) - min(dates)).days <= 30, (e, recs)
            ex = [r[2] for r in recs if r[3] == "exact"]
            if len(ex) > 1:
                assert max(ex) / min(ex) <= 1.5, (e, recs)
        n_multi += len(recs) > 1
    assert n_cross > 400 and n_multi > 1000


def test_calibration_table(sample):
    s = sample["summary"]
    assert "R1 " in s and "R23" in s
    line = next(x for x in s.splitlines() if x.startswith("R1 "))
    value = float(line.split()[-3])
    assert abs(value - 5995.2) < 30
