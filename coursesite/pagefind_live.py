"""Pagefind indexing while the site is being written: each page goes to Pagefind's service as it is made.

Run after the build (``pagefind --site``), indexing adds about a second to the benchmark corpus, while
MkDocs, which writes the pages one after the other on one core, leaves the second core idle. Pagefind's
``--service`` mode takes pages over a pipe, so they are indexed on that core while MkDocs renders the next.

The protocol is Pagefind's own (what its Python package speaks): requests and responses are base64 JSON
messages, each followed by a comma. The package's client waits 100 ms before reading each response (38 s
for the benchmark's 381 pages), so this is a plain synchronous client: the build thread writes requests,
one thread reads the responses. Pages are indexed in groups of at most ``group_size`` (memory: Pagefind
holds a group's whole index until it is written), each group by its own process into its own bundle.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path


class PagefindError(Exception):
    """Pagefind could not start, or refused a request; the message says why."""


class _Service:
    """One ``pagefind --service`` process: ``send`` a request, ``answer`` waits for its response."""

    def __init__(self, executable: str) -> None:
        self._next_id = 0
        self._responses: dict[int | None, dict] = {}
        self._ready = threading.Condition()
        self._failure: str | None = None
        try:
            self._process = subprocess.Popen(
                [executable, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError as error:
            raise PagefindError(f"could not start Pagefind ({error})") from error
        self._reader = threading.Thread(target=self._read, name="pagefind-responses", daemon=True)
        self._reader.start()

    def send(self, payload: dict) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except (OSError, ValueError) as error:
            raise PagefindError(self._failure or f"Pagefind stopped ({error})") from error
        return self._next_id

    def answer(self, message_id: int) -> dict:
        with self._ready:
            self._ready.wait_for(lambda: message_id in self._responses or self._failure is not None)
            if message_id not in self._responses:
                raise PagefindError(self._failure or "Pagefind stopped")
            payload = self._responses.pop(message_id)
        if payload.get("type") == "Error":
            raise PagefindError(str(payload.get("message") or payload))
        return payload

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        buffer = b""
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                try:
                    response = json.loads(base64.b64decode(message))
                except ValueError:
                    continue
                if not isinstance(response, dict):
                    continue
                payload = response.get("payload") or {}
                message_id = response.get("message_id")
                if message_id is None and isinstance(payload.get("original_message"), str):
                    message_id = json.loads(payload["original_message"]).get("message_id")
                with self._ready:
                    self._responses[message_id] = payload
                    self._ready.notify_all()
        with self._ready:
            self._failure = self._failure or "Pagefind stopped unexpectedly"
            self._ready.notify_all()

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                assert self._process.stdin is not None
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=120)  # it exits when its work is written: on a loaded machine, slowly
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


class LiveIndex:
    """Feed pages with ``add`` (in order); ``finish`` writes the last group and returns the bundles written.

    Each group gets a process of its own: a process that indexed one group keeps its memory for the
    next (430-580 MB at the third group of the 10x corpus, against 380 MB for a fresh one). A full
    group is written by its process while the build goes on and the next group's process indexes.
    """

    def __init__(self, executable: str, site: Path, bundles: list[str], group_size: int, config: dict) -> None:
        self.executable, self.site, self.bundles, self.config = executable, site, bundles, config
        self.group_size = max(1, group_size)
        self.written: list[str] = []
        self._pending: list[int] = []  # requests whose answers are not checked yet
        self._writing: list[tuple[_Service, int]] = []  # full groups being written, and their request
        self._start()

    def _start(self) -> None:
        self._service = _Service(self.executable)
        self._index = int(
            self._service.answer(self._service.send({"type": "NewIndex", "config": self.config}))["index_id"]
        )
        self._in_group = 0

    def add(self, path: str, html: str) -> None:
        """Index one page; ``path`` is its file under the site (``courses/c1/w1/intro/index.html``)."""
        if self._in_group == self.group_size:
            self._write_group()
            self._start()
        page = {"type": "AddFile", "index_id": self._index, "file_path": path, "url": None, "file_contents": html}
        self._pending.append(self._service.send(page))
        self._in_group += 1
        if len(self._pending) > 8:  # check answers as we go, so an error shows early and memory stays flat
            self._check(self._pending.pop(0))

    def _check(self, message_id: int) -> None:
        answer = self._service.answer(message_id)
        if answer.get("type") != "IndexedFile":
            raise PagefindError(f"unexpected answer from Pagefind: {answer.get('type')}")

    def _write_group(self) -> None:
        """Ask the current process to write its group; the answer is collected by ``finish``."""
        while self._pending:
            self._check(self._pending.pop(0))
        number = len(self.written)
        bundle = self.bundles[number] if number < len(self.bundles) else f"{self.bundles[0]}-{number + 1}"
        request = {"type": "WriteFiles", "index_id": self._index, "output_path": str(self.site / bundle)}
        self._writing.append((self._service, self._service.send(request)))
        self.written.append(bundle)

    def finish(self) -> list[str]:
        try:
            if self._in_group or not self.written:
                self._write_group()
            for service, request in self._writing:
                service.answer(request)
                service.close()
        finally:
            self.close()
        return self.written

    def close(self) -> None:
        for service, _ in self._writing:
            service.close()
        self._service.close()
