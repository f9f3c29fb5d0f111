from . import beta
from .beta import twice


def f():
    return twice(21) + beta.ONE
