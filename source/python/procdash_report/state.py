"""What the reporter keeps in this process: its channel, the names of shared objects, counters."""
import os

#: The channel of this process (set by install()).
channel = None

#: This process's pid, kept here: os.getpid() is a system call, and locks report on every use.
pid = os.getpid()

#: Names of the program's locks by id (a semaphore's name), so that a spawned child that receives
#: a lock by pickling calls it what its creator did; it travels on each Process object started.
#: Other waiting objects and queues are keyed by kind and id (watches.key): their id is an inner
#: semaphore's name, which must not name that semaphore.
names = {}

_counters = {}
_actor = [None, None, None]
_current_process = []

#: `by` of this process's events, as JSON, once known: forgotten at a fork and when a child starts
#: (its process object is not the current one until then). A later change of the process's name
#: is not seen.
actor = None


def number(kind):
    """1, 2, 3… per kind of object in this process: Lock-1, Value-2, Pool-1."""
    count = _counters.get(kind, 0) + 1
    _counters[kind] = count
    return count


def process_id(pid):
    """A process's id in the events: the same in every connection of the program tree."""
    return 'p%d' % pid


def actor_json():
    """`by` for this process, as JSON: {"id","name","pid"} of the current multiprocessing process."""
    global actor
    if not _current_process:
        from multiprocessing import process

        _current_process.append(process.current_process)
    name = _current_process[0]().name
    if _actor[0] != pid or _actor[1] is not name:
        _actor[0], _actor[1] = pid, name
        import json

        _actor[2] = json.dumps({'id': process_id(pid), 'name': name, 'pid': pid}, separators=(',', ':'))
    actor = _actor[2]
    return actor


def forget_actor():
    global actor
    actor = None


def after_fork_in_child():
    global _counters, pid, actor
    pid = os.getpid()
    actor = None
    _counters = {}
    _actor[0] = None


def signal_name(code):
    """The name of the signal an exit code -N says killed a process, or None."""
    if code is None or code >= 0:
        return None
    import signal

    try:
        return signal.Signals(-code).name
    except ValueError:
        return None


def event(payload):
    """Sends one event; never raises."""
    if channel is not None:
        channel.event(payload)
