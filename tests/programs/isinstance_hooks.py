# isinstance/issubclass: tuples, nested tuples, __instancecheck__/__subclasscheck__, errors

checks = []


class DuckMeta(type):
    def __instancecheck__(cls, obj):
        checks.append(("inst", cls.__name__, type(obj).__name__))
        return all(hasattr(obj, m) for m in cls.required)

    def __subclasscheck__(cls, sub):
        checks.append(("sub", cls.__name__, sub.__name__))
        return all(any(m in vars(k) for k in sub.__mro__) for m in cls.required)


class Quacker(metaclass=DuckMeta):
    required = ("quack",)


class Duck:
    def quack(self):
        return "Quack!"


class Robot:
    def beep(self):
        return "beep"


class RoboDuck(Robot, Duck):
    pass


print(isinstance(Duck(), Quacker), isinstance(Robot(), Quacker), isinstance(RoboDuck(), Quacker))
print(issubclass(Duck, Quacker), issubclass(Robot, Quacker), issubclass(RoboDuck, Quacker))
print(checks)
checks.clear()

q = Quacker.__new__(Quacker)
print(isinstance(q, Quacker), checks)
checks.clear()

print(isinstance(3, (str, (list, (int,)))), isinstance("x", ()), issubclass(bool, (str, int)))
print(isinstance(Duck(), (int, Quacker)), checks)
checks.clear()

for bad in [lambda: isinstance(1, 2), lambda: isinstance(1, (int, 2)), lambda: issubclass(1, int),
            lambda: issubclass(int, "int"), lambda: isinstance(1, [int])]:
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)

try:
    print(isinstance(1, (2, int)))
except TypeError as e:
    print(type(e).__name__, e)


class Anything(type):
    def __instancecheck__(cls, obj):
        return "truthy string"

    def __subclasscheck__(cls, sub):
        return 0


class Any(metaclass=Anything):
    pass


print(isinstance(None, Any), issubclass(int, Any), issubclass(Any, Any))


class Even(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0


class EvenNumber(metaclass=Even):
    pass


print([n for n in range(7) if isinstance(n, EvenNumber)])
print(isinstance(4, (str, EvenNumber)))


class FakeClass:
    def __init__(self):
        self.__bases__ = ()
        self.__class__ = FakeClass


class Pretender:
    @property
    def __class__(self):
        return int


pr = Pretender()
print(isinstance(pr, int), type(pr).__name__, isinstance(pr, Pretender))

print(issubclass(bool, int), issubclass(int, object), issubclass(type, type), isinstance(type, type))
print(isinstance(int, type), isinstance(object, object), issubclass(object, type))


class Base: pass
class Derived(Base): pass


print(isinstance(Derived(), Base), issubclass(Derived, (int, Base)), issubclass(Base, Derived))
print(isinstance(True, int), isinstance(1.0, int), isinstance(None, type(None)))


class Raiser(type):
    def __instancecheck__(cls, obj):
        raise ValueError("check failed")


class Checked(metaclass=Raiser):
    pass


try:
    isinstance(1, Checked)
except ValueError as e:
    print(type(e).__name__, e)
print(isinstance(Checked.__new__(Checked), Checked))
try:
    isinstance(1, (int, Checked))
    print("short-circuit before Checked")
    isinstance(1, (str, Checked))
except ValueError as e:
    print(type(e).__name__, e)
print(int | str, isinstance(3, int | str), issubclass(bool, int | None))
