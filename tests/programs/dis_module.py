# The dis module inside a running program: functions, closures, classes,
# methods, source strings, code objects, code_info.
from dis import dis
import dis as dismod


def outer(a):
    b = a + 1

    def inner(c):
        nonlocal b
        b += c
        return (a, b, 1.5, "s", None, (1, 2), frozenset({3}))

    return inner


dis(outer)
dis(outer(1))


class K:
    x = 1

    def m(self):
        return super().m()

    @staticmethod
    def s():
        return 2

    @classmethod
    def c(cls):
        return cls


dis(K)
dis("x = [i * 2 for i in range(3)]\nprint(x)")
dis(outer.__code__)
dis(K().m)
try:
    dis(42)
except TypeError as e:
    print("TypeError", e)
print(dismod.code_info(outer).replace(__file__, "FILE"))
