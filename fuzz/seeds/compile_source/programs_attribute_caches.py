# Attribute access that the interpreter may cache per instruction: every way a
# class, an instance or a module can change what `obj.name` means afterwards.


class Base:
    kind = "base"

    def describe(self):
        return "Base.describe"


class Child(Base):
    pass


def read_kind(obj):
    return obj.kind


def call_describe(obj):
    return obj.describe()


def store_value(obj, v):
    obj.value = v


c = Child()
print(read_kind(c), read_kind(c))
Base.kind = "changed on base"
print(read_kind(c))
Child.kind = "shadowed on child"
print(read_kind(c))
del Child.kind
print(read_kind(c))
c.kind = "on the instance"
print(read_kind(c))
del c.kind
print(read_kind(c))

print(call_describe(c), call_describe(c))
Base.describe = lambda self: "replaced on base"
print(call_describe(c))
c.describe = lambda: "instance attribute wins"
print(call_describe(c))
del c.describe
print(call_describe(c))
Child.describe = lambda self: "defined on child"
print(call_describe(c))


# A data descriptor added later takes precedence over the instance dict.
class Plain:
    pass


p = Plain()
store_value(p, 1)
store_value(p, 2)
print(p.value, p.__dict__)


class Loud:
    def __get__(self, obj, owner=None):
        return "descriptor get"

    def __set__(self, obj, value):
        print("descriptor set", value)


Plain.value = Loud()
store_value(p, 3)
print(p.value, p.__dict__)
del Plain.value
print(p.value)


# __getattribute__ and __setattr__ added after the sites were warm.
class Hooked:
    def __init__(self):
        self.x = 1


h = Hooked()


def read_x(obj):
    return obj.x


print(read_x(h), read_x(h))
Hooked.__getattribute__ = lambda self, name: "hooked " + name
print(read_x(h))
del Hooked.__getattribute__
print(read_x(h))


def setattr_hook(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value * 10)


store_value(h, 5)
Hooked.__setattr__ = setattr_hook
store_value(h, 6)
print(h.value)
del Hooked.__setattr__
store_value(h, 7)
print(h.value)


# __getattr__ only runs when the normal lookup fails.
class Fallback:
    def __getattr__(self, name):
        return "fallback " + name


f = Fallback()
print(read_x(f))
f.x = "real"
print(read_x(f))


# A property, and a property replaced by a plain value.
class Temperature:
    def __init__(self, c):
        self.c = c

    @property
    def f(self):
        return self.c * 9 / 5 + 32


def read_f(obj):
    return obj.f


t = Temperature(100)
print(read_f(t), read_f(t))
Temperature.f = "no longer a property"
print(read_f(t))


# Changing an instance's class.
class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"


def call_who(obj):
    return obj.who()


obj = A()
print(call_who(obj), call_who(obj))
obj.__class__ = B
print(call_who(obj))


# One site, many classes (more than any small cache holds).
classes = [type("K%d" % i, (), {"tag": i, "get": lambda self, i=i: i * 100}) for i in range(12)]
objs = [k() for k in classes]
for _ in range(3):
    print([read_tag(o) if False else o.tag for o in objs])
    print([o.get() for o in objs])


def read_tag(o):
    return o.tag


total = 0
for _ in range(50):
    for o in objs:
        total += read_tag(o)
print(total)
classes[5].tag = 1000
print(sum(read_tag(o) for o in objs))


# Class attributes read through the class.
class Counter:
    count = 0


def bump():
    Counter.count += 1
    return Counter.count


print([bump() for _ in range(5)])
Counter.count = 100
print(bump())


# __slots__ instances, and a failing store.
class Slotted:
    __slots__ = ("a",)


s = Slotted()
store = lambda o, v: setattr(o, "a", v)
for v in range(3):
    s.a = v
print(s.a)
try:
    s.b = 1
except AttributeError as e:
    print("AttributeError:", e)


# Module attributes.
import math


def sqrt_of(x):
    return math.sqrt(x)


print(sqrt_of(16.0))
math.sqrt = lambda x: "patched"
print(sqrt_of(16.0))
del math.sqrt
try:
    sqrt_of(1.0)
except AttributeError as e:
    print("AttributeError:", e)


# Built-in methods through a warm site.
def append_to(container, item):
    container.append(item)


lst = []
for i in range(3):
    append_to(lst, i)
print(lst)


class MyList(list):
    def append(self, item):
        super().append(item * 2)


ml = MyList()
for i in range(3):
    append_to(ml, i)
print(ml)
try:
    append_to((), 1)
except AttributeError as e:
    print("AttributeError:", e)


# Missing attributes keep raising with CPython's message.
for o in (Child(), Plain(), 5, "s"):
    try:
        o.missing
    except AttributeError as e:
        print("AttributeError:", e)
