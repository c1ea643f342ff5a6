"""The library's one exception for problems a user can fix (bad files, unknown models, bad data).

Readers, dataset loaders and model loading raise subclasses with a one-line message; the ``mds``
command catches this base class once and prints the message instead of a traceback.
"""


class InputError(ValueError):
    """Bad input or settings; ``str(exc)`` is one line naming the thing and the problem."""
