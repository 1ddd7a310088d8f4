"""process:error: a child's target raised. multiprocessing prints the traceback with
traceback.print_exc() from BaseProcess._bootstrap; the reporter hears it there, so that no frame
of its own appears in what the program prints."""
import functools
import sys

from . import state


def _error_info(error):
    import traceback

    info = {'name': type(error).__name__, 'message': str(error)[:2000]}
    stack = ''.join(traceback.format_exception(type(error), error, error.__traceback__))
    if stack:
        info['stack'] = stack[-8000:]
    return info


def _report(error):
    from multiprocessing import process

    current = process.current_process()
    state.event(
        {'type': 'process:error', 'id': state.process_id(state.pid), 'name': current.name, 'error': _error_info(error)}
    )


def patch(module):
    """Patches traceback.print_exc to report what multiprocessing's bootstrap prints."""
    print_exc = module.print_exc

    @functools.wraps(print_exc)
    def patched_print_exc(*args, **kwargs):
        try:
            caller = sys._getframe(1)
            if caller.f_code.co_name == '_bootstrap' and caller.f_globals.get('__name__') == 'multiprocessing.process':
                error = sys.exc_info()[1]
                if error is not None:
                    _report(error)
        except Exception:
            pass
        return print_exc(*args, **kwargs)

    module.print_exc = patched_print_exc
