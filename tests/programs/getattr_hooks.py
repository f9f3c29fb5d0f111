# __getattr__ and __getattribute__: proxies, lazy attributes, recursion guards

trace = []

class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        trace.append(name)
        return getattr(self._target, name)

class Target:
    kind = "target"

    def __init__(self):
        self.value = 42

    def hello(self, who):
        return f"hello {who}"

p = Proxy(Target())
print(p.value, p.kind, p.hello("proxy"))
print(trace)
try:
    p.missing
except AttributeError as e:
    print(type(e).__name__, e)
print(p._target.value, trace[-1])

class Lazy:
    def __init__(self):
        self.loaded = []

    def __getattr__(self, name):
        if name.startswith("data_"):
            value = name[5:].upper()
            setattr(self, name, value)
            self.loaded.append(name)
            return value
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")

lz = Lazy()
print(lz.data_one, lz.data_one, lz.loaded)
try:
    lz.other
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(lz, "other", "fallback"), hasattr(lz, "data_two"), lz.loaded)

class Audited:
    def __init__(self):
        self.x = 1
        self.y = 2

    def __getattribute__(self, name):
        if not name.startswith("__"):
            trace.append("get:" + name)
        if name == "secret":
            raise AttributeError("secret is hidden")
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"fallback<{name}>"

trace.clear()
a = Audited()
print(a.x + a.y, a.secret, a.nothing)
print(trace)

class Upper:
    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        if isinstance(value, str):
            return value.upper()
        return value

u = Upper()
u.word = "shout"
u.num = 3
print(u.word, u.num, u.__class__.__name__)

class Broken:
    def __getattr__(self, name):
        raise KeyError(name)

try:
    Broken().anything
except KeyError as e:
    print(type(e).__name__, e)
try:
    hasattr(Broken(), "anything")
except KeyError as e:
    print("hasattr propagates", type(e).__name__, e)

class Everything:
    def __getattr__(self, name):
        return len(name)

ev = Everything()
print(ev.a, ev.abc, ev.__len__ if False else "skip")
try:
    len(ev)
except TypeError as e:
    print(type(e).__name__, e)
try:
    ev + 1
except TypeError as e:
    print(type(e).__name__, e)

class ClassLevel:
    def __getattr__(self, name):
        return "instance-only"

try:
    ClassLevel.foo
except AttributeError as e:
    print(type(e).__name__, e)
print(ClassLevel().foo)

class MetaGetattr(type):
    def __getattr__(cls, name):
        return f"{cls.__name__}.{name} via metaclass"

class Configurable(metaclass=MetaGetattr):
    real = "real value"

print(Configurable.real, Configurable.virtual)
try:
    Configurable().virtual
except AttributeError as e:
    print(type(e).__name__, e)

class Recursive:
    def __init__(self):
        self.count = 0

    def __getattr__(self, name):
        if name == "count":
            raise AttributeError(name)
        self.count += 1
        return self.count

rc = Recursive()
print(rc.a, rc.b, rc.c, rc.count)
