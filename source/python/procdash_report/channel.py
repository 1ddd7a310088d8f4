"""The report channel: one Unix-socket connection per process, opened on the first event.

Lines are NDJSON (the hello first, then one event a line), buffered and written without ever
blocking the program: a slow reader makes the buffer fill and later events are dropped; a failed
connect, a closed socket or any other error ends reporting in this process, silently.
"""
import json
import os
import socket
import sys
import threading
import time

MAX_LINE = 65536
MAX_PENDING = 1 << 20
FLUSH_AT = 16384
# Lines go out at once unless the last write was this recent: a lock taken in a tight loop costs a
# write every few milliseconds, not one per event, and the daemon thread writes the rest.
FLUSH_SECONDS = 0.005
# A program that restored SIGPIPE's default must not die of a closed report socket.
_NO_SIGNAL = getattr(socket, 'MSG_NOSIGNAL', 0)


def _program():
    argv = getattr(sys, 'argv', None) or ['']
    name = os.path.basename(argv[0] or '')
    return name if name and name != '-c' else 'python'


class Channel(object):
    """The connection of this process; a forked child resets it and opens its own."""

    def __init__(self, path):
        self.path = path
        self._reset()

    def _reset(self):
        # Reentrant: a signal handler that uses a lock may report while this thread is sending.
        self.lock = threading.RLock()
        self.sock = None
        self.closed = False
        self.pending = bytearray()
        self.dropped = 0
        self.flushed_at = 0.0
        self.on_open = None

    def after_fork_in_child(self):
        sock = self.sock
        self._reset()
        if sock is not None:
            try:
                sock.close()
            except Exception:
                pass

    def event(self, payload):
        """Sends one event, a dict with its `type`; never raises."""
        try:
            line = json.dumps(payload, separators=(',', ':'), allow_nan=False).encode() + b'\n'
        except Exception:
            self.dropped += 1
            return
        self.send(line)

    def send(self, line):
        """Queues one encoded line (ending in a newline); never raises, never blocks long."""
        if self.closed or len(line) > MAX_LINE:
            return
        try:
            with self.lock:
                if self.sock is None and not self._open():
                    return
                if len(self.pending) + len(line) > MAX_PENDING:
                    self.dropped += 1
                    return
                self.pending += line
                now = time.monotonic()
                if len(self.pending) >= FLUSH_AT or now - self.flushed_at >= FLUSH_SECONDS:
                    self.flushed_at = now
                    self._flush()
        except Exception:
            self._close()

    def open(self):
        """Connects now (a child says hello at its start, even with nothing else to say)."""
        self.send(b'')

    def flush(self, wait=0.0):
        """Writes what is pending; with `wait`, waits up to that many seconds for a slow reader."""
        if self.closed or self.sock is None:
            return
        deadline = time.monotonic() + wait
        try:
            while True:
                if not self.lock.acquire(timeout=max(wait, 0.05)):
                    return
                try:
                    self._flush()
                    done = self.closed or not self.pending
                finally:
                    self.lock.release()
                if done or time.monotonic() >= deadline:
                    return
                time.sleep(0.005)
        except Exception:
            self._close()

    def close(self, wait=0.1):
        self.flush(wait)
        self._close()

    def _open(self):
        sock = None
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.connect(self.path)
        except Exception:
            if sock is not None:
                try:
                    sock.close()
                except Exception:
                    pass
            self.closed = True
            return False
        self.sock = sock
        hello = {'procdash': 1, 'pid': os.getpid(), 'program': _program(), 'language': 'python'}
        self.pending += json.dumps(hello, separators=(',', ':')).encode() + b'\n'
        on_open = self.on_open
        if on_open is not None:
            on_open()
        return True

    def _flush(self):
        sock = self.sock
        while self.pending and sock is not None:
            try:
                sent = sock.send(self.pending, _NO_SIGNAL)
            except (BlockingIOError, InterruptedError):
                return
            except Exception:
                self._close()
                return
            del self.pending[:sent]

    def _close(self):
        self.closed = True
        sock, self.sock = self.sock, None
        self.pending = bytearray()
        if sock is not None:
            try:
                sock.close()
            except Exception:
                pass
