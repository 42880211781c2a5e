import cProfile, pstats, os, time, warnings
os.environ["CACHE_TYPE"]="NullCache"; warnings.simplefilter("ignore")
from app import create_app
from benchmarks.harness import call, payload
from benchmarks.callbacks_programmes import controls
app = create_app(); client = app.server.test_client()
sel = call(client, app, payload(app, "programmes-selection.data", controls({}))).get_json()["response"]["programmes-selection"]["data"]
body = payload(app, "programmes-coverage.children", {"programmes-selection.data": sel})
call(client, app, body)
pr = cProfile.Profile(); pr.enable()
for _ in range(2): call(client, app, body)
pr.disable()
st = pstats.Stats(pr); st.print_callees("country_outputs")
