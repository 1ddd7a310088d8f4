"""Patches multiprocessing's modules as they are imported, so that a program that never imports
multiprocessing pays nothing, and one that does gets them patched before it uses them."""
import importlib
import sys

#: Which of our modules patch which of multiprocessing's, in that order, imported only when that
#: one is.
_PATCHES = {
    'multiprocessing.process': 'processes',
    'multiprocessing.synchronize': ('locks', 'sync'),
    'multiprocessing.queues': 'queues',
    'multiprocessing.sharedctypes': 'values',
    'multiprocessing.pool': 'pools',
    'traceback': 'errors',
}


def _patches():
    return {name: _patcher(ours) for name, ours in _PATCHES.items()}


def _patcher(ours):
    if isinstance(ours, str):
        ours = (ours,)

    def patch(module):
        for name in ours:
            try:
                importlib.import_module('%s.%s' % (__package__, name)).patch(module)
            except Exception:
                pass

    return patch


class _Loader(object):
    """Runs the real loader, then patches the module and puts the real loader back in its place."""

    def __init__(self, loader, patch):
        self.loader = loader
        self.patch = patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        spec = getattr(module, '__spec__', None)
        if spec is not None and spec.loader is self:
            spec.loader = self.loader
        if getattr(module, '__loader__', None) is self:
            module.__loader__ = self.loader
        _patch(self.patch, module)

    def __getattr__(self, name):
        return getattr(self.loader, name)


class Finder(object):
    """A meta path finder that only wraps the loader of the modules it patches."""

    def __init__(self):
        self.patches = _patches()

    def find_spec(self, fullname, path=None, target=None):
        patch = self.patches.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, 'exec_module'):
            return spec
        spec.loader = _Loader(spec.loader, patch)
        return spec


def _patch(patch, module):
    try:
        patch(module)
    except Exception:
        pass


def install():
    finder = Finder()
    # Modules imported before us (rare: site does not import multiprocessing) are patched now.
    for name, patch in finder.patches.items():
        module = sys.modules.get(name)
        if module is not None:
            _patch(patch, module)
    sys.meta_path.insert(0, finder)
