"""The report channel: one Unix-socket connection per process, opened on the first event.

Lines are NDJSON (the hello first, then one event a line), queued and written without ever
blocking the program: a slow reader makes the queue fill and later events are dropped; a failed
connect, a closed socket or any other error ends reporting in this process, silently.
"""
import os
import sys
import threading
import time

MAX_LINE = 65536
MAX_QUEUED = 1 << 20
FLUSH_AT = 65536
# Lines go out at once unless the last write was this recent: a lock taken in a tight loop costs a
# write every few milliseconds, not one per event, and the daemon thread writes the rest.
FLUSH_SECONDS = 0.01
_monotonic = time.monotonic
# A program that restored SIGPIPE's default must not die of a closed report socket (set on open).
_no_signal = [0]


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
        # Reentrant: a signal handler that uses a lock may report while this thread is writing.
        self.lock = threading.RLock()
        self.sock = None
        self.closed = False
        # Any thread appends to the queue (list.append is atomic); a write takes lines from its
        # front under the lock, so that no line is lost or sent twice.
        self.queue = []
        self.queued = 0
        self.unsent = b''
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
            import json

            line = json.dumps(payload, separators=(',', ':'), allow_nan=False).encode() + b'\n'
        except Exception:
            self.dropped += 1
            return
        self.send(line)

    def send(self, line):
        """Queues one encoded line (ending in a newline); never raises, never blocks long."""
        if self.closed or len(line) > MAX_LINE:
            return
        if self.sock is None and not self.open():
            return
        if self.queued > MAX_QUEUED:
            self.dropped += 1
            return
        self.queue.append(line)
        self.queued += len(line)
        if self.queued >= FLUSH_AT or _monotonic() - self.flushed_at >= FLUSH_SECONDS:
            self.flush()

    def open(self):
        """Connects (once); a child calls it at its start to say hello with nothing else to say."""
        if self.closed:
            return False
        try:
            with self.lock:
                if self.sock is None and not self.closed:
                    self._open()
        except Exception:
            self._close()
        return self.sock is not None

    def flush(self, wait=0.0):
        """Writes what is queued; with `wait`, waits up to that many seconds for a slow reader."""
        if self.closed or self.sock is None:
            return
        deadline = _monotonic() + wait
        try:
            while True:
                if not self.lock.acquire(timeout=max(wait, 0.05)):
                    return
                try:
                    self.flushed_at = _monotonic()
                    self._write()
                    done = self.closed or not (self.unsent or self.queue)
                finally:
                    self.lock.release()
                if done or _monotonic() >= deadline:
                    return
                time.sleep(0.005)
        except Exception:
            self._close()

    def close(self, wait=0.05):
        self.flush(wait)
        self._close()

    def _open(self):
        # Imported here: a program that never uses multiprocessing never loads them.
        import json
        import socket

        _no_signal[0] = getattr(socket, 'MSG_NOSIGNAL', 0)
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
            return
        hello = {'procdash': 1, 'pid': os.getpid(), 'program': _program(), 'language': 'python'}
        self.unsent = json.dumps(hello, separators=(',', ':')).encode() + b'\n'
        self.sock = sock
        on_open = self.on_open
        if on_open is not None:
            on_open()

    def _write(self):
        queue = self.queue
        while True:
            if not self.unsent:
                # A chunk at a time from the queue's front: a slow reader never makes a write
                # copy more than a chunk.
                taken, size = 0, 0
                for line in queue:
                    taken += 1
                    size += len(line)
                    if size >= FLUSH_AT:
                        break
                if not taken:
                    return
                lines = queue[:taken]
                del queue[:taken]
                self.queued -= size
                self.unsent = b''.join(lines)
            sock = self.sock
            if sock is None:
                return
            try:
                sent = sock.send(self.unsent, _no_signal[0])
            except (BlockingIOError, InterruptedError):
                return
            except Exception:
                self._close()
                return
            self.unsent = self.unsent[sent:]

    def _close(self):
        self.closed = True
        sock, self.sock = self.sock, None
        self.queue = []
        self.unsent = b''
        if sock is not None:
            try:
                sock.close()
            except Exception:
                pass
