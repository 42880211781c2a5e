"""French spacing in the catalogue: a no-break space before : and % and inside « », a narrow one before ; ? !"""

import pytest
from babel.messages.pofile import read_po

import i18n
from translations import typography


def test_the_french_catalogue_spaces_its_signs_one_way():
    with typography.PO.open("rb") as f:
        catalogue = read_po(f, locale="fr")
    wrong = typography.problems(catalogue)
    assert wrong == [], f"{len(wrong)} French messages with a plain space or none before : ; ? ! % or inside « »: " + (
        "; ".join(repr(s) for _, s in wrong[:5])
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Source : {name}", "Source\u00a0: {name}"),
        ("{label}: {value} ; {other}", "{label}\u00a0: {value}\u202f; {other}"),
        ("Lesquelles ?", "Lesquelles\u202f?"),
        ("Attention!", "Attention\u202f!"),
        ("{share} % de l’emploi, 5-95%", "{share}\u00a0% de l’emploi, 5-95\u00a0%"),
        ("« {indicator} »", "«\u00a0{indicator}\u00a0»"),
        ("intervalle 5-95 %% : {low}", "intervalle 5-95\u00a0%%\u00a0: {low}"),
        # placeholders, hover templates and tags are left as they are
        ("%{x:,.0f}\u00a0€ (%{customdata[1]})<br>(%)", "%{x:,.0f}\u00a0€ (%{customdata[1]})<br>(%)"),
        ("PIB/hab. (% UE27), variation en % depuis", "PIB/hab. (% UE27), variation en % depuis"),
    ],
)
def test_normalise(text, expected):
    assert typography.normalise(text) == expected


def test_the_catalogue_spaces_percent_as_the_numbers_do():
    assert i18n.format_percent(12.5, "fr").endswith(typography.normalise("12,5 %")[-2:])
