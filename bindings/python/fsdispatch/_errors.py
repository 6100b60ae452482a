"""The package's Python-side refusals: an InputError (a ValueError) carrying the path of the field,
like those the C++ readers raise."""
from . import _fsd


def input_error(path, message):
    error = _fsd.InputError(f"{path}: {message}")
    error.path = path
    return error
