"""Ecosystems page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/ecosystems", title="Ecosystems · EU Cluster & Region Observatory", name="Ecosystems")


def layout(**_query):
    return planned_page("Ecosystems", 'Read regions through the 14 industrial ecosystems.', ['country vs EU27 employment shares by ecosystem', 'a heatmap of location quotients, regions x ecosystems', 'regionally relevant agglomerations per region (LQ > 1.5 and at least 1% of employment)'])
