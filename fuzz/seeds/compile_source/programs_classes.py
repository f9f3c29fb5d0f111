class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

    @classmethod
    def create(cls, name):
        return cls(name)

    @staticmethod
    def helper(x):
        return x * 2

    @property
    def upper(self):
        return self.name.upper()


class Dog(Animal):
    kind = "dog"

    def speak(self):
        return super().speak() + " (woof)"


d = Dog("rex")
print(d, d.speak(), d.kind, Animal.kind, d.upper, Dog.create("fido"), Animal.helper(21), Animal.count)
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d) is Dog, Dog.__mro__, Dog.__bases__, Dog.__name__)
print(d.__dict__, hasattr(d, "name"), getattr(d, "missing", "default"), vars(d))
setattr(d, "age", 3)
print(d.age)
del d.age
print(hasattr(d, "age"))


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __bool__(self):
        return bool(self.x or self.y)

    def __contains__(self, v):
        return v in (self.x, self.y)

    def __call__(self, z):
        return self.x + self.y + z


v = Vec(1, 2)
w = Vec(3, 4)
print(v + w, v * 3, 2 * v, v == Vec(1, 2), v != w, sorted([w, v]), len(v), v[1], list(v), bool(Vec(0, 0)), 2 in v, v(10))
print({v: "a", Vec(1, 2): "b"}, max(v, w), [*v])


class Temperature:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value


t = Temperature()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print(e)


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)


class Tagged(metaclass=Meta):
    pass


print(Tagged.tag, type(Tagged).__name__)


class Base:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__()
        cls.registered = kwargs.get("label", cls.__name__)


class Child(Base, label="special"):
    pass


print(Child.registered)


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B" + super().who()


class C(A):
    def who(self):
        return "C" + super().who()


class D(B, C):
    def who(self):
        return "D" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])


class Slotted:
    __slots__ = ()


class WithStr:
    def __str__(self):
        return "str-version"


print(str(WithStr()), f"{WithStr()}", repr(WithStr())[:10])


class Descriptor:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        return f"got {self.name}" if obj is not None else self

    def __set__(self, obj, value):
        obj.__dict__["_" + self.name] = value


class UsesDescriptor:
    attr = Descriptor()


u = UsesDescriptor()
u.attr = 5
print(u.attr, u.__dict__)


class Counter:
    def __init__(self):
        self.items = {}

    def __getitem__(self, k):
        return self.items.get(k, 0)

    def __setitem__(self, k, v):
        self.items[k] = v

    def __getattr__(self, name):
        return f"dynamic {name}"


cnt = Counter()
cnt["a"] += 2
print(cnt["a"], cnt["b"], cnt.anything)


class Shape:
    sides = 0

    def describe(self):
        return f"{self.__class__.__name__} with {self.sides} sides"


class Square(Shape):
    sides = 4


print(Square().describe(), Shape.describe(Square()))
