# __init_subclass__ with keywords: plugin registries, validation, chaining through super()

registry = {}

class Plugin:
    def __init_subclass__(cls, /, name=None, priority=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        registry[cls.plugin_name] = cls

class Alpha(Plugin):
    pass

class Beta(Plugin, name="b", priority=5):
    pass

class Gamma(Beta, priority=1):
    pass

print(sorted(registry))
print([(k, v.priority) for k, v in sorted(registry.items())])
print(Gamma.plugin_name, Beta.plugin_name, "plugin_name" in Plugin.__dict__)
print(type(Plugin.__dict__["__init_subclass__"]).__name__)

try:
    class Bad(Plugin, colour="red"):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class Validated:
    required = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        missing = [r for r in cls.required if not hasattr(cls, r)]
        if missing:
            raise TypeError(f"{cls.__name__} is missing {', '.join(missing)}")

class Shape(Validated):
    required = ("area",)

    def area(self):
        return 0

try:
    class Broken(Shape):
        required = ("area", "perimeter")
except TypeError as e:
    print(type(e).__name__, e)

class Mixin:
    seen = []

    def __init_subclass__(cls, **kwargs):
        Mixin.seen.append(("Mixin", cls.__name__, sorted(kwargs)))
        super().__init_subclass__(**kwargs)

class Tagged:
    def __init_subclass__(cls, tag="none", **kwargs):
        Mixin.seen.append(("Tagged", cls.__name__, tag))
        cls.tag = tag
        super().__init_subclass__(**kwargs)

class Combined(Mixin, Tagged, tag="combo"):
    pass

class Deeper(Combined):
    pass

print(Mixin.seen)
print(Combined.tag, Deeper.tag)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kwargs):
        print("Meta.__new__ kwargs", kwargs)
        return super().__new__(mcls, name, bases, ns, **kwargs)

    def __init__(cls, name, bases, ns, **kwargs):
        print("Meta.__init__ kwargs", kwargs)
        super().__init__(name, bases, ns)

class Root(metaclass=Meta):
    def __init_subclass__(cls, flag=False):
        print("Root.__init_subclass__", cls.__name__, flag)
        cls.flag = flag

class Leaf(Root, flag=True):
    pass

print(Leaf.flag, type(Leaf).__name__)

try:
    class NoKwAccepted:
        pass

    class Sub(NoKwAccepted, anything=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class Counting:
    subclasses = 0

    def __init_subclass__(cls):
        Counting.subclasses += 1

Dynamic = type("Dynamic", (Counting,), {})
Dynamic2 = type("Dynamic2", (Dynamic,), {})
print(Counting.subclasses, [c.__name__ for c in Counting.__subclasses__()])

class ReturnsValue:
    def __init_subclass__(cls):
        return "ignored"

class Child(ReturnsValue):
    pass

print(Child.__name__, "created")

class Explicit:
    def __init_subclass__(cls, **kw):
        print("explicit classmethod?", isinstance(cls, type), cls.__name__, kw)

Explicit.__init_subclass__(x=1)

class E2(Explicit, y=2):
    pass
