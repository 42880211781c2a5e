"""Regions page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/regions", title="Regions · EU Cluster & Region Observatory", name="Regions")


def layout(**_query):
    return planned_page("Regions", 'Find a region and read its profile against its country, the EU27 and similar regions.', ['a searchable picker of every NUTS 0, 1 and 2 region', 'headline indicators with country and EU27 values, ranks and flags', 'time series, a normalised profile (radar and bars), specialisation by ecosystem and NACE division, similar regions'])
