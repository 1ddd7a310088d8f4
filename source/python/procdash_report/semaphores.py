"""multiprocessing Semaphore, BoundedSemaphore and Condition: who takes and gives back their
permits or lock, who waits, and whom a notify wakes.

Their acquire and release are attributes of each object (SemLock and Condition make them in
_make_methods), so a watch stands in for them there; an object found not to be the program's gets
the plain ones back and costs nothing more.
"""
import functools
import time
import weakref

from . import locks, state
from .watches import Watch, adopt, decide, since, tell, told_wait, watches

_monotonic = time.monotonic


class _MethodWatch(Watch):
    """A watch whose acquire and release stand in for the object's own."""

    __slots__ = ('owner',)

    def __init__(self, kind, owner):
        Watch.__init__(self, kind)
        # Weak: the registry's value must not keep its key alive.
        self.owner = weakref.ref(owner)

    def plain(self):
        """The object's acquire and release without us."""
        raise NotImplementedError

    def identifier(self):
        raise NotImplementedError

    def drop(self):
        """Not the program's: the object gets its plain methods back."""
        self.tracked = False
        owner = self.owner()
        if owner is not None:
            owner.acquire, owner.release = self.plain()
            watches[owner] = False

    def decide(self):
        """Follows the object if its creator named it (it came by pickling); never raises."""
        try:
            if not decide(self, self.identifier()):
                self.drop()
        except Exception:
            self.tracked = False
        return self.tracked

    def told_acquire(self, take, block, timeout):
        """`take` (the plain acquire), telling whether it took at once, waited, or timed out. The C
        acquire tries without waiting first as well: trying first changes no outcome."""
        if take(False):
            tell(self, 'sync:acquired', ',"waitedMs":0')
            return True
        if not block:
            return False
        return told_wait(self, lambda: take(True, timeout))


class SemaphoreWatch(_MethodWatch):
    __slots__ = ('semlock',)

    def __init__(self, kind, owner):
        _MethodWatch.__init__(self, kind, owner)
        self.semlock = owner._semlock

    def plain(self):
        return self.semlock.acquire, self.semlock.release

    def identifier(self):
        return self.semlock.name

    def acquire(self, block=True, timeout=None):
        semlock = self.semlock
        tracked = self.tracked
        if tracked is None:
            tracked = self.decide()
        if not tracked or state.channel.closed:
            return semlock.acquire(block, timeout)
        return self.told_acquire(semlock.acquire, block, timeout)

    def release(self):
        tracked = self.tracked
        if tracked is None:
            tracked = self.decide()
        result = self.semlock.release()
        if tracked and not state.channel.closed:
            tell(self, 'sync:released')
        return result


class ConditionWatch(_MethodWatch):
    """Tells only the outermost hold of the Condition's lock: a reentrant one tells nothing."""

    __slots__ = ('lock',)

    def __init__(self, owner):
        _MethodWatch.__init__(self, 'condition', owner)
        self.lock = owner._lock

    def plain(self):
        return self.lock.acquire, self.lock.release

    def identifier(self):
        owner = self.owner()
        return owner._sleeping_count._semlock.name if owner is not None else None

    def acquire(self, block=True, timeout=None):
        lock = self.lock
        tracked = self.tracked
        if tracked is None:
            tracked = self.decide()
        if not tracked or state.channel.closed or _is_mine(lock):
            return lock.acquire(block, timeout)
        return self.told_acquire(lock.acquire, block, timeout)

    def release(self):
        lock = self.lock
        tracked = self.tracked
        if tracked is None:
            tracked = self.decide()
        # Told before the release, so that it is on its way before a waiter can take the lock.
        if tracked and not state.channel.closed:
            try:
                outermost = lock._semlock._is_mine() and lock._semlock._count() == 1
            except Exception:
                outermost = False
            if outermost:
                tell(self, 'sync:released')
        return lock.release()


def _is_mine(lock):
    try:
        return lock._semlock._is_mine()
    except Exception:
        return False


