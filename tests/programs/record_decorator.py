# A hand-written dataclass-like decorator: __annotations__, generated __init__/__repr__/__eq__,
# ordering via total-ordering style helpers, frozen instances, class attribute defaults

MISSING = object()


def record(cls=None, *, frozen=False, order=False):
    def wrap(cls):
        fields = list(cls.__dict__.get("__annotations__", {}))
        defaults = {f: cls.__dict__[f] for f in fields if f in cls.__dict__}

        def __init__(self, *args, **kwargs):
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__}() takes {len(fields)} positional arguments "
                                f"but {len(args)} were given")
            values = dict(zip(fields, args))
            for k, v in kwargs.items():
                if k not in fields:
                    raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {k!r}")
                if k in values:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {k!r}")
                values[k] = v
            for f in fields:
                if f not in values:
                    if f not in defaults:
                        raise TypeError(f"{cls.__name__}() missing required argument {f!r}")
                    values[f] = defaults[f]
                object.__setattr__(self, f, values[f])
            post = getattr(self, "__post_init__", None)
            if post is not None:
                post()

        def __repr__(self):
            inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
            return f"{type(self).__qualname__}({inner})"

        def astuple(self):
            return tuple(getattr(self, f) for f in fields)

        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return astuple(self) == astuple(other)
            return NotImplemented

        cls.__init__ = __init__
        cls.__repr__ = __repr__
        cls.__eq__ = __eq__
        cls.astuple = astuple
        cls.__match_args__ = tuple(fields)
        if frozen:
            def __setattr__(self, name, value):
                raise AttributeError(f"cannot assign to field {name!r}")

            def __hash__(self):
                return hash(astuple(self))
            def __delattr__(self, name):
                raise AttributeError(f"cannot delete field {name!r}")
            cls.__setattr__ = __setattr__
            cls.__delattr__ = __delattr__
            cls.__hash__ = __hash__
        else:
            cls.__hash__ = None
        if order:
            for name, op in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
                             ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
                def method(self, other, op=op):
                    if other.__class__ is not self.__class__:
                        return NotImplemented
                    return op(astuple(self), astuple(other))
                method.__name__ = name
                setattr(cls, name, method)
        return cls

    return wrap if cls is None else wrap(cls)


@record
class Point:
    x: int
    y: int = 0


@record(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

    def __post_init__(self):
        if self.major < 0:
            raise ValueError("negative version")

    def bump(self):
        return Version(self.major, self.minor + 1)


p = Point(1, 2)
print(p, Point(5), Point(y=3, x=4), p == Point(1, 2), p == (1, 2), p != Point(2, 1))
print(Point.__annotations__, Point.__match_args__, p.astuple(), Point.__hash__)
p.x = 10
print(p)
for args, kw in (((), {}), ((1, 2, 3), {}), ((1,), {"z": 2}), ((1,), {"x": 2})):
    try:
        Point(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    {p}
except TypeError as e:
    print(type(e).__name__, e)

vs = [Version(1, 2), Version(1), Version(0, 9, 9), Version(1, 2, 1)]
print(sorted(vs), max(vs), Version(1) < Version(1, 0, 1), Version(2) >= Version(1, 9))
print(len(set(vs + [Version(1, 2)])), Version(1).bump(), hash(Version(1)) == hash(Version(1)))
v = Version(3)
try:
    v.major = 4
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del v.minor
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Version(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    Version(1) < Point(1)
except TypeError as e:
    print(type(e).__name__, e)

match Version(2, 5):
    case Version(2, minor):
        print("major 2, minor", minor)
    case _:
        print("other")

match Point(0, 7):
    case Point(x=0, y=y) if y > 5:
        print("on y axis above 5:", y)

print(Version.__lt__.__name__, Version.__qualname__, type(Version.__dict__["__init__"]).__name__)
