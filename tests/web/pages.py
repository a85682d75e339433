"""The key pages that the CSP checks visit, in the test client and in the browser (issue 12)."""

KEY_PAGES = [
    "/",
    "/?programma=manifest16",
    "/gebieden/zaandam-oost/",
    "/gebieden/zaandam-oost/?indicator=rivm_positief_per_100k",
    "/wijken/WK047912/",
    "/vergelijk/?gebieden=zaandam-oost&gebieden=utrecht-overvecht",
    "/signalen/?gebied=zaandam-oost",
    "/praktijken/?q=gezondheid",
    "/inloggen/",
    "/api/v1/docs/",
]
