"""multiprocessing Value and Array (and their Raw kinds): created, then sampled a few times a
second by the process that created them (the memory is shared: it sees every process's writes),
reading the memory without taking the value's lock; an event only when something changed."""
import functools
import math
import os
import threading
import weakref

from . import state

#: Arrays longer than this are not reported: sampling them would cost the program time.
MAX_ARRAY = 1024
_BIG = ('l', 'L', 'q', 'Q')
_SAFE = 2**53 - 1

_watches = []
_local = threading.local()


class ValueWatch(object):
    __slots__ = ('memory', 'id', 'name', 'array', 'big', 'last')

    def __init__(self, memory, value_id, name, array, big, last):
        self.memory = memory
        self.id = value_id
        self.name = name
        self.array = array
        self.big = big
        self.last = last


def _scalar(value, big):
    """The value as the wire carries it, or None when it is not a number."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return {'bigint': str(value)} if big or abs(value) > _SAFE else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        return typecode_or_type
    code = getattr(typecode_or_type, '_type_', None)
    return code if isinstance(code, str) else None


def _actor():
    return {'id': 'sampler-%s' % state.process_id(os.getpid()), 'name': 'processes'}


def _watch(result, typecode_or_type, array, own_lock):
    typecode = _typecode(typecode_or_type)
    if typecode is None:
        return
    big = typecode in _BIG
    memory = result.get_obj() if hasattr(result, 'get_obj') else result
    kind = 'Array' if array else 'Value'
    if array:
        if len(memory) > MAX_ARRAY:
            return
        last = [_scalar(item, big) for item in memory]
        if any(item is None for item in last):
            return
    else:
        last = _scalar(memory.value, big)
        if last is None:
            return
    number = state.number(kind)
    value_id = '%s%d-%d' % ('a' if array else 'v', os.getpid(), number)
    name = '%s-%d' % (kind, number)
    if array:
        state.event({'type': 'array:created', 'id': value_id, 'name': name, 'typecode': typecode, 'values': last})
    else:
        state.event({'type': 'value:created', 'id': value_id, 'name': name, 'typecode': typecode, 'value': last})
    _watches.append(ValueWatch(weakref.ref(memory), value_id, name, array, big, last))
    if own_lock and hasattr(result, 'get_lock'):
        from . import locks

        locks.adopt(result.get_lock(), '%s.lock' % name)


def _sample_one(watch, memory):
    if not watch.array:
        now = _scalar(memory.value, watch.big)
        if now is not None and now != watch.last:
            watch.last = now
            state.event(
                {'type': 'value:changed', 'id': watch.id, 'name': watch.name, 'value': now, 'by': _actor(), 'sampled': True}
            )
        return
    for index, item in enumerate(memory):
        now = _scalar(item, watch.big)
        if now is not None and now != watch.last[index]:
            watch.last[index] = now
            state.event(
                {
                    'type': 'array:changed',
                    'id': watch.id,
                    'name': watch.name,
                    'index': index,
                    'value': now,
                    'by': _actor(),
                    'sampled': True,
                }
            )


def sample():
    """Tells what changed since the last sample, in this process's Values and Arrays."""
    for watch in list(_watches):
        try:
            memory = watch.memory()
            if memory is None:
                _watches.remove(watch)
            else:
                _sample_one(watch, memory)
        except Exception:
            pass


def after_fork_in_child():
    # The parent samples its own values; a child samples only those it creates.
    del _watches[:]


def _wrap(create, array):
    @functools.wraps(create)
    def watched(typecode_or_type, *args, **kwargs):
        if getattr(_local, 'inside', False):
            return create(typecode_or_type, *args, **kwargs)
        _local.inside = True
        try:
            result = create(typecode_or_type, *args, **kwargs)
        finally:
            _local.inside = False
        try:
            _watch(result, typecode_or_type, array, kwargs.get('lock', True) is True)
        except Exception:
            pass
        return result

    return watched


def patch(module):
    """Patches multiprocessing.sharedctypes's Value, Array, RawValue and RawArray."""
    for name, array in (('Value', False), ('Array', True), ('RawValue', False), ('RawArray', True)):
        setattr(module, name, _wrap(getattr(module, name), array))
