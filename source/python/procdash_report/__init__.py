"""procdash's reporter for Python programs.

procdash runs a program with PROCDASH_REPORT (a Unix socket's path) in its environment and this
folder on PYTHONPATH; sitecustomize.py calls install(), which patches multiprocessing's modules as
the program imports them so that processes, pools, Values, Arrays, Locks, RLocks, Semaphores,
Conditions, Events, Barriers and Queues are reported over that socket, from the program's process
and from every child. Nothing here prints, raises into the program or blocks it: a failing channel
ends reporting and the program goes on.
"""
import atexit
import os
import sys

from . import state

_installed = [False]


def install():
    """Starts reporting in this process (and, through the environment, in its children)."""
    if _installed[0]:
        return
    path = os.environ.get('PROCDASH_REPORT')
    if not path:
        return
    _installed[0] = True
    from . import channel, hooks, ticker

    state.channel = channel.Channel(path)
    state.channel.on_open = ticker.start
    os.register_at_fork(after_in_child=_after_fork_in_child)
    # Registered before multiprocessing is imported, so it runs after multiprocessing's own exit
    # handler has joined the children: their exits are known by then.
    atexit.register(_at_end)
    hooks.install()


def _after_fork_in_child():
    try:
        from . import ticker

        state.channel.after_fork_in_child()
        state.channel.on_open = ticker.start
        state.after_fork_in_child()
        ticker.after_fork_in_child()
        # Those modules hold state only once multiprocessing has been imported (and they with it).
        for name in ('processes', 'values'):
            module = sys.modules.get('%s.%s' % (__name__, name))
            if module is not None:
                module.after_fork_in_child()
    except Exception:
        pass


def _at_end():
    module = sys.modules.get('%s.processes' % __name__)
    if module is not None:
        module.at_end()
    elif state.channel is not None:
        state.channel.close()
