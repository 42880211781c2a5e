"""Compare page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/compare", title="Compare · EU Cluster & Region Observatory", name="Compare")


def layout(**_query):
    return planned_page("Compare", 'Compare up to eight regions side by side (by default the ten industrial-transition pilot regions).', ['a side-by-side table of values and ranks', 'normalised profiles as radar and bars with a peer-group average', 'a scatter of any two indicators with median quadrants'])
