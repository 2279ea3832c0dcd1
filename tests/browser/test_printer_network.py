"""The browser that prints the checklist PDFs during `mkdocs build` talks to no one but the local
server it prints from: Chromium's own NetLog of a printing run holds no DNS query and no
connection to any address but the loopback (it once looked up ~170 Google service hosts)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from wakesite import pdf
from wakesite.checklists import sheet


def network_of(netlog: dict) -> dict[str, set[str]]:
    """What a NetLog shows the browser doing on the network: names looked up in DNS, TCP
    connections (remote addresses), UDP datagrams sent, origins requested."""
    types = {number: name for name, number in netlog["constants"]["logEventTypes"].items()}
    found: dict[str, set[str]] = {"dns": set(), "tcp": set(), "udp sent": set(), "requested": set()}
    for event in netlog["events"]:
        kind, params = types.get(event["type"]), event.get("params", {})
        if kind == "DNS_TRANSACTION" and "hostname" in params:
            found["dns"].add(params["hostname"])
        if kind in ("TCP_CONNECT_ATTEMPT", "TCP_CONNECT") and "address" in params:
            found["tcp"].add(params["address"].rsplit(":", 1)[0].strip("[]"))
        if kind == "UDP_BYTES_SENT":
            found["udp sent"].add(str(params.get("address", "?")))
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            found["requested"].add(params["url"].split("/", 3)[2] if "://" in params["url"] else params["url"])
    return found


def test_printing_the_pdfs_contacts_no_host_but_the_local_server(built_site, tmp_path):
    jobs = [dataclasses.replace(sheet(built_site, "pre-post", lang), output=tmp_path / f"{lang}.pdf") for lang in ("ja", "en")]
    run = pdf.make_blank_pdfs(built_site, jobs, netlog=tmp_path / "netlog.json")
    assert run.printed == 2 and all(job.output.read_bytes().startswith(b"%PDF") for job in jobs)
    found = network_of(json.loads((tmp_path / "netlog.json").read_text(encoding="utf-8")))
    assert any(origin.startswith("127.0.0.1:") for origin in found["requested"])  # the log saw the printing
    # Chromium still *tries* a few Google hosts; none can be looked up (chromium.ARGS), so nothing
    # leaves the machine: no DNS query, no TCP connection but to the loopback, no UDP datagram.
    # (A UDP socket "connected" to 2001:4860:4860::8888 without sending is Chromium asking the
    # kernel whether IPv6 has a route; it carries no packet.)
    assert found["dns"] == set(), found
    assert found["tcp"] <= {"127.0.0.1"}, found
    assert found["udp sent"] == set(), found


def test_a_sheet_that_asks_for_another_host_fails_the_printing(tmp_path):
    """A value that became an image or a script from elsewhere (escaping gone wrong) would make
    the printer ask for it: nothing is fetched (no name is resolved but the loopback's), and the
    build stops, naming the address."""
    page = tmp_path / "site" / "sheet" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!doctype html><html lang="ja"><title>sheet</title><img src="http://1.1.1.1/tracker.png" alt="">'
                    '<img src="https://example.com/x.png" alt=""><p id="ready">紙</p></html>', encoding="utf-8")
    job = pdf.PdfPage(url_path="sheet/", output=tmp_path / "sheet.pdf", ready="#ready")
    with pytest.raises(pdf.PdfError, match=r"outside the built site .*http://1\.1\.1\.1/tracker\.png"):
        pdf.make_blank_pdfs(tmp_path / "site", [job])
