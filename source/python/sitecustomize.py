# procdash puts this folder first on a Python program's PYTHONPATH (procdash run -- python3 app.py),
# so Python's site module imports this file at start-up. With PROCDASH_REPORT in the environment it
# installs procdash_report, which reports the program's multiprocessing objects to procdash; without
# it, it does nothing. Either way it then imports the sitecustomize that would have run without us
# (the next one on sys.path), so a program's own start-up hook still runs, once.
import os
import sys


def _install_reporter():
    if not os.environ.get('PROCDASH_REPORT'):
        return
    try:
        import procdash_report

        procdash_report.install()
    except Exception:
        # The reporter must never change what the program does, not even by failing to start.
        pass


def _same_folder(entry, folder):
    if not entry:
        return False
    try:
        return os.path.normcase(os.path.abspath(entry)) == folder
    except Exception:
        return False


def _chain():
    """Imports the sitecustomize found on sys.path after this folder, if there is one."""
    folder = os.path.normcase(os.path.dirname(os.path.abspath(__file__)))
    ours = sys.modules.get(__name__)
    removed = [(index, entry) for index, entry in enumerate(sys.path) if _same_folder(entry, folder)]
    for index, _ in reversed(removed):
        del sys.path[index]
    sys.modules.pop('sitecustomize', None)
    found = False
    try:
        import importlib

        importlib.import_module('sitecustomize')
        found = True
    except ImportError as error:
        if error.name != 'sitecustomize':
            raise
    finally:
        for index, entry in removed:
            sys.path.insert(index, entry)
        # The import system expects a module under this name once this file has run.
        if not found and 'sitecustomize' not in sys.modules and ours is not None:
            sys.modules['sitecustomize'] = ours


_install_reporter()
_chain()
