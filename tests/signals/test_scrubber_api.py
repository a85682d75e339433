"""The scrubber as a whole (signals/scrubber/api.py, `scrub`): a labelled corpus, a held-out
batch, and how findings are resolved and redacted.

The corpus (scrubber_corpus.toml) was written before the implementation. Scoring is per case and
kind: a kind found in a case is a true positive when the case expects it, a false positive when
it does not; an expected kind that is not found is a false negative.
"""

import itertools
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ruggensteun.signals.scrubber import KINDS, normalise, scrub

CORPUS_PATH = Path(__file__).with_name("scrubber_corpus.toml")
HELDOUT_PATH = Path(__file__).with_name("scrubber_heldout.toml")
HARD_KINDS = ("bsn", "telefoon", "email", "iban")  # none of these may get through
MIN_OVERALL_PRECISION = 0.9
MIN_NAME_RECALL = 0.85


def load_corpus(path: Path = CORPUS_PATH) -> list[dict[str, Any]]:
    with path.open("rb") as handle:
        cases: list[dict[str, Any]] = tomllib.load(handle)["case"]
    return cases


CORPUS = load_corpus()
HELDOUT = load_corpus(HELDOUT_PATH)


def compact(text: str) -> str:
    """Text without spaces and the usual separators, to compare digits and addresses."""
    return re.sub(r"[\s.\-/()+,]", "", text).lower()


# --------------------------------------------------------------------------- corpus


def score(cases: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    for case in cases:
        found = {f.kind for f in scrub(case["text"]).findings}
        expected = set(case["expected"])
        for kind in KINDS:
            if kind in found and kind in expected:
                counts[kind]["tp"] += 1
            elif kind in found:
                counts[kind]["fp"] += 1
            elif kind in expected:
                counts[kind]["fn"] += 1
    counts["totaal"] = {key: sum(counts[kind][key] for kind in KINDS) for key in ("tp", "fp", "fn")}
    return counts


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def precision(row: dict[str, int]) -> float:
    return ratio(row["tp"], row["tp"] + row["fp"])


def recall(row: dict[str, int]) -> float:
    return ratio(row["tp"], row["tp"] + row["fn"])


def table(counts: dict[str, dict[str, int]]) -> str:
    lines = [f"{'soort':<10}{'TP':>5}{'FP':>5}{'FN':>5}{'precisie':>10}{'recall':>8}"]
    for kind, row in counts.items():
        lines.append(
            f"{kind:<10}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}"
            f"{precision(row):>10.2f}{recall(row):>8.2f}"
        )
    return "\n".join(lines)


def test_corpus_is_well_formed() -> None:
    assert len(CORPUS) >= 50
    assert len({case["id"] for case in CORPUS}) == len(CORPUS)
    for case in CORPUS:
        assert set(case["expected"]) <= set(KINDS), case["id"]
        if set(case["expected"]) & set(HARD_KINDS):
            assert case.get("pii"), f"{case['id']}: list the personal data under pii"
    for kind in KINDS:
        assert any(kind in case["expected"] for case in CORPUS + HELDOUT), kind
    assert sum(1 for case in CORPUS if not case["expected"]) >= 20


def test_corpus_precision_and_recall(record_property: Any) -> None:
    counts = score(CORPUS)
    report = table(counts)
    print(f"\nScrubber op {len(CORPUS)} signalen (per signaal en soort):\n{report}")
    record_property("scrubber_precision_recall", report)
    for kind in HARD_KINDS:
        assert recall(counts[kind]) == 1.0, f"{kind} slipped through\n{report}"
    assert precision(counts["totaal"]) >= MIN_OVERALL_PRECISION, report
    assert recall(counts["naam"]) >= MIN_NAME_RECALL, report


@pytest.mark.parametrize("case", [c for c in CORPUS if c.get("pii")], ids=lambda c: c["id"])
def test_corpus_personal_data_is_gone_from_redacted_text(case: dict[str, Any]) -> None:
    redacted = scrub(case["text"]).redacted
    for fragment in case["pii"]:
        assert fragment not in redacted
        assert compact(fragment) not in compact(redacted), (fragment, redacted)


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c["id"])
def test_corpus_explanation_never_repeats_the_data(case: dict[str, Any]) -> None:
    result = scrub(case["text"])
    for finding in result.findings:
        assert finding.text not in result.explanation
    for fragment in case.get("pii", []):
        assert fragment not in result.explanation


# --------------------------------------------------------------------------- held-out batch


def test_heldout_batch_is_well_formed() -> None:
    assert len(HELDOUT) >= 45
    assert not {case["id"] for case in HELDOUT} & {case["id"] for case in CORPUS}
    for case in HELDOUT:
        assert set(case["expected"]) <= set(KINDS), case["id"]
    assert sum(1 for case in HELDOUT if not case["expected"]) >= 15


@pytest.mark.issue(12)
def test_heldout_batch_precision_and_recall(record_property: Any) -> None:
    """Written before normalisation and the new patterns (see the commit history): every kind
    is found in every held-out case and nothing is flagged in the ordinary texts."""
    counts = score(HELDOUT)
    report = table(counts)
    print(f"\nScrubber op {len(HELDOUT)} achtergehouden signalen:\n{report}")
    record_property("scrubber_heldout_precision_recall", report)
    assert recall(counts["totaal"]) == 1.0, report
    assert precision(counts["totaal"]) == 1.0, report


@pytest.mark.issue(12)
@pytest.mark.parametrize("case", [c for c in HELDOUT if c.get("pii")], ids=lambda c: c["id"])
def test_heldout_personal_data_is_gone_from_redacted_text(case: dict[str, Any]) -> None:
    redacted = scrub(case["text"]).redacted
    for fragment in case["pii"]:
        assert compact(normalise(fragment)) not in compact(redacted), (fragment, redacted)
        digits = re.sub(r"\D", "", normalise(fragment))
        if len(digits) >= 4:
            assert digits not in re.sub(r"\D", "", redacted), (fragment, redacted)


# --------------------------------------------------------------------------- redaction


def test_redaction_offsets_with_several_findings() -> None:
    text = (
        "Mevrouw Bakker (BSN 111222333) woont op de Dorpsstraat 12, bel 06-12345678 "
        "of mail m.bakker@example.nl; rekening NL91 ABNA 0417 1643 00."
    )
    result = scrub(text)
    assert [f.kind for f in result.findings] == [
        "naam",
        "bsn",
        "adres",
        "telefoon",
        "email",
        "iban",
    ]
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
    assert [f.text for f in result.findings] == [
        "Bakker",
        "111222333",
        "Dorpsstraat 12",
        "06-12345678",
        "m.bakker@example.nl",
        "NL91 ABNA 0417 1643 00",
    ]
    assert result.redacted == (
        "Mevrouw [naam verwijderd] (BSN [BSN verwijderd]) woont op de [adres verwijderd], "
        "bel [telefoonnummer verwijderd] of mail [e-mailadres verwijderd]; "
        "rekening [IBAN verwijderd]."
    )


def test_findings_do_not_overlap_and_are_sorted() -> None:
    text = "Jan de Vries, Dorpsstraat 12, 1234 AB Zaandam, tel. 075-1234567 en Fatima El Amrani."
    findings = scrub(text).findings
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start


def test_clean_text_is_returned_unchanged() -> None:
    text = "In 2024 zagen we 12 jongeren rond het Rosmolenplein; 18,5% meer dan in 2023."
    result = scrub(text)
    assert result.clean
    assert result.findings == []
    assert result.redacted == text
