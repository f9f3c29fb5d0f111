# __format__ with format specs, f-strings, format(), str.format; __call__ for callable objects


class Money:
    def __init__(self, amount, cur="EUR"):
        self.amount = amount
        self.cur = cur

    def __format__(self, spec):
        if spec == "":
            return f"{self.amount:.2f} {self.cur}"
        if spec == "short":
            return f"{self.amount:.0f}{self.cur[0]}"
        if spec.startswith(">"):
            return format(f"{self.amount:.2f}", spec)
        return format(self.amount, spec) + " " + self.cur

    def __str__(self):
        return f"Money<{self.amount}>"

    def __repr__(self):
        return f"Money({self.amount!r}, {self.cur!r})"


m = Money(1234.5)
print(f"{m}", f"{m:short}", f"{m:>12}|", f"{m:,.1f}", format(m), format(m, "short"))
print("{}, {:short}, {!s}, {!r}".format(m, m, m, m))
print(f"{m!s:>20}|", f"{m!r:.8}")
print("%s %r" % (m, m))
width = 10
print(f"{m:>{width}}|", f"{'x':^{width}}|", f"{3.14159:{width}.{2}f}|")


class Plain:
    pass


p = Plain()
print(format(p, "") == str(p), f"{p}" == str(p))
try:
    format(p, "d")
except TypeError as e:
    print(type(e).__name__, e)
try:
    f"{p:>10}"
except TypeError as e:
    print(type(e).__name__, e)


class BadFormat:
    def __format__(self, spec):
        return 42


try:
    format(BadFormat())
except TypeError as e:
    print(type(e).__name__, e)
try:
    f"{BadFormat()}"
except TypeError as e:
    print(type(e).__name__, e)


class IntLike(int):
    def __format__(self, spec):
        return "IntLike(" + super().__format__(spec) + ")"


print(f"{IntLike(42):05d}", format(IntLike(7), "x"), str(IntLike(3)), "%d" % IntLike(5))
for spec in ("d", "x", "b", "08.3f", ">6", "<6|", "+", "e", ","):
    try:
        print(spec, repr(format(255, spec.rstrip("|"))))
    except ValueError as e:
        print(spec, type(e).__name__, e)
try:
    format("abc", "d")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(1.5, "d")
except ValueError as e:
    print(type(e).__name__, e)


class Multiplier:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0

    def __call__(self, x, *, offset=0):
        self.calls += 1
        return x * self.factor + offset


double = Multiplier(2)
print(double(5), double(5, offset=1), double.calls, callable(double))
print(list(map(double, [1, 2, 3])), sorted([3, 1, 2], key=Multiplier(-1)))
try:
    double(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    double()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Plain()()
except TypeError as e:
    print(type(e).__name__, e)
print(callable(Plain()), callable(Plain), callable(len), callable(3))

double.__call__ = lambda x: "instance attribute is ignored"
print(double(4))


class Chain:
    def __init__(self, parts=()):
        self.parts = parts

    def __call__(self, part):
        return Chain(self.parts + (part,))

    def __str__(self):
        return "/".join(self.parts)


print(Chain()("usr")("local")("bin"))


class CallMeta(type):
    def __call__(cls, *args):
        return f"intercepted {cls.__name__}{args}"


class Intercepted(metaclass=CallMeta):
    pass


print(Intercepted(1, 2))


class Counter:
    def __call__(self):
        return 1


c = Counter()
Counter.__call__ = lambda self: 2
print(c())
