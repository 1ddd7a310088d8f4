"""multiprocessing Lock and RLock: who holds them and who waits, in every process that uses them.

A lock is the program's when the program creates it (not a Queue's or a Pool's inner locks) or it
is a Value's or an Array's own lock. Its id is its semaphore's name, the same in every process it
reaches by pickling (spawn, forkserver); a fork-context lock has no name and gets a pid-qualified
id that forked children inherit with the object.
"""
import functools
import json
import os
import sys
import time

from . import state

_monotonic = time.monotonic
# The frames between the program and the lock's __init__ when it calls multiprocessing.Lock().
_FACTORIES = ('multiprocessing.context',)


class LockWatch(object):
    """Stands in for a lock's acquire and release, and tells what they do."""

    __slots__ = ('semlock', 'recursive', 'tracked', 'ref', 'acquired_at', 'heads')

    def __init__(self, semlock, recursive):
        self.semlock = semlock
        self.recursive = recursive
        # None until known: a lock unpickled in a child is the program's if its creator named it.
        self.tracked = None
        self.ref = None
        self.acquired_at = None
        # Each event's line up to its figure, for one process and its name (a forked child's differ).
        self.heads = (None, {})

    def follow(self, lock_id, name):
        self.ref = '"id":%s,"name":%s' % (json.dumps(lock_id), json.dumps(name))
        self.tracked = True

    def _head(self, what, figure):
        """The event's line up to its figure's value, as bytes, for this process."""
        actor = state.actor or state.actor_json()
        owner, heads = self.heads
        if owner is not actor:
            heads = {}
            self.heads = (actor, heads)
        head = heads.get(what)
        if head is None:
            head = '{"type":"lock:%s",%s,"by":%s' % (what, self.ref, actor)
            head = heads[what] = (head + (',"%s":' % figure if figure else '}\n')).encode()
        return head

    def _decide(self):
        try:
            lock_id = self.semlock.name
            name = state.names.get(lock_id) if lock_id is not None else None
            if name is None:
                self.tracked = False
            else:
                self.follow(lock_id, name)
        except Exception:
            self.tracked = False
        return self.tracked

    def _tell(self, what, figure=None, value=0):
        try:
            head = self._head(what, figure)
            state.channel.send(head + b'%d}\n' % value if figure else head)
        except Exception:
            pass

    def acquire(self, block=True, timeout=None):
        semlock = self.semlock
        tracked = self.tracked
        if tracked is None:
            tracked = self._decide()
        channel = state.channel
        if not tracked or channel.closed or (self.recursive and semlock._is_mine()):
            return semlock.acquire(block, timeout)
        # The C acquire tries without waiting first as well: this changes no outcome.
        if semlock.acquire(False):
            self.acquired_at = _monotonic()
            self._tell('acquired', 'waitedMs', 0)
            return True
        if not block:
            return False
        self._tell('requested')
        start = _monotonic()
        got = semlock.acquire(True, timeout)
        now = _monotonic()
        waited = int((now - start) * 1000 + 0.5)
        if got:
            self.acquired_at = now
            self._tell('acquired', 'waitedMs', waited)
        else:
            self._tell('timed-out', 'waitedMs', waited)
        return got

    def release(self):
        semlock = self.semlock
        tracked = self.tracked
        if tracked is None:
            tracked = self._decide()
        if tracked and not state.channel.closed:
            # Told before the release, so that it is on its way before a waiter can take the lock.
            try:
                if self.recursive:
                    last = semlock._is_mine() and semlock._count() == 1
                else:
                    last = semlock._get_value() == 0
                if last:
                    since, self.acquired_at = self.acquired_at, None
                    held = int((_monotonic() - since) * 1000 + 0.5) if since is not None else 0
                    self._tell('released', 'heldMs', held)
            except Exception:
                pass
        return semlock.release()


def adopt(lock, name):
    """Makes `lock` one of the program's, called `name`, and tells lock:created."""
    watch = lock.__dict__.get('_procdash')
    if watch is None or watch.tracked:
        return
    lock_id = watch.semlock.name
    if lock_id is None:
        lock_id = 'lock%d-%d' % (os.getpid(), state.number('lock id'))
    watch.follow(lock_id, name)
    state.names[lock_id] = name
    state.event({'type': 'lock:created', 'id': lock_id, 'name': name})


# Libraries whose objects are their own business, not the program's: multiprocessing's (a Queue's
# locks, a Pool's queues) and concurrent.futures' (a ProcessPoolExecutor's queues and locks).
_LIBRARIES = ('multiprocessing', 'concurrent')


def _created_by_program():
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get('__name__', '')
        if module not in _FACTORIES:
            return module.partition('.')[0] not in _LIBRARIES
        frame = frame.f_back
    return False


def _patch_class(kind, recursive):
    init = kind.__init__

    @functools.wraps(init)
    def patched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        try:
            watch = self.__dict__.get('_procdash')
            if watch is not None:
                if _created_by_program():
                    adopt(self, '%s-%d' % (kind.__name__, state.number(kind.__name__)))
                else:
                    watch.tracked = False
        except Exception:
            pass

    def __enter__(self):
        watch = self.__dict__.get('_procdash')
        if watch is None:
            return self._semlock.__enter__()
        return watch.acquire()

    def __exit__(self, *args):
        watch = self.__dict__.get('_procdash')
        if watch is None:
            return self._semlock.__exit__(*args)
        watch.release()

    kind.__init__ = patched_init
    kind.__enter__ = __enter__
    kind.__exit__ = __exit__


def patch(module):
    """Patches multiprocessing.synchronize's Lock and RLock."""
    lock_kinds = (module.Lock, module.RLock)
    make_methods = module.SemLock._make_methods

    @functools.wraps(make_methods)
    def patched_make_methods(self):
        make_methods(self)
        if isinstance(self, lock_kinds):
            try:
                watch = LockWatch(self._semlock, isinstance(self, module.RLock))
                self.acquire = watch.acquire
                self.release = watch.release
                self._procdash = watch
            except Exception:
                pass

    module.SemLock._make_methods = patched_make_methods
    _patch_class(module.Lock, False)
    _patch_class(module.RLock, True)
