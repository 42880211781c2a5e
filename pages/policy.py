"""Policy page (planned): says what it will hold until it is built."""
import dash

from components.planned import planned_page

dash.register_page(__name__, path="/policy", title="Policy · EU Cluster & Region Observatory", name="Policy")


def layout(**_query):
    return planned_page("Policy", 'The policy side of the seed documents.', ["the pilot regions' recommendations matrix", 'SWOT and action plans of Hauts-de-France, Centre-Val de Loire and Auvergne-Rhône-Alpes', "France's cluster policy state of play"])
