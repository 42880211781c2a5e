"""Rankings page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/rankings", title="Rankings · EU Cluster & Region Observatory", name="Rankings")


def layout(**_query):
    return planned_page("Rankings", 'Rank regions on any indicator or on a transparent composite with your own weights.', ['ranked bars and a sortable table, recomputed on every filter', 'a composite indicator builder with normalisation and aggregation choices', 'rank sensitivity under random perturbations of the weights'])
