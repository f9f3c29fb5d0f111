# super(): zero-arg, two-arg, in classmethods/staticmethods, nested functions, __class__ cell

class Base:
    def __init__(self, name):
        self.name = name
        self.trail = ["Base.__init__"]

    def greet(self):
        return f"Base greets {self.name}"

    @classmethod
    def make(cls, name):
        return cls(name)

    @classmethod
    def kind(cls):
        return f"Base.kind({cls.__name__})"

    @property
    def label(self):
        return "base-label"

class Derived(Base):
    def __init__(self, name):
        super().__init__(name.upper())
        self.trail.append("Derived.__init__")

    def greet(self):
        return "Derived+" + super().greet()

    @classmethod
    def kind(cls):
        return "Derived>" + super().kind()

    @property
    def label(self):
        return "derived/" + super().label

    def via_two_arg(self):
        return super(Derived, self).greet()

    def nested(self):
        def inner():
            return super(Derived, self).greet()
        return inner()

    def nested_zero_arg(self):
        def inner():
            return __class__.__name__
        return inner()

    def lambda_super(self):
        f = lambda: super(Derived, self).greet()
        return f()

    def cell(self):
        return __class__

d = Derived("ann")
print(d.name, d.trail)
print(d.greet())
print(Derived.kind())
print(d.kind())
print(d.label)
print(d.via_two_arg())
print(d.nested())
print(d.nested_zero_arg())
print(d.lambda_super())
print(d.cell() is Derived, type(Derived.make("bob")).__name__, Derived.make("bob").name)

class More(Derived):
    def greet(self):
        return "More+" + super().greet()

m = More("cy")
print(m.greet())
print(m.cell() is Derived)
print(super(Derived, m).greet())
print(super(Base, m).__init__ is not None)

s = super(More, m)
print(type(s).__name__)
print(s.greet())
print(s.__self__ is m, s.__thisclass__ is More, s.__self_class__ is More)

unbound = super(Derived)
print(type(unbound).__name__, unbound.__thisclass__ is Derived, unbound.__self__)

print(super(Derived, More).kind())
print(super(More, More).kind())

try:
    super(Derived, 5)
except TypeError as e:
    print(type(e).__name__, e)

def outside():
    return super().greet()

try:
    outside()
except RuntimeError as e:
    print(type(e).__name__, e)

class NoArgs:
    def method():
        return super().__repr__()

try:
    NoArgs.method()
except RuntimeError as e:
    print(type(e).__name__, e)

try:
    super(Derived, d).missing
except AttributeError as e:
    print(type(e).__name__, e)

class StaticUser(Base):
    @staticmethod
    def helper(obj):
        return super(StaticUser, obj).greet()

print(StaticUser.helper(StaticUser("dee")))

class Setter(Base):
    def set_name(self, value):
        super().__setattr__("name", value)
        return self.name

print(Setter("x").set_name("y"))

class Rebound:
    def method(self):
        return __class__.__name__

Alias = Rebound
del Rebound
print(Alias().method())
