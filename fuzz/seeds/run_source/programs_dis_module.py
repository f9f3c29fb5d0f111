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


# Code object internals: co_code, co_lines(), co_positions(), replace().
def chained(x, b=1):
    y = [i for i in range(x) if i % 2]
    try:
        return y[b].upper().strip()
    except IndexError:
        return (y
                .count(
                    1))


for code in [chained.__code__, chained.__code__.co_consts[1]]:
    print(code.co_code.hex())
    print(list(code.co_lines()))
    print(list(code.co_positions()))
renamed = chained.__code__.replace(co_name="renamed", co_firstlineno=99)
print(renamed.co_name, renamed.co_firstlineno, chained.__code__.co_name)
