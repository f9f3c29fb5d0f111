# property: getter/setter/deleter, chaining, docs, read-only errors, subclass overrides

class Temperature:
    def __init__(self, celsius=0.0):
        self._c = celsius
        self.log = []

    @property
    def celsius(self):
        "Temperature in degrees Celsius."
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self.log.append(("set", value))
        self._c = value

    @celsius.deleter
    def celsius(self):
        self.log.append(("del",))
        self._c = 0.0

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    def _get_kelvin(self):
        return self._c + 273.15

    def _set_kelvin(self, k):
        self.celsius = k - 273.15

    kelvin = property(_get_kelvin, _set_kelvin, doc="Kelvin scale")

t = Temperature(25)
print(t.celsius, t.fahrenheit, round(t.kelvin, 2))
t.celsius = 100
print(t.celsius, t.fahrenheit)
t.kelvin = 300
print(round(t.celsius, 2))
del t.celsius
print(t.celsius, t.log[-1], len(t.log))
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.kelvin
except AttributeError as e:
    print(type(e).__name__, e)

print(Temperature.celsius.__doc__)
print(Temperature.kelvin.__doc__)
print(Temperature.fahrenheit.__doc__)
print(type(Temperature.celsius).__name__, isinstance(Temperature.celsius, property))
p = Temperature.celsius
print(p.fget.__name__, p.fset.__name__, p.fdel.__name__)
print(Temperature.fahrenheit.fset, Temperature.fahrenheit.fdel)

base = property(lambda self: "got")
with_set = base.setter(lambda self, v: None)
print(base is with_set, base.fset, with_set.fset is not None, with_set.fget is base.fget)

t.__dict__["celsius"] = "shadow?"
print(t.celsius)

class Base:
    @property
    def value(self):
        return "base value"

class Child(Base):
    @Base.value.getter
    def value(self):
        return "child value / " + super().value

class Child2(Base):
    @Base.value.setter
    def value(self, v):
        self.stored = v

print(Base().value, Child().value)
c2 = Child2()
c2.value = 9
print(c2.value, c2.stored)
try:
    Base().value = 1
except AttributeError as e:
    print(type(e).__name__, e)

class NoGetter:
    x = property(None, lambda self, v: None)

try:
    NoGetter().x
except AttributeError as e:
    print(type(e).__name__, e)

def documented_getter(self):
    "Doc from getter"
    return 1

class DocCopy:
    a = property(documented_getter)
    b = property(documented_getter, doc="explicit doc")

print(DocCopy.a.__doc__, "|", DocCopy.b.__doc__, "|", DocCopy().a)

class Raising:
    @property
    def bad(self):
        raise AttributeError("inner problem")

    def __getattr__(self, name):
        return f"__getattr__({name})"

print(Raising().bad)

class Computed:
    def __init__(self, items):
        self.items = items

    total = property(lambda self: sum(self.items))
    count = property(lambda self: len(self.items))
    mean = property(lambda self: self.total / self.count)

c = Computed([1, 2, 3, 6])
print(c.total, c.count, c.mean)
try:
    property(1, 2, 3, 4, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    property(1)(None)
    Computed.bad = property(1)
    Computed([]).bad
except TypeError as e:
    print(type(e).__name__, e)
