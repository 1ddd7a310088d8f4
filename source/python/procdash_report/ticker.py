"""A daemon thread per reporting process: flushes the channel, samples Values and Arrays a few
times a second, and notices children that have ended."""
import threading
import time

from . import state

FLUSH_SECONDS = 0.05
SAMPLE_SECONDS = 0.2

_started = [False]


def start():
    """Starts the thread of this process, once (again in a forked child)."""
    if _started[0]:
        return
    _started[0] = True
    try:
        thread = threading.Thread(target=_run, name='procdash-report', daemon=True)
        thread.start()
    except Exception:
        pass


def after_fork_in_child():
    _started[0] = False


def tick():
    """One sampling round: exits of children, then shared values."""
    from . import processes, values

    processes.sweep()
    values.sample()


def _run():
    sampled_at = time.monotonic()
    while True:
        channel = state.channel
        # Awake often only while lines wait to be written; otherwise at the sampling rate.
        busy = channel is not None and (channel.queue or channel.unsent)
        time.sleep(FLUSH_SECONDS if busy else SAMPLE_SECONDS)
        try:
            now = time.monotonic()
            if now - sampled_at >= SAMPLE_SECONDS - 0.001:
                sampled_at = now
                tick()
            if channel is not None:
                if channel.closed:
                    return
                channel.flush()
        except Exception:
            pass
