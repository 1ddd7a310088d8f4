"""multiprocessing's waiting objects besides Lock and RLock: Semaphore, BoundedSemaphore and
Condition (semaphores.py), Event and Barrier (here): who waits on them, who sets, passes, breaks.
"""
import functools
import time

from . import locks, semaphores
from .watches import Watch, adopt, find, process_name, since, tell, told_wait, watches

_monotonic = time.monotonic


def _event_identity(event):
    return event._flag._semlock.name, 'event'


def _barrier_identity(barrier):
    return barrier._cond._sleeping_count._semlock.name, 'barrier'


def _patch_init(kind, kind_name, identify, facts):
    init = kind.__init__

    @functools.wraps(init)
    def patched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        try:
            if locks._created_by_program():
                identifier, _ = identify(self)
                adopt(self, Watch(kind_name), kind.__name__, identifier, 'sync:created', facts(self))
            else:
                watches[self] = False
        except Exception:
            pass

    kind.__init__ = patched_init


def _is_set(event):
    # Read without taking the Event's lock: a glance, not a wait.
    try:
        return event._flag._semlock._get_value() > 0
    except Exception:
        return False


def _patch_event(event):
    _patch_init(event, 'event', _event_identity, lambda self: '{"set":false}')
    set_, clear, wait = event.set, event.clear, event.wait

    @functools.wraps(set_)
    def patched_set(self):
        result = set_(self)
        watch = find(self, _event_identity)
        if watch is not None:
            tell(watch, 'event:set', facts='{"set":true}')
        return result

    @functools.wraps(clear)
    def patched_clear(self):
        result = clear(self)
        watch = find(self, _event_identity)
        if watch is not None:
            tell(watch, 'event:cleared', facts='{"set":false}')
        return result

    @functools.wraps(wait)
    def patched_wait(self, timeout=None):
        watch = find(self, _event_identity)
        if watch is None or _is_set(self):
            return wait(self, timeout)
        return told_wait(watch, lambda: wait(self, timeout))

    event.set, event.clear, event.wait = patched_set, patched_clear, patched_wait


def _parties(barrier):
    try:
        return int(barrier._parties)
    except Exception:
        return 0


def _barrier_facts(barrier, broken=False):
    return '{"parties":%d,"broken":%s}' % (_parties(barrier), 'true' if broken else 'false')


def _patch_barrier(barrier, broken_error):
    _patch_init(barrier, 'barrier', _barrier_identity, _barrier_facts)
    wait, abort, reset = barrier.wait, barrier.abort, barrier.reset

    @functools.wraps(wait)
    def patched_wait(self, timeout=None):
        watch = find(self, _barrier_identity)
        if watch is None:
            return wait(self, timeout)
        parties = _parties(self)
        tell(watch, 'sync:waiting', facts='{"parties":%d}' % parties)
        start = _monotonic()
        try:
            index = wait(self, timeout)
        except broken_error:
            _tell_broken(watch, self, timeout, start)
            raise
        if index == parties - 1:
            # The last to come: it let the others through.
            tell(watch, 'barrier:passed', facts=_barrier_facts(self))
        else:
            tell(watch, 'sync:acquired', ',"waitedMs":%d' % since(start))
        return index

    @functools.wraps(abort)
    def patched_abort(self):
        result = abort(self)
        watch = find(self, _barrier_identity)
        if watch is not None:
            reason = ',"reason":"aborted by %s"' % _json_inner(process_name())
            tell(watch, 'barrier:broken', reason, _barrier_facts(self, True))
        return result

    @functools.wraps(reset)
    def patched_reset(self):
        result = reset(self)
        watch = find(self, _barrier_identity)
        if watch is not None:
            tell(watch, 'barrier:reset', facts=_barrier_facts(self))
        return result

    barrier.wait, barrier.abort, barrier.reset = patched_wait, patched_abort, patched_reset


def _tell_broken(watch, barrier, timeout, start):
    try:
        waited = _monotonic() - start
        limit = timeout if timeout is not None else barrier._timeout
        if limit is not None and waited >= limit:
            # The party whose timeout broke it.
            reason = '%s waited %d ms' % (process_name(), since(start))
        else:
            reason = 'broken'
        tell(watch, 'barrier:broken', ',"reason":"%s"' % _json_inner(reason), _barrier_facts(barrier, True))
    except Exception:
        pass


def _json_inner(text):
    """`text` as the inside of a JSON string."""
    import json

    return json.dumps(text)[1:-1]


def patch(module):
    """Patches multiprocessing.synchronize's Semaphore, BoundedSemaphore, Condition, Event, Barrier."""
    import threading

    semaphores.patch(module)
    _patch_event(module.Event)
    _patch_barrier(module.Barrier, threading.BrokenBarrierError)
