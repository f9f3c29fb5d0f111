from . import SUB
from .. import beta

value = (SUB, beta.ONE, __name__, __package__)
