# Reflected-operand priority: a subclass overriding the reflected method is tried first

log = []

class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        log.append(f"{type(self).__name__}.__add__")
        return Num(self.v + other.v)

    def __radd__(self, other):
        log.append(f"{type(self).__name__}.__radd__")
        return Num(other.v + self.v)

    def __sub__(self, other):
        log.append(f"{type(self).__name__}.__sub__")
        return type(self)(self.v - other.v)

    def __rsub__(self, other):
        log.append(f"{type(self).__name__}.__rsub__")
        return type(self)(other.v - self.v)

    def __lt__(self, other):
        log.append(f"{type(self).__name__}.__lt__")
        return self.v < other.v

    def __gt__(self, other):
        log.append(f"{type(self).__name__}.__gt__")
        return self.v > other.v

    def __eq__(self, other):
        log.append(f"{type(self).__name__}.__eq__")
        return self.v == getattr(other, "v", other)

    __hash__ = None

class Overrides(Num):
    def __radd__(self, other):
        log.append("Overrides.__radd__")
        return Overrides(other.v + self.v + 1000)

    def __gt__(self, other):
        log.append("Overrides.__gt__")
        return self.v > other.v

    def __eq__(self, other):
        log.append("Overrides.__eq__")
        return "overridden-eq"

class Inherits(Num):
    pass

def run(label, fn):
    log.clear()
    result = fn()
    value = getattr(result, "v", result)
    print(f"{label:<22} {value!r:<18} {log}")

n, o, i = Num(1), Overrides(2), Inherits(3)
run("Num + Overrides", lambda: n + o)
run("Overrides + Num", lambda: o + n)
run("Num + Inherits", lambda: n + i)
run("Inherits + Num", lambda: i + n)
run("Num - Inherits", lambda: n - i)
run("Num < Overrides", lambda: n < o)
run("Num < Inherits", lambda: n < i)
run("Num == Overrides", lambda: n == o)
run("Overrides == Num", lambda: o == n)
run("Num != Overrides", lambda: n != o)
run("Num == Inherits", lambda: n == i)

class Celsius(float):
    def __radd__(self, other):
        return "Celsius.__radd__ wins"

    def __rmul__(self, other):
        return NotImplemented

print(1.5 + Celsius(2.0), 3 + Celsius(1.0))
print(2.0 * Celsius(3.0), type(2.0 * Celsius(3.0)).__name__)

class MyInt(int):
    def __radd__(self, other):
        return f"MyInt.__radd__({other})"

    def __rsub__(self, other):
        return f"MyInt.__rsub__({other})"

    def __eq__(self, other):
        return "MyInt.__eq__"

    __hash__ = int.__hash__

    def __lt__(self, other):
        return "MyInt.__lt__"

    def __gt__(self, other):
        return "MyInt.__gt__"

print(5 + MyInt(1), 5 - MyInt(1), MyInt(1) + 5, 5 == MyInt(5), 5 < MyInt(5), 5 > MyInt(3))
print(True + MyInt(1), [1, 2].__len__() + MyInt(0))

class MyStr(str):
    def __radd__(self, other):
        return f"MyStr.__radd__({other!r})"

    def __rmod__(self, other):
        return "MyStr.__rmod__"

print("a" + MyStr("b"), MyStr("b") + "a", "%s" % MyStr("x"))

class MyList(list):
    def __radd__(self, other):
        return MyList(["radd"] + list(other))

print([1] + MyList([2]), type([1] + MyList([2])).__name__)

class Base:
    def __radd__(self, other):
        return "Base.__radd__"

class Child(Base):
    def __add__(self, other):
        return NotImplemented

print(Child() + Child() if False else "skip", 1 + Child())
try:
    Child() + Base()
except TypeError as e:
    print(type(e).__name__, e)

class Left:
    def __add__(self, other):
        return "Left.__add__"

class Right(Left):
    def __radd__(self, other):
        return "Right.__radd__"

print(Left() + Right(), Right() + Left())
