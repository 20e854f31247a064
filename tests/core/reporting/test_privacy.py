"""No output holds a figure for a group under 10 or text that looks like personal data."""

from __future__ import annotations

import subprocess
import zipfile

import pandas as pd
import pyreadstat

from maatmonitor.core import codes
from maatmonitor.core.stories.pii_patterns import find_structured
from tests.core.reporting.conftest import needs


def _texts(outputs):
    yield "html", outputs.national["html"].read_text(encoding="utf-8")
    yield "district html", outputs.district["html"].read_text(encoding="utf-8")
    needs("pdftotext")
    for name in ("national", "district"):
        pdf = getattr(outputs, name)["pdf"]
        yield (
            f"{name} pdf",
            subprocess.run(
                ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout,
        )
    for name in ("national", "district"):
        with zipfile.ZipFile(getattr(outputs, name)["pptx"]) as z:
            yield (
                f"{name} pptx",
                " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")),
            )
    for sheet, table in pd.read_excel(outputs.national["xlsx"], sheet_name=None).items():
        yield f"xlsx {sheet}", table.to_csv(index=False)
    for key in ("data_client_csv", "data_employer_csv"):
        yield key, outputs.national[key].read_text(encoding="utf-8")


DISTRICT_NAMES = tuple(d.nl for d in codes.DISTRICTS)


def _district_count(match: str) -> bool:
    """'Amsterdam 854' in a table (district, then a count) is not a street and house number."""
    return match.startswith(DISTRICT_NAMES) and match.split()[-1].isdigit()


def test_no_output_contains_personal_data(outputs):
    for name, text in _texts(outputs):
        # pptx/xml and svg hold long digit runs (coordinates); check human-readable text only
        plain = (
            text
            if "pptx" not in name
            else " | ".join(part.split("</a:t>")[0] for part in text.split("<a:t>")[1:])
        )
        if name.endswith("html"):
            plain = " | ".join(
                seg.split("<")[0] for seg in plain.split(">") if not seg.startswith("data:")
            )
        hits = [s for s in find_structured(plain) if not _district_count(plain[s.start : s.end])]
        assert not hits, (name, [plain[h.start : h.end] for h in hits[:3]])
        assert "06-12345678" not in text
        assert "U008" not in text  # unit ids of the synthetic respondents


def test_no_figure_for_a_group_under_ten(outputs):
    for analysis in outputs.analyses:
        for e in analysis.domains:
            if not e.suppressed:
                assert e.n >= 10
    small = [e for e in outputs.current.analysis.domains if e.domain == (("district", "limburg"),)]
    assert small
    assert all(e.suppressed for e in small)
    for table in pd.read_excel(outputs.national["xlsx"], sheet_name=None).values():
        if "n" in table.columns:
            shown = pd.to_numeric(table["n"], errors="coerce").dropna()
            assert (shown >= 10).all()
    frame, _ = pyreadstat.read_sav(str(outputs.national["data_client_sav"]))
    for col in ("district", "stratum", "age_band", "outcome", "journey"):
        counts = frame[col][frame[col] != ""].value_counts()
        assert counts.empty or counts.min() >= 10, col
