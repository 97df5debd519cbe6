"""The catalogue of examples over HTTP (a real `pmg serve`, ``live_server``) and on the command line (`pmg examples`),
on the index of the real report: the "Done when" of issue 17, as a host would ask it."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.types import Citation
from tests.ui.conftest import make_settings
from ui.api import create_app

EXAMPLE_FIELDS = {"municipality", "theme", "intervention", "figures", "summary", "citation"}


def get(base: str, **params) -> httpx.Response:
    return httpx.get(f"{base}/api/examples", params=params, timeout=60)


def error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert set(response.json()) == {"error"}
    return response.json()["error"]["message"]


def test_tilburg_through_the_api(live_server):
    body = get(live_server, municipality="Tilburg").json()
    assert set(body) == {"examples", "municipalities", "themes", "message"}
    assert body["examples"] and all(EXAMPLE_FIELDS <= set(e) for e in body["examples"])
    assert all(set(e["citation"]) == set(Citation.model_fields) for e in body["examples"])
    assert all("Tilburg" in e["citation"]["quote"] and e["municipality"] == "Tilburg" for e in body["examples"])
    families = [e for e in body["examples"] if "25 gezinnen" in e["figures"]]
    assert len(families) == 1 and families[0]["citation"]["source"] == "rapportage-preventie-met-gezag-2024.txt"
    assert body["municipalities"]["Tilburg"] == len(body["examples"]) and body["municipalities"]["Amsterdam"] >= 2


def test_maastricht_gives_none_and_a_message(live_server):
    body = get(live_server, municipality="maastricht").json()
    assert body["examples"] == [] and body["message"] == "Geen voorbeelden voor Maastricht in de documenten."


def test_onderwijs_gives_only_onderwijs(live_server):
    body = get(live_server, theme="onderwijs").json()
    assert body["examples"] and {e["theme"] for e in body["examples"]} == {"onderwijs"}
    assert ("Nieuwegein", "Halt-spreekuur") in {(e["municipality"], e["intervention"]) for e in body["examples"]}
    assert body["themes"]["onderwijs"] == len(body["examples"])


def test_the_selection_exports_as_csv_and_markdown(live_server):
    response = get(live_server, municipality="Den Haag", format="csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "voorbeelden.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["gemeente"] for r in rows} == {"Den Haag"}
    assert any("32 jongeren" in r["cijfers"] for r in rows) and all(r["citaat"] for r in rows)
    md = get(live_server, municipality="Den Haag", format="markdown").text
    assert md.startswith("# Voorbeelden") and "## Den Haag" in md and "[1] Rapportage Preventie met Gezag" in md


@pytest.mark.parametrize(("params", "status", "says"), [
    ({"municipality": "Gotham"}, 422, "'Gotham' is geen gemeente"),
    ({"theme": "sport"}, 422, "Onbekend thema 'sport'"),
    ({"q": "x" * 201}, 422, "te lang"),
    ({"format": "xml"}, 422, "'format'"),
    ({"municipality": "\x00"}, 422, "ongeldig teken"),
])
def test_bad_input_is_a_4xx_with_a_message(live_server, params, status, says):
    assert says in error(get(live_server, **params), status)


def test_the_api_key_rules_of_every_api_route(ui_index, ui_assistant):
    settings = make_settings(ui_index.index_dir, api_key="k-123")
    with TestClient(create_app(settings, ui_assistant, ui=False)) as client:
        assert client.get("/api/examples").status_code == 401
        assert client.get("/api/examples", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = client.get("/api/examples", params={"municipality": "Tilburg"}, headers={"Authorization": "Bearer k-123"})
        assert ok.status_code == 200 and ok.json()["examples"]


# --- pmg examples -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pmg(run_pmg, ui_index):
    return lambda *args: run_pmg("examples", *args, env={"PMG_INDEX_DIR": str(ui_index.index_dir)})


def test_cli_matches_the_api(pmg, live_server):
    done = pmg("--json", "--municipality", "Tilburg")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == get(live_server, municipality="Tilburg").json()
    text = pmg("--municipality", "Tilburg").stdout
    assert text.splitlines()[0] == f"{len(json.loads(done.stdout)['examples'])} voorbeelden voor Tilburg."
    assert "25 gezinnen; nog 14 in intensieve begeleiding" in text


def test_cli_theme_and_empty_and_errors(pmg):
    onderwijs = json.loads(pmg("--json", "--theme", "onderwijs").stdout)
    assert {e["theme"] for e in onderwijs["examples"]} == {"onderwijs"}
    none = pmg("--municipality", "Maastricht")
    assert none.returncode == 0 and none.stdout.strip() == "Geen voorbeelden voor Maastricht in de documenten."
    bad = pmg("--municipality", "Gotham")
    assert bad.returncode == 1 and bad.stderr.startswith("pmg: 'Gotham' is geen gemeente") and "Traceback" not in bad.stderr
    exported = pmg("--theme", "werk", "--export", "csv").stdout
    assert {r["thema"] for r in csv.DictReader(io.StringIO(exported))} == {"werk en inkomen"}
