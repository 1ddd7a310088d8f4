"""multiprocessing processes: created, started and exited, told by the process that starts them;
a child says hello at its start, reports its own objects and flushes before it ends."""
import functools
import os
import weakref

from . import state

#: How many names a started process carries to its child (the program's most recent ones).
MAX_NAMES = 500

_started = weakref.WeakSet()
_exited = weakref.WeakSet()
_targets = weakref.WeakKeyDictionary()


def _target_of(process):
    target = getattr(process, '_target', None)
    if target is None:
        kind = type(process)
        return '%s#%s.run' % (kind.__module__, kind.__qualname__)
    module = getattr(target, '__module__', None) or '?'
    name = getattr(target, '__qualname__', None) or getattr(target, '__name__', None) or '?'
    return '%s#%s' % (module, name)


def _before_start(process):
    from . import pools

    if state.names:
        process._procdash_names = dict(list(state.names.items())[-MAX_NAMES:])
    pool = pools.pool_of_worker(process)
    if pool is not None:
        process._procdash_pool = pool
    # start() drops the target (and a forked child needs none of this): keep what the event says.
    _targets[process] = _target_of(process)


def _after_start(process):
    from . import pools

    pid = process.pid
    if pid is None:
        return
    process_id = state.process_id(pid)
    name = process.name
    state.event(
        {
            'type': 'process:created',
            'id': process_id,
            'name': name,
            'kind': 'task',
            'daemon': bool(process.daemon),
            'target': _targets.pop(process, None) or _target_of(process),
        }
    )
    state.event(
        {'type': 'process:started', 'id': process_id, 'name': name, 'pid': pid, 'ppid': os.getpid()}
    )
    _started.add(process)
    pools.worker_started(process)
    # Written now, before the child's own hello can come: procdash knows the child by it even if
    # the child ends before procdash reads its hello.
    if state.channel is not None:
        state.channel.flush()


def report_exit(process):
    """Tells process:exited once its exit code is known here (join, is_alive, or a sweep)."""
    popen = getattr(process, '_popen', None)
    code = getattr(popen, 'returncode', None)
    if code is None or process in _exited:
        return
    _exited.add(process)
    name = state.signal_name(code)
    state.event(
        {
            'type': 'process:exited',
            'id': state.process_id(process.pid),
            'name': process.name,
            'pid': process.pid,
            'exitcode': code,
            'signal': name,
        }
    )
    from . import values

    values.sample()


def sweep():
    """Reports every started child whose exit has been seen by anyone in this process."""
    for process in list(_started):
        try:
            report_exit(process)
        except Exception:
            pass


def at_end():
    """At this process's end: the last exits and values, then what is pending, briefly."""
    try:
        from . import values

        sweep()
        values.sample()
        if state.channel is not None:
            state.channel.close(0.05)
    except Exception:
        pass


def after_fork_in_child():
    global _started, _exited
    _started = weakref.WeakSet()
    _exited = weakref.WeakSet()


def _in_child(process):
    state.forget_actor()
    names = getattr(process, '_procdash_names', None)
    if names:
        state.names.update(names)
    if state.channel is not None:
        state.channel.open()


def patch(module):
    """Patches multiprocessing.process.BaseProcess."""
    base = module.BaseProcess
    start, join, is_alive, bootstrap = base.start, base.join, base.is_alive, base._bootstrap

    @functools.wraps(start)
    def patched_start(self):
        try:
            _before_start(self)
        except Exception:
            pass
        start(self)
        try:
            _after_start(self)
        except Exception:
            pass

    @functools.wraps(join)
    def patched_join(self, *args, **kwargs):
        result = join(self, *args, **kwargs)
        try:
            report_exit(self)
        except Exception:
            pass
        return result

    @functools.wraps(is_alive)
    def patched_is_alive(self):
        alive = is_alive(self)
        if not alive:
            try:
                report_exit(self)
            except Exception:
                pass
        return alive

    @functools.wraps(bootstrap)
    def patched_bootstrap(self, *args, **kwargs):
        try:
            _in_child(self)
        except Exception:
            pass
        try:
            return bootstrap(self, *args, **kwargs)
        finally:
            at_end()

    base.start = patched_start
    base.join = patched_join
    base.is_alive = patched_is_alive
    base._bootstrap = patched_bootstrap
