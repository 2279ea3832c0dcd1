"""The README's first command, run exactly as written: `python3 scripts/serve.py` serves the site
at http://127.0.0.1:8000/ (and with WAKESITE_ENGINE=properdocs, by ProperDocs). The test reads the
server's log until it says it serves, fetches a page, and stops the server and its children."""
from __future__ import annotations

import os
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ADDRESS = "http://127.0.0.1:8000/"


def serve_until_ready(command: str, env: dict) -> tuple[subprocess.Popen, list[str]]:
    """Start the command in a session of its own; return once its log says it serves (or it ended)."""
    process = subprocess.Popen(command, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    log = []
    for line in process.stdout:  # blocks on the server's own output: no sleep, no polling
        log.append(line)
        if "Serving on" in line:
            break
    return process, log


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.stdout.close()


@pytest.mark.parametrize("command", ["python3 scripts/serve.py", "WAKESITE_ENGINE=properdocs python3 scripts/serve.py"])
def test_the_readme_serve_command_serves_the_site(command):
    assert command in README  # the command as the README shows it
    env = {k: v for k, v in os.environ.items() if k not in ("WAKESITE_ENGINE", "PYTEST_XDIST_WORKER")}
    process, log = serve_until_ready(command, env)
    try:
        assert process.poll() is None, f"{command} ended ({process.returncode}):\n{''.join(log)}"
        assert f"Serving on {ADDRESS}" in "".join(log), "".join(log)
        with urllib.request.urlopen(ADDRESS + "policy/", timeout=60) as response:
            page = response.read().decode("utf-8")
        assert "和気町ソーシャルメディア運用方針" in page
        with urllib.request.urlopen(ADDRESS + "staff/", timeout=60) as response:
            assert "決裁を省略できますか" in response.read().decode("utf-8")
    finally:
        stop(process)
