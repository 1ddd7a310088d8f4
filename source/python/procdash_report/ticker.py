"""A daemon thread per reporting process: flushes the channel, samples Values and Arrays a few
times a second, and notices children that have ended."""
import threading
import time

from . import state

FLUSH_SECONDS = 0.05
SAMPLE_EVERY = 4

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
    rounds = 0
    while True:
        time.sleep(FLUSH_SECONDS)
        try:
            rounds += 1
            if rounds % SAMPLE_EVERY == 0:
                tick()
            channel = state.channel
            if channel is not None:
                if channel.closed:
                    return
                channel.flush()
        except Exception:
            pass
