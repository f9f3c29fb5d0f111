from .. import alpha
from ..beta import twice as _twice

SUB = _twice(alpha.f())
