from ruggensteun.areas.matching import Candidate, match_names, normalise, parse_listed_name

ZAANSTAD = [
    Candidate("WK047911", "Wijk 11 Zaandam Zuid"),
    Candidate("WK047912", "Wijk 12 Poelenburg"),
    Candidate("WK047913", "Wijk 13 Pelders- en Hoornseveld"),
]


def test_normalise_folds_case_diacritics_separators_and_wijk_prefix() -> None:
    assert normalise("Wijk 13 Pelders- en Hoornseveld") == "pelders en hoornseveld"
    assert normalise("Chassébuurt") == "chassebuurt"
    assert normalise("Jutphaas-Wijkersloot") == normalise("Jutphaas Wijkersloot")
    assert normalise("Wijk 04 Nieuw-krispijn") == normalise("Nieuw-Krispijn")


def test_a_qualifier_marks_a_partial_wijk() -> None:
    listed = parse_listed_name("Batau-Noord (east part)")
    assert (listed.name, listed.qualifier, listed.partial) == ("Batau-Noord", "east part", True)
    whole = parse_listed_name("Merwestein")
    assert (whole.name, whole.partial) == ("Merwestein", False)


def test_spelling_variants_match_within_the_municipality() -> None:
    report = match_names(["Poelenburg", "pelders-en hoornseveld", "Zaandam Zuid"], ZAANSTAD)
    assert [match.candidate.code for match in report.matched] == [
        "WK047912",
        "WK047913",
        "WK047911",
    ]
    assert report.unmatched == ()


def test_a_name_that_is_only_similar_is_reported_with_suggestions_not_matched() -> None:
    candidates = [Candidate("WK051833", "Wijk 33 Bouwlust en Vrederust"), *ZAANSTAD]
    report = match_names(["Bouwlust", "Kalverpolder"], candidates)
    assert report.matched == ()
    bouwlust, kalverpolder = report.unmatched
    assert bouwlust.suggestions == (Candidate("WK051833", "Wijk 33 Bouwlust en Vrederust"),)
    assert "Geen CBS-wijk" in bouwlust.reason
    assert kalverpolder.suggestions == ()


def test_two_wijken_with_the_same_name_are_ambiguous() -> None:
    candidates = [Candidate("WK000101", "Centrum"), Candidate("WK000102", "Wijk 02 Centrum")]
    report = match_names(["Centrum"], candidates)
    assert report.matched == ()
    assert "WK000101, WK000102" in report.unmatched[0].reason
