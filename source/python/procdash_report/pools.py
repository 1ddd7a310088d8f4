"""multiprocessing.Pool: created, tasks queued (by the pool's process), tasks started and done (by
the worker that runs them), workers started and ready, closed. A task is what Pool sends a worker
at once: one chunk of a map's items, or one apply."""
import functools
import os
import threading
import time
import weakref

from . import state

_by_inqueue = weakref.WeakValueDictionary()
_local = threading.local()
_worker = [None]


class PoolWatch(object):
    def __init__(self):
        number = state.number('Pool')
        self.id = 'pool%d-%d' % (os.getpid(), number)
        self.name = 'Pool-%d' % number
        self.announced = False
        self.ended = False


def _ref(watch):
    return {'poolId': watch.id, 'pool': watch.name}


def _queued(watch, tasks, count):
    payload = {'type': 'pool:task-queued', 'tasks': tasks, 'count': count}
    payload.update(_ref(watch))
    state.event(payload)


def pool_of_worker(process):
    """(poolId, pool name) when `process` is about to start as a worker of a watched pool."""
    if _worker[0] is None or getattr(process, '_target', None) is not _worker[0]:
        return None
    args = getattr(process, '_args', ())
    watch = _by_inqueue.get(id(args[0])) if args else None
    return (watch.id, watch.name) if watch is not None else None


def worker_started(process):
    pool = getattr(process, '_procdash_pool', None)
    if pool is not None:
        state.event(
            {
                'type': 'pool:worker-started',
                'poolId': pool[0],
                'pool': pool[1],
                'processId': state.process_id(process.pid),
                'worker': process.name,
                'pid': process.pid,
            }
        )


class _Feed(object):
    """The worker's ends of the pool's queues: it tells each task it takes and each it finishes."""

    def __init__(self, pool, inqueue, outqueue, module):
        from multiprocessing import process

        self.ref = {'poolId': pool[0], 'pool': pool[1]}
        self.worker = {'processId': state.process_id(os.getpid()), 'worker': process.current_process().name}
        self.module = module
        self.task = None
        self.started_at = 0.0
        self.ready = False
        self.inqueue = _Side(inqueue, 'get', self.get)
        self.outqueue = _Side(outqueue, 'put', self.put)

    def _event(self, kind, extra):
        payload = {'type': kind}
        payload.update(self.ref)
        payload.update(extra)
        payload.update(self.worker)
        state.event(payload)

    def get(self, real):
        if not self.ready:
            self.ready = True
            try:
                self._event('pool:worker-ready', {})
            except Exception:
                pass
        task = real()
        try:
            self._started(task)
        except Exception:
            pass
        return task

    def _started(self, task):
        if not isinstance(task, tuple) or len(task) != 5:
            return
        job, i, func, args, _ = task
        module = self.module
        if func is module.mapstar or func is module.starmapstar:
            call = 'map' if func is module.mapstar else 'starmap'
            count = len(args[0][1])
            # A map's chunks but its last hold chunksize items: exact for them, not for the last.
            first = i * count
        else:
            call, count, first = 'apply', 1, i
        self.task = (job, i, {'taskId': '%s/%s/%s' % (self.ref['poolId'], job, i), 'call': call, 'first': first, 'count': count})
        self.started_at = time.monotonic()
        self._event('pool:task-started', self.task[2])
        # Written now: a worker killed while it runs this task takes no unwritten line with it, and
        # procdash can say which task its death lost.
        if state.channel is not None:
            state.channel.flush()

    def put(self, real, message):
        try:
            self._done(message)
        except Exception:
            pass
        return real(message)

    def _done(self, message):
        task, self.task = self.task, None
        if task is None or message[0] != task[0] or message[1] != task[1]:
            return
        ok, outcome = message[2]
        extra = dict(task[2])
        extra['ok'] = bool(ok)
        extra['ms'] = round((time.monotonic() - self.started_at) * 1000)
        if not ok:
            error = getattr(outcome, 'exc', outcome)
            extra['error'] = {'name': type(error).__name__, 'message': str(error)[:2000]}
        self._event('pool:task-done', extra)
        # Written now, before the result goes back: once the last one is back, the pool may be
        # terminated (the end of a with-block) and its workers killed before a later write.
        if state.channel is not None:
            state.channel.flush()


class _Side(object):
    def __init__(self, queue, method, through):
        self._queue = queue
        real = getattr(queue, method)
        setattr(self, method, functools.partial(through, real))

    def __getattr__(self, name):
        return getattr(self._queue, name)


def _ended(pool, how):
    watch = getattr(pool, '_procdash', None)
    if watch is None or watch.ended:
        return
    watch.ended = True
    payload = {'type': 'pool:closed', 'how': how}
    payload.update(_ref(watch))
    state.event(payload)


def _died(watch, worker):
    """Tells pool:worker-died for a worker that exited unasked (a worker retired by
    maxtasksperchild exits 0). CPython's pool replaces it, but the task it was running is never
    answered: procdash shows which it was (the receiver knows what each worker started)."""
    code = worker.exitcode
    if code == 0:
        return
    payload = {
        'type': 'pool:worker-died',
        'processId': state.process_id(worker.pid),
        'worker': worker.name,
        'pid': worker.pid,
        'exitcode': code,
        'signal': state.signal_name(code),
        'requeued': 0,
    }
    payload.update(_ref(watch))
    state.event(payload)


