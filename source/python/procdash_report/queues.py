"""multiprocessing Queue, JoinableQueue and SimpleQueue: items put and got, who waits to put or to
get or in join(), tasks done, closes. A queue's id is its reading lock's semaphore's name."""
import functools
import time

from . import locks
from .watches import Watch, adopt, find, since, tell, watches

_monotonic = time.monotonic
_KINDS = {'Queue': 'queue', 'JoinableQueue': 'joinable', 'SimpleQueue': 'simple'}


def _identify(queue):
    kind = 'queue'
    for klass in type(queue).__mro__:
        kind = _KINDS.get(klass.__name__)
        if kind is not None and klass.__module__ == 'multiprocessing.queues':
            break
    return queue._rlock._semlock.name, kind or 'queue'


def _patch_init(kind, maxsize_of):
    init = kind.__init__

    @functools.wraps(init)
    def patched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        try:
            # A JoinableQueue's Queue.__init__ decides first (not the program's: multiprocessing
            # calls it); the JoinableQueue's decides last.
            if locks._created_by_program():
                facts = '{"maxsize":%d}' % maxsize_of(args, kwargs)
                adopt(self, Watch(_KINDS[kind.__name__]), kind.__name__, self._rlock._semlock.name, 'queue:created', facts)
            else:
                watches[self] = False
        except Exception:
            pass

    kind.__init__ = patched_init


def _maxsize(args, kwargs):
    # A Queue made unbounded keeps SEM_VALUE_MAX as its maxsize: the events say 0.
    maxsize = args[0] if args else kwargs.get('maxsize', 0)
    return maxsize if maxsize > 0 else 0


def _bounded_and_full(queue):
    try:
        return queue._maxsize < queue._sem._semlock.SEM_VALUE_MAX and queue.full()
    except Exception:
        return False


def _is_empty(queue):
    try:
        return queue.empty()
    except Exception:
        return False


def _told(watch, side, waiting, run, error, done):
    """Runs `run` (a put or a get), telling that it waits first (when `waiting`), that it gave up
    when it raises `error` after a wait, and `done` when it went through."""
    if waiting:
        tell(watch, 'queue:waiting', ',"side":"%s"' % side)
    try:
        result = run()
    except error:
        # One that never had to wait and found nothing (or no room) tells nothing.
        if waiting:
            tell(watch, 'queue:gave-up', ',"side":"%s","reason":"timed-out"' % side)
        raise
    tell(watch, done, ',"count":1')
    return result


def _patch_put(kind, full_error):
    put = kind.put

    @functools.wraps(put)
    def patched_put(self, obj, block=True, timeout=None):
        watch = find(self, _identify)
        if watch is None:
            return put(self, obj, block, timeout)
        waiting = block and _bounded_and_full(self)
        return _told(watch, 'put', waiting, lambda: put(self, obj, block, timeout), full_error, 'queue:put')

    kind.put = patched_put


def _patch_get(kind, empty_error):
    get = kind.get

    @functools.wraps(get)
    def patched_get(self, block=True, timeout=None):
        watch = find(self, _identify)
        if watch is None:
            return get(self, block, timeout)
        waiting = block and _is_empty(self)
        return _told(watch, 'get', waiting, lambda: get(self, block, timeout), empty_error, 'queue:got')

    kind.get = patched_get


def _patch_simple(kind):
    put, get = kind.put, kind.get

    @functools.wraps(put)
    def patched_put(self, obj):
        result = put(self, obj)
        watch = find(self, _identify)
        if watch is not None:
            tell(watch, 'queue:put', ',"count":1')
        return result

    @functools.wraps(get)
    def patched_get(self):
        watch = find(self, _identify)
        if watch is None:
            return get(self)
        # A SimpleQueue's get waits as long as it takes: nothing to give up on.
        return _told(watch, 'get', _is_empty(self), lambda: get(self), (), 'queue:got')

    kind.put, kind.get = patched_put, patched_get


def _patch_close(kind, was_closed):
    close = kind.close

    @functools.wraps(close)
    def patched_close(self):
        watch = find(self, _identify)
        if watch is None:
            return close(self)
        closed_before = was_closed(self)
        result = close(self)
        if not closed_before:
            tell(watch, 'queue:closed')
        return result

    kind.close = patched_close


def _closed(queue, attribute):
    try:
        return bool(getattr(queue, attribute))
    except Exception:
        return False


def _patch_joinable(kind):
    task_done, join = kind.task_done, kind.join

    @functools.wraps(task_done)
    def patched_task_done(self):
        result = task_done(self)
        watch = find(self, _identify)
        if watch is not None:
            tell(watch, 'queue:task-done')
        return result

    @functools.wraps(join)
    def patched_join(self):
        watch = find(self, _identify)
        if watch is None:
            return join(self)
        try:
            unfinished = not self._unfinished_tasks._semlock._is_zero()
        except Exception:
            unfinished = False
        if not unfinished:
            return join(self)
        tell(watch, 'queue:waiting', ',"side":"join"')
        result = join(self)
        tell(watch, 'queue:joined', by=False)
        return result

    kind.task_done, kind.join = patched_task_done, patched_join


def patch(module):
    """Patches multiprocessing.queues's Queue, JoinableQueue and SimpleQueue."""
    import queue

    _patch_init(module.Queue, _maxsize)
    _patch_init(module.JoinableQueue, _maxsize)
    _patch_init(module.SimpleQueue, lambda args, kwargs: 0)
    _patch_put(module.Queue, queue.Full)
    _patch_put(module.JoinableQueue, queue.Full)
    _patch_get(module.Queue, queue.Empty)
    _patch_simple(module.SimpleQueue)
    _patch_close(module.Queue, lambda self: _closed(self, '_closed'))
    _patch_close(module.SimpleQueue, lambda self: _closed(self._reader, 'closed'))
    _patch_joinable(module.JoinableQueue)
