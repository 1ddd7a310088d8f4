"""procdash's reporter for Python programs.

procdash runs a program with PROCDASH_REPORT (a Unix socket's path) in its environment and this
folder on PYTHONPATH; sitecustomize.py calls install(), which patches multiprocessing's modules as
the program imports them so that processes, pools, Values, Arrays, Locks and RLocks are reported
over that socket, from the program's process and from every child. Nothing here prints, raises
into the program or blocks it: a failing channel ends reporting and the program goes on.
"""
import atexit
import os

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
    from . import channel, hooks, processes, ticker, values

    state.channel = channel.Channel(path)
    state.channel.on_open = ticker.start

    def after_fork_in_child():
        try:
            state.channel.after_fork_in_child()
            state.channel.on_open = ticker.start
            state.after_fork_in_child()
            ticker.after_fork_in_child()
            processes.after_fork_in_child()
            values.after_fork_in_child()
        except Exception:
            pass

    os.register_at_fork(after_in_child=after_fork_in_child)
    # Registered before multiprocessing is imported, so it runs after multiprocessing's own exit
    # handler has joined the children: their exits are known by then.
    atexit.register(processes.at_end)
    hooks.install()