def _followed(obj):
    """`obj`'s method watch when it is the program's and reporting goes on, else None."""
    try:
        watch = watches.get(obj)
        if not watch:
            return None
        if watch.tracked is None:
            watch.decide()
        if watch.tracked and not state.channel.closed:
            return watch
    except Exception:
        pass
    return None


def _patch_make_methods(module):
    semaphore, bounded = module.Semaphore, module.BoundedSemaphore
    make_methods = module.SemLock._make_methods

    @functools.wraps(make_methods)
    def patched_make_methods(self):
        make_methods(self)
        if isinstance(self, semaphore):
            try:
                kind = 'bounded-semaphore' if isinstance(self, bounded) else 'semaphore'
                watch = SemaphoreWatch(kind, self)
                self.acquire, self.release = watch.acquire, watch.release
                watches[self] = watch
            except Exception:
                pass

    module.SemLock._make_methods = patched_make_methods

    condition_make_methods = module.Condition._make_methods

    @functools.wraps(condition_make_methods)
    def patched_condition_make_methods(self):
        condition_make_methods(self)
        try:
            watch = ConditionWatch(self)
            self.acquire, self.release = watch.acquire, watch.release
            watches[self] = watch
        except Exception:
            pass

    module.Condition._make_methods = patched_condition_make_methods


def _patch_init(kind, created, facts):
    init = kind.__init__

    @functools.wraps(init)
    def patched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        try:
            watch = watches.get(self)
            if watch:
                if locks._created_by_program():
                    adopt(self, watch, kind.__name__, watch.identifier(), created, facts(args, kwargs))
                else:
                    watch.drop()
        except Exception:
            pass

    kind.__init__ = patched_init


def _semaphore_facts(args, kwargs):
    return '{"initial":%d}' % (args[0] if args else kwargs.get('value', 1))


def _patch_with(kind):
    """`with` goes through the object's acquire and release (its own attributes, made in
    _make_methods: the watch's, or the plain ones back), as the plain __enter__ and __exit__ do not
    use them; SemLock's __enter__ and __exit__ are its acquire() and release()."""

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    kind.__enter__ = __enter__
    kind.__exit__ = __exit__


def _patch_condition(condition):
    wait, notify = condition.wait, condition.notify

    @functools.wraps(wait)
    def patched_wait(self, timeout=None):
        watch = _followed(self)
        if watch is None or not _is_mine(self._lock):
            return wait(self, timeout)
        tell(watch, 'sync:released')
        tell(watch, 'sync:waiting')
        start = _monotonic()
        result = None
        try:
            result = wait(self, timeout)
        finally:
            # It holds the lock again, however wait() ended.
            if result is False:
                tell(watch, 'sync:timed-out')
            tell(watch, 'sync:acquired', ',"waitedMs":%d' % since(start))
        return result

    @functools.wraps(notify)
    def patched_notify(self, n=1):
        watch = _followed(self)
        if watch is None or not _is_mine(self._lock):
            return notify(self, n)
        try:
            # No one can start waiting while this process holds the lock.
            sleepers = self._sleeping_count._semlock._get_value() - self._woken_count._semlock._get_value()
            woken = max(0, min(n, sleepers))
        except Exception:
            woken = 0
        result = notify(self, n)
        tell(watch, 'condition:notified', ',"woken":%d' % woken)
        return result

    condition.wait = patched_wait
    condition.notify = patched_notify


def patch(module):
    """Patches multiprocessing.synchronize's Semaphore, BoundedSemaphore and Condition."""
    _patch_make_methods(module)
    _patch_init(module.Semaphore, 'sync:created', _semaphore_facts)
    _patch_init(module.BoundedSemaphore, 'sync:created', _semaphore_facts)
    _patch_init(module.Condition, 'sync:created', lambda args, kwargs: '{}')
    _patch_with(module.Semaphore)
    _patch_with(module.Condition)
    _patch_condition(module.Condition)
