"""Programmes page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/programmes", title="Programmes · EU Cluster & Region Observatory", name="Programmes")


def layout(**_query):
    return planned_page("Programmes", 'Who takes part in EU cluster programmes (ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1, Euroclusters).', ['participation by country, region and ecosystem, recomputed on every filter', 'coverage of this dataset against the official totals', 'the lists of partners and projects with their sources'])
