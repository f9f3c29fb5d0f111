# __setattr__ / __delattr__: frozen objects, change tracking, validation

class Frozen:
    def __init__(self, **fields):
        for k, v in fields.items():
            object.__setattr__(self, k, v)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"Frozen({inner})"

f = Frozen(a=1, b="two")
print(f)
for action in ("set", "del", "setattr", "delattr"):
    try:
        if action == "set":
            f.a = 5
        elif action == "del":
            del f.b
        elif action == "setattr":
            setattr(f, "c", 3)
        else:
            delattr(f, "a")
    except AttributeError as e:
        print(action, type(e).__name__, e)
print(f)

class Tracked:
    def __init__(self):
        object.__setattr__(self, "changes", [])
        self.x = 0
        self.y = 0

    def __setattr__(self, name, value):
        old = getattr(self, name, None)
        self.changes.append((name, old, value))
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self.changes.append(("del", name))
        super().__delattr__(name)

t = Tracked()
t.x = 5
t.x += 1
t.y = [1]
del t.y
print(t.changes)
try:
    del t.y
except AttributeError as e:
    print(type(e).__name__, e)
print(t.changes[-1], hasattr(t, "y"))

class Positive:
    def __setattr__(self, name, value):
        if isinstance(value, (int, float)) and value < 0:
            raise ValueError(f"{name} must be non-negative, got {value}")
        self.__dict__[name] = value

pz = Positive()
pz.width = 3
try:
    pz.height = -1
except ValueError as e:
    print(type(e).__name__, e)
print(vars(pz))

class WithProperty:
    def __init__(self):
        self._v = 0
        self.log = []

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, value):
        self.log.append(value)
        self._v = value

    def __setattr__(self, name, value):
        if name not in ("_v", "log", "v"):
            raise AttributeError(f"unknown attribute {name}")
        object.__setattr__(self, name, value)

wp = WithProperty()
wp.v = 10
print(wp.v, wp.log, sorted(vars(wp)))
try:
    wp.other = 1
except AttributeError as e:
    print(type(e).__name__, e)

try:
    object.__setattr__(1, "x", 2)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object.__setattr__(int, "x", 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(int, "x", 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    del int.real
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".upper = None
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del (1).real
except AttributeError as e:
    print(type(e).__name__, e)

class MetaLock(type):
    def __setattr__(cls, name, value):
        if name.isupper():
            raise AttributeError(f"constant {name} of {cls.__name__} is read-only")
        super().__setattr__(name, value)

class Consts(metaclass=MetaLock):
    PI = 3

Consts.note = "ok"
try:
    Consts.PI = 4
except AttributeError as e:
    print(type(e).__name__, e)
print(Consts.PI, Consts.note)
c = Consts()
c.PI = 99
print(c.PI, Consts.PI)