def _patch_maintain(pool_class):
    """Wraps the pool's handler thread's check for exited workers, to tell of those that died."""
    maintain = pool_class.__dict__.get('_maintain_pool')
    if not isinstance(maintain, staticmethod):
        return
    real = maintain.__func__

    @functools.wraps(real)
    def patched_maintain(ctx, Process, processes, pool, inqueue, *args, **kwargs):
        watch = before = None
        try:
            watch = _by_inqueue.get(id(inqueue))
            if watch is not None:
                before = list(pool)
        except Exception:
            pass
        result = real(ctx, Process, processes, pool, inqueue, *args, **kwargs)
        # The workers it took out of the pool are those it found exited (a worker may exit between
        # a look before and the pool's own look: only what the pool did counts).
        if before:
            for worker in before:
                try:
                    if worker not in pool:
                        _died(watch, worker)
                except Exception:
                    pass
        return result

    pool_class._maintain_pool = staticmethod(patched_maintain)


def _queue_each(watch, tasks, module):
    for task in tasks:
        try:
            func, args = task[2], task[3]
            chunk = func is module.mapstar or func is module.starmapstar
            _queued(watch, 1, len(args[0][1]) if chunk else 1)
        except Exception:
            pass
        yield task


def patch(module):
    """Patches multiprocessing.pool: Pool's methods and the worker function."""
    pool_class = module.Pool
    thread_pool = module.ThreadPool
    original = {name: getattr(pool_class, name) for name in (
        '__init__', '_repopulate_pool', '_map_async', 'apply_async', '_guarded_task_generation', 'close', 'terminate')}
    worker = module.worker

    def watch_of(pool):
        watch = getattr(pool, '_procdash', None)
        return watch if watch is not None and pool._state == module.RUN else None

    @functools.wraps(worker)
    def patched_worker(inqueue, outqueue, *args, **kwargs):
        pool = None
        try:
            from multiprocessing import process

            pool = getattr(process.current_process(), '_procdash_pool', None)
            if pool is not None:
                feed = _Feed(pool, inqueue, outqueue, module)
                inqueue, outqueue = feed.inqueue, feed.outqueue
        except Exception:
            pass
        return worker(inqueue, outqueue, *args, **kwargs)

    @functools.wraps(original['__init__'])
    def patched_init(self, *args, **kwargs):
        try:
            if not isinstance(self, thread_pool):
                self._procdash = PoolWatch()
        except Exception:
            pass
        original['__init__'](self, *args, **kwargs)

    @functools.wraps(original['_repopulate_pool'])
    def patched_repopulate(self, *args, **kwargs):
        watch = getattr(self, '_procdash', None)
        if watch is not None:
            try:
                _by_inqueue[id(self._inqueue)] = watch
                if not watch.announced:
                    watch.announced = True
                    payload = {'type': 'pool:created', 'processes': self._processes, 'maxTasksPerChild': self._maxtasksperchild}
                    payload.update(_ref(watch))
                    state.event(payload)
            except Exception:
                pass
        return original['_repopulate_pool'](self, *args, **kwargs)

    @functools.wraps(original['_map_async'])
    def patched_map_async(self, func, iterable, mapper, chunksize=None, *args, **kwargs):
        watch = watch_of(self)
        if watch is None:
            return original['_map_async'](self, func, iterable, mapper, chunksize, *args, **kwargs)
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        try:
            count = len(iterable)
            size = chunksize
            if size is None:
                size, extra = divmod(count, len(self._pool) * 4)
                size += 1 if extra else 0
            if count > 0 and size > 0:
                _queued(watch, -(-count // size), count)
        except Exception:
            pass
        _local.batch = True
        try:
            return original['_map_async'](self, func, iterable, mapper, chunksize, *args, **kwargs)
        finally:
            _local.batch = False

    @functools.wraps(original['apply_async'])
    def patched_apply_async(self, *args, **kwargs):
        watch = watch_of(self)
        if watch is not None:
            try:
                _queued(watch, 1, 1)
            except Exception:
                pass
        return original['apply_async'](self, *args, **kwargs)

    @functools.wraps(original['_guarded_task_generation'])
    def patched_generation(self, *args, **kwargs):
        tasks = original['_guarded_task_generation'](self, *args, **kwargs)
        watch = getattr(self, '_procdash', None)
        if watch is None or getattr(_local, 'batch', False):
            return tasks
        # imap and imap_unordered: their tasks are counted as the pool takes them.
        return _queue_each(watch, tasks, module)

    @functools.wraps(original['close'])
    def patched_close(self):
        result = original['close'](self)
        try:
            _ended(self, 'closed')
        except Exception:
            pass
        return result

    @functools.wraps(original['terminate'])
    def patched_terminate(self):
        try:
            _ended(self, 'terminated')
        except Exception:
            pass
        return original['terminate'](self)

    pool_class.__init__ = patched_init
    pool_class._repopulate_pool = patched_repopulate
    pool_class._map_async = patched_map_async
    pool_class.apply_async = patched_apply_async
    pool_class._guarded_task_generation = patched_generation
    pool_class.close = patched_close
    pool_class.terminate = patched_terminate
    _patch_maintain(pool_class)
    # Pickled by reference for spawn: the child finds it at the same name, patched or not.
    patched_worker.__module__ = module.__name__
    patched_worker.__qualname__ = 'worker'
    module.worker = patched_worker
    _worker[0] = patched_worker
