# __set_name__ timing, ordering, manual descriptors and validation frameworks

calls = []

class Field:
    counter = 0

    def __init__(self, required=True):
        Field.counter += 1
        self.order = Field.counter
        self.required = required

    def __set_name__(self, owner, name):
        calls.append((owner.__name__, name, self.order))
        self.public = name
        self.private = "_f_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return getattr(obj, self.private)
        except AttributeError:
            raise AttributeError(f"field {self.public!r} is not set") from None

    def __set__(self, obj, value):
        setattr(obj, self.private, value)

    def __repr__(self):
        return f"Field({self.public})"

class Record:
    id = Field()
    title = Field()
    note = Field(required=False)

    def __init__(self, **kwargs):
        for name, value in kwargs.items():
            setattr(self, name, value)

    @classmethod
    def fields(cls):
        found = [v for v in vars(cls).values() if isinstance(v, Field)]
        return sorted(found, key=lambda f: f.order)

    def missing(self):
        out = []
        for f in self.fields():
            if f.required:
                try:
                    f.__get__(self)
                except AttributeError as e:
                    out.append(str(e))
        return out

print(calls)
print(Record.fields())
r = Record(id=1)
print(r.id, r.missing())
try:
    r.title
except AttributeError as e:
    print(type(e).__name__, e)
r.title = "Hello"
print(r.title, r.missing(), sorted(vars(r)))

calls.clear()
late = Field()
Record.late = late
print(calls, getattr(late, "public", "no name set"))
late.__set_name__(Record, "late")
print(calls[-1], late.public)

class Tracker:
    def __set_name__(self, owner, name):
        calls.append(("tracker", owner.__name__, name))

calls.clear()
T = type("T", (), {"a": Tracker(), "b": Tracker()})
print(calls)

calls.clear()

class Sub(Record):
    extra = Field()

print(calls)
print([f.public for f in Sub.fields()], [f.public for f in Record.fields()])

class NotCallable:
    __set_name__ = 5

try:
    class Host:
        x = NotCallable()
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__ if e.__cause__ else None)

class Raises:
    def __set_name__(self, owner, name):
        raise ValueError(f"refusing {name}")

try:
    class Host2:
        y = Raises()
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__ if e.__cause__ else None, e.__cause__)

class Shared:
    def __set_name__(self, owner, name):
        calls.append(("shared", name))

calls.clear()
s = Shared()

class Multi:
    first = s
    second = s

print(calls)

class Meta(type):
    def __new__(mcls, name, bases, ns):
        calls.append(("meta-new-before", name))
        cls = super().__new__(mcls, name, bases, ns)
        calls.append(("meta-new-after", name))
        return cls

calls.clear()

class WithMeta(metaclass=Meta):
    t = Tracker()

print(calls)
