# __new__ vs __init__: argument checking, returning foreign objects, caching, immutables

log = []

class Plain:
    pass

class InitOnly:
    def __init__(self, a, b=2):
        self.a, self.b = a, b

class NewOnly:
    def __new__(cls, *args):
        log.append(("NewOnly.__new__", args))
        return super().__new__(cls)

def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", type(r).__name__)
    except TypeError as e:
        print(label, "TypeError:", e)

attempt("Plain()", lambda: Plain())
attempt("Plain(1)", lambda: Plain(1))
attempt("Plain(x=1)", lambda: Plain(x=1))
attempt("InitOnly()", lambda: InitOnly())
attempt("InitOnly(1,2,3)", lambda: InitOnly(1, 2, 3))
attempt("InitOnly(1,c=3)", lambda: InitOnly(1, c=3))
attempt("NewOnly(1,2)", lambda: NewOnly(1, 2))
attempt("object.__new__(Plain, 1)", lambda: object.__new__(Plain, 1))
attempt("object.__new__(int)", lambda: object.__new__(int))
attempt("object.__new__(5)", lambda: object.__new__(5))
attempt("object.__init__(Plain(), 1)", lambda: object.__init__(Plain(), 1))
attempt("int.__new__(str)", lambda: int.__new__(str, 5))
print(log)
log.clear()

class Tracked:
    def __new__(cls, *args, **kwargs):
        log.append(("new", cls.__name__, args))
        return super().__new__(cls)

    def __init__(self, value):
        log.append(("init", value))
        self.value = value

t = Tracked(5)
print(t.value, log)
log.clear()

class Foreign:
    def __new__(cls, kind):
        if kind == "int":
            return 42
        if kind == "sub":
            return object.__new__(ForeignSub)
        return super().__new__(cls)

    def __init__(self, kind):
        log.append(("Foreign.__init__", kind, type(self).__name__))

class ForeignSub(Foreign):
    pass

print(Foreign("int"), type(Foreign("sub")).__name__, type(Foreign("self")).__name__)
print(log)
log.clear()

class Interned:
    _cache = {}

    def __new__(cls, name):
        if name in cls._cache:
            return cls._cache[name]
        obj = super().__new__(cls)
        obj.name = name
        obj.inits = 0
        cls._cache[name] = obj
        return obj

    def __init__(self, name):
        self.inits += 1

a1, a2, b = Interned("a"), Interned("a"), Interned("b")
print(a1 is a2, a1 is b, a1.inits, b.inits, len(Interned._cache))

class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    def __init__(self, x, y):
        log.append(("Point.__init__", x, y))

    x = property(lambda self: self[0])
    y = property(lambda self: self[1])

p = Point(3, 4)
print(p, p.x, p.y, log)
log.clear()

class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())

print(Upper("hi"), type(Upper("hi")).__name__)
try:
    class BadInit:
        def __init__(self):
            return 5
    BadInit()
except TypeError as e:
    print(type(e).__name__, e)

class NewReturnsNone:
    def __new__(cls):
        return None

    def __init__(self):
        log.append("never")

print(NewReturnsNone(), log)

class WithNewStatic:
    def __new__(cls, x):
        inst = object.__new__(cls)
        inst.x = x * 2
        return inst

print(WithNewStatic(21).x, type(WithNewStatic.__dict__["__new__"]).__name__)
w = WithNewStatic.__new__(WithNewStatic, 5)
print(w.x)
attempt("WithNewStatic()", lambda: WithNewStatic())

class OverridesBoth:
    def __new__(cls, *a, **k):
        return super().__new__(cls)

    def __init__(self, *a, **k):
        super().__init__()
        self.args = a, k

print(OverridesBoth(1, 2, z=3).args)

class InitSuperExtra:
    def __init__(self, x):
        super().__init__(x)

attempt("InitSuperExtra(1)", lambda: InitSuperExtra(1))

class NewSuperExtra:
    def __new__(cls, x):
        return super().__new__(cls, x)

attempt("NewSuperExtra(1)", lambda: NewSuperExtra(1))
