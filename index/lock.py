"""One writer per index: an ingest holds an advisory lock on `<index>/ingest.lock` for its whole
run. The operating system releases it when the process ends, however it ends (kill -9 included),
so a crash never leaves a stale lock; the file only says who holds it, for the error message.
Readers take no lock: they read published generations.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path
from types import TracebackType

from .errors import IndexBusyError, StoreError

FILE = "ingest.lock"


class IndexLock:
    """Exclusive lock on an index directory; `wait` blocks until it is free (True: for ever)."""

    def __init__(self, index_dir: Path, *, wait: bool | float = False, on_wait=None):
        self.path = Path(index_dir) / FILE
        self.wait = wait
        self.on_wait = on_wait or (lambda holder: None)
        self._fd: int | None = None

    def __enter__(self) -> IndexLock:
        return self.acquire()

    def acquire(self) -> IndexLock:
        index_dir = self.path.parent
        if index_dir.exists() and not index_dir.is_dir():
            raise StoreError(f"{index_dir} is a file, not an index directory: pass --index a directory")
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the index directory {index_dir}: {exc.strerror or exc}") from None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(fd)
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": time.strftime("%Y-%m-%d %H:%M:%S")}).encode(), 0)
        self._fd = fd
        return self

    def _acquire(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = self.holder()
        if self.wait is False:
            raise IndexBusyError(
                f"another ingest ({holder}) is writing to {self.path.parent}; "
                "wait for it to finish, or run again with --wait"
            )
        self.on_wait(holder)
        deadline = None if self.wait is True else time.monotonic() + float(self.wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"another ingest ({self.holder()}) still held {self.path.parent} after {float(self.wait):g} s"
                    ) from None
                time.sleep(0.1)

    def holder(self) -> str:
        """Who holds the lock, as far as the file says."""
        try:
            info = json.loads(self.path.read_text() or "{}")
        except (OSError, ValueError):
            info = {}
        if "pid" not in info:
            return "pid unknown"
        return f"pid {info['pid']}, since {info.get('since', '?')}"

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
