"""`python -m pipeline export` on a hand-made published file: figures and deals (and any --table)
as .xlsx or UTF-8-with-BOM CSV; text a spreadsheet would evaluate comes out as text, numbers stay
numbers; a missing file or table is named; the published file is only read."""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from pipeline.__main__ import main
from pipeline.export import ExportError, csv_cell, export
from tests.report_published_fixture import build_published_fixture

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parent.parent
HOSTILE = {  # deal_id → company name a spreadsheet would take for a formula
    "d0": '=HYPERLINK("http://x","y")',
    "d1": "+1+2",
    "d2": "-3+4",
    "d3": "@SUM(A1:A2)",
    "d4": "\t=1+1",
    "d5": "\r=1+1",
}


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    path = build_published_fixture(tmp_path / "warehouse" / "published.duckdb")
    with duckdb.connect(str(path)) as con:
        for deal_id, name in HOSTILE.items():
            con.execute("update fct_deals set company_name = ? where deal_id = ?", [name, deal_id])
        con.execute("update fct_deals set amount_original = -5 where deal_id = 'd6'")  # a negative number
        con.execute("comment on table fct_deals is 'One deduplicated financing event.'")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_cells_escape_formula_like_text_and_keep_numbers() -> None:
    assert [csv_cell(v) for v in ("=1", "+1", "-1", "@x", "\tx", "\rx")] == \
        ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx"]
    assert [csv_cell(v) for v in (-5, -2.5, 0, True, None, "a-b", "Ann = 1")] == \
        ["-5", "-2.5", "0", "true", "", "a-b", "Ann = 1"]


def test_csv_export_has_a_bom_chinese_names_and_neutralised_formulas(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    exported = export(published, out, "csv")
    assert [(e.table, e.path.name) for e in exported] == [
        ("mart_report_figures", "mart_report_figures.csv"), ("fct_deals", "fct_deals.csv")]
    deals_csv = out / "fct_deals.csv"
    assert deals_csv.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark, for Excel"
    deals = {row["deal_id"]: row for row in _csv_rows(deals_csv)}
    with duckdb.connect(str(published), read_only=True) as con:
        assert len(deals) == con.execute("select count(*) from fct_deals").fetchone()[0]
    for deal_id, name in HOSTILE.items():
        assert deals[deal_id]["company_name"] == "'" + name
    assert deals["d6"]["amount_original"] == "-5.0", "a negative number is a number, not escaped"
    assert deals["d9"]["company_name"] == "月之暗面"
    assert float(deals["d9"]["amount_cny"]) > 0
    figures = _csv_rows(out / "mart_report_figures.csv")
    assert [r["figure_id"] for r in figures][:4] == ["R1", "R2a", "R2b", "R3a"], "in report order"
    assert not list(out.glob(".*.tmp")), "no temporary files left behind"


def test_xlsx_export_writes_text_as_text_never_as_a_formula(published: Path, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    exported = export(published, tmp_path, "xlsx", ["dim_companies"])
    path = tmp_path / "ai_deals.xlsx"
    assert {e.path for e in exported} == {path}
    assert [e.table for e in exported] == ["mart_report_figures", "fct_deals", "dim_companies"]

    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["mart_report_figures", "fct_deals", "dim_companies", "about"]
    rows = workbook.get_sheet_by_name("fct_deals").to_python()
    header, body = rows[0], rows[1:]
    deals = {r[header.index("deal_id")]: dict(zip(header, r)) for r in body}
    for deal_id, name in HOSTILE.items():
        assert deals[deal_id]["company_name"] == name, "the text as it is (Excel's quote prefix is a style)"
    assert deals["d6"]["amount_original"] == -5.0 and isinstance(deals["d9"]["amount_cny"], float)
    assert deals["d9"]["company_name"] == "月之暗面"
    assert deals["d9"]["is_counted"] is True

    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in archive.read(n).decode() for n in sheets), "no cell is a formula"
        styles = archive.read("xl/styles.xml").decode()
    assert 'quotePrefix="1"' in styles, "formula-like text carries Excel's quote prefix"

    about = workbook.get_sheet_by_name("about").to_python()
    assert about[1][:2] == ["published file", str(published)]
    assert ["fct_deals", float(len(body)), "One deduplicated financing event."] in about


def test_a_missing_published_file_or_table_is_named(tmp_path: Path, published: Path, capsys) -> None:
    missing = tmp_path / "nowhere" / "published.duckdb"
    with pytest.raises(ExportError, match=re.escape(str(missing))):
        export(missing, tmp_path / "out", "csv")
    assert not (tmp_path / "nowhere").exists(), "nothing created where the file was looked for"
    assert main(["export", "--warehouse-dir", str(tmp_path / "nowhere"), "--format", "xlsx"]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and "python -m pipeline run" in err
    assert not (tmp_path / "nowhere").exists(), "no export dir made in a warehouse that is not there"
    with pytest.raises(ExportError, match="has no table no_such_table; its tables: .*fct_deals"):
        export(published, tmp_path / "out", "csv", ["no_such_table"])


def test_export_only_reads_the_published_file(published: Path, tmp_path: Path) -> None:
    """The CLI in another process while this one holds the file open read-only: a writer could not
    open it; and the file is byte for byte what it was."""
    before, mtime = _sha(published), published.stat().st_mtime_ns
    out = tmp_path / "out"
    with duckdb.connect(str(published), read_only=True):
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", "export", "--format", "csv", "--warehouse-dir",
             str(published.parent), "--table", "dim_companies", "--out", str(out)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["dim_companies.csv", "fct_deals.csv", "mart_report_figures.csv"]
    assert "fct_deals" in proc.stdout and str(out / "fct_deals.csv") in proc.stdout
    assert _sha(published) == before and published.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in published.parent.iterdir()) == ["published.duckdb"], "nothing written beside it"
