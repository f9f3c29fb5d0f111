# classmethod and staticmethod: alternative constructors, registries, descriptor behaviour


class Date:
    registry = []

    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
        type(self).registry.append(self)

    @classmethod
    def from_string(cls, text):
        y, m, d = (int(p) for p in text.split("-"))
        return cls(y, m, d)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    @classmethod
    def today_like(cls):
        return cls.from_string("2024-02-29")

    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"


class EuroDate(Date):
    registry = []

    def __repr__(self):
        return f"EuroDate<{self.d}.{self.m}.{self.y}>"


print(Date.from_string("2020-01-15"))
print(EuroDate.from_string("2021-12-31"))
print(EuroDate.today_like(), Date.today_like())
print(len(Date.registry), len(EuroDate.registry))
print(Date.is_leap(2000), Date.is_leap(1900), EuroDate.is_leap(2024))
d = Date(1, 2, 3)
print(d.is_leap(2023), d.from_string("1999-9-9"))

cm = Date.__dict__["from_string"]
sm = Date.__dict__["is_leap"]
print(type(cm).__name__, type(sm).__name__)
print(cm.__func__.__name__, sm.__func__.__name__)
print(cm.__get__(None, EuroDate)("2000-1-1"))
print(sm.__get__(None, Date)(2004))
print(callable(sm), sm(1600))
bound = Date.from_string
print(bound.__self__ is Date, bound.__func__ is cm.__func__)
print(EuroDate.from_string.__self__ is EuroDate)
print(Date.from_string == Date.from_string, Date.from_string == EuroDate.from_string)
print(Date.is_leap is sm.__func__)
print(cm.__wrapped__ is cm.__func__, sm.__wrapped__ is sm.__func__)
print(Date.from_string.__name__, Date.is_leap.__qualname__)


class Plugin:
    _plugins = {}

    @classmethod
    def register(cls, name):
        def deco(klass):
            cls._plugins[name] = klass
            return klass
        return deco

    @classmethod
    def create(cls, name, *args):
        try:
            return cls._plugins[name](*args)
        except KeyError:
            raise LookupError(f"no plugin named {name!r}") from None


@Plugin.register("echo")
class Echo:
    def __init__(self, msg):
        self.msg = msg

    def run(self):
        return self.msg * 2


print(Plugin.create("echo", "hi").run())
try:
    Plugin.create("nope")
except LookupError as e:
    print(type(e).__name__, e)


class Stacked:
    @classmethod
    @property
    def name(cls):
        return "stacked:" + cls.__name__


print(Stacked.name)


class Uncallable:
    wrapped = classmethod(42)
    swrapped = staticmethod(42)


try:
    Uncallable.wrapped()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Uncallable.swrapped()
except TypeError as e:
    print(type(e).__name__, e)
try:
    classmethod()
except TypeError as e:
    print(type(e).__name__, e)

double = staticmethod(lambda x: x * 2)
print(double(21))


class Counter:
    count = 0

    @classmethod
    def increment(cls):
        cls.count += 1
        return cls.count


class SubCounter(Counter):
    pass


print(Counter.increment(), Counter.increment(), SubCounter.increment(), Counter.count, SubCounter.count)
