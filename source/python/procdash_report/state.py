"""What the reporter keeps in this process: its channel, the names of shared objects, counters."""
import json
import os

#: The channel of this process (set by install()).
channel = None

#: Names of the program's locks by id (a semaphore's name), so that a spawned child that receives
#: a lock by pickling calls it what its creator did; it travels on each Process object started.
names = {}

_counters = {}
_actor = [None, None, None]


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
    from multiprocessing import process

    name = process.current_process().name
    pid = os.getpid()
    if _actor[0] != pid or _actor[1] != name:
        _actor[0], _actor[1] = pid, name
        _actor[2] = json.dumps({'id': process_id(pid), 'name': name, 'pid': pid}, separators=(',', ':'))
    return _actor[2]


def after_fork_in_child():
    global _counters
    _counters = {}
    _actor[0] = None


def event(payload):
    """Sends one event; never raises."""
    if channel is not None:
        channel.event(payload)


def send(line):
    """Sends one ready line (str without its newline); never raises."""
    if channel is not None:
        try:
            channel.send(line.encode() + b'\n')
        except Exception:
            pass
