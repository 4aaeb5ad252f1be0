"""`coursesite serve` re-renders a page when its transcript is edited, without a restart."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import srt

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serve_picks_up_an_edited_transcript(tree):
    root = tree({"transcripts/01-c/week-1/01-intro.en.srt": srt((0, 2, "The first version of this sentence."))})
    port = free_port()
    url = f"http://127.0.0.1:{port}/courses/c/week-1/intro/"
    server = subprocess.Popen(
        [sys.executable, "-m", "coursesite.cli", "serve", "--root", str(root), "--address", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert wait_for(lambda: "The first version" in fetch(url), 60), "serve did not start"
        (root / "transcripts/01-c/week-1/01-intro.en.srt").write_bytes(srt((0, 2, "An edited sentence appears.")))
        started = time.monotonic()
        assert wait_for(lambda: "An edited sentence appears." in fetch(url), 30), "edit was not picked up"
        print(f"re-rendered {time.monotonic() - started:.1f} s after the edit")
    finally:
        server.terminate()
        server.wait(timeout=10)
