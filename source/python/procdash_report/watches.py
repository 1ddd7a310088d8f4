"""The program's waiting objects and queues (not its Locks): which ones are its own, their ids and
names, and the lines that tell what happens to them.

An object is the program's when the program creates it (an Event's inner Condition, a Queue's
inner locks and a Pool's SimpleQueues are not). Its id is the name of one of its inner
semaphores, the same in every process it reaches by pickling (spawn, forkserver), recorded in
state.names so that a spawned child calls it what its creator did; a fork-context object's
semaphores have no name, and it gets a pid-qualified id that forked children inherit.

Watches are kept here, keyed by the object, never on it: an Event pickles its __dict__, and what
an object pickles must not change.
"""
import json
import os
import time
import weakref

from . import state

_monotonic = time.monotonic

#: Each object's watch; False once decided that it is not the program's, so that later calls
#: cost one lookup.
watches = weakref.WeakKeyDictionary()


class Watch(object):
    """What the events of one object begin with, and whether it is the program's."""

    __slots__ = ('kind', 'ref', 'tracked', '__weakref__')

    def __init__(self, kind):
        self.kind = kind
        self.ref = None
        # None until known: an object unpickled in a child is the program's if its creator named it.
        self.tracked = None

    def follow(self, object_id, name):
        self.ref = '"id":%s,"name":%s,"kind":%s' % (json.dumps(object_id), json.dumps(name), json.dumps(self.kind))
        self.tracked = True


def since(start):
    """Milliseconds from `start` (a monotonic time) to now, rounded."""
    return int((_monotonic() - start) * 1000 + 0.5)


def tell(watch, what, extra='', facts='{}', by=True):
    """Sends one event of `watch`'s object: `extra` is JSON members after `by` (each with its
    leading comma), `facts` the JSON of its state; never raises."""
    try:
        if by:
            line = '{"type":"%s",%s,"by":%s%s,"state":%s}\n' % (
                what,
                watch.ref,
                state.actor or state.actor_json(),
                extra,
                facts,
            )
        else:
            line = '{"type":"%s",%s%s,"state":%s}\n' % (what, watch.ref, extra, facts)
        state.channel.send(line.encode())
    except Exception:
        pass


def told_wait(watch, wait):
    """Tells that the caller waits on `watch`'s object, calls `wait()`, then tells how it ended:
    acquired, after how long, when it returned true; timed out when false. Returns its result."""
    tell(watch, 'sync:waiting')
    start = _monotonic()
    got = wait()
    if got:
        tell(watch, 'sync:acquired', ',"waitedMs":%d' % since(start))
    else:
        tell(watch, 'sync:timed-out')
    return got


def key(kind, identifier):
    """The object's key in state.names: its id is an inner semaphore's name, and that semaphore
    (or lock) must not take the object's name for its own when a child looks it up."""
    return '%s %s' % (kind, identifier)


def adopt(obj, watch, class_name, identifier, created, facts):
    """Makes `obj` the program's, named after its class, and tells that it was created."""
    name = '%s-%d' % (class_name, state.number(class_name))
    if identifier is None:
        identifier = '%s%d-%d' % (watch.kind, os.getpid(), state.number('%s id' % watch.kind))
    watch.follow(identifier, name)
    state.names[key(watch.kind, identifier)] = name
    watches[obj] = watch
    tell(watch, created, facts=facts, by=False)


def decide(watch, identifier):
    """Follows `watch` if its creator named `identifier` (the object came by pickling)."""
    name = state.names.get(key(watch.kind, identifier)) if identifier is not None else None
    if name is None:
        watch.tracked = False
    else:
        watch.follow(identifier, name)
    return watch.tracked


def find(obj, identify):
    """`obj`'s watch when it is the program's and reporting goes on, else None; never raises.

    An object met for the first time (it came by pickling) is looked up by its id and kind,
    `identify(obj)`.
    """
    try:
        watch = watches.get(obj)
        if watch is None:
            identifier, kind = identify(obj)
            watch = Watch(kind)
            if not decide(watch, identifier):
                watch = False
            watches[obj] = watch
        if watch and not state.channel.closed:
            return watch
    except Exception:
        pass
    return None


def process_name():
    try:
        from multiprocessing import process

        return process.current_process().name
    except Exception:
        return '?'
