# A small ORM: metaclass collects descriptor fields, __init_subclass__ registers tables,
# __set_name__ names columns, rich reprs, comparison and query objects built with operators


class Column:
    def __init__(self, kind, default=None, primary=False):
        self.kind = kind
        self.default = default
        self.primary = primary

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return Query(self)
        return obj._values.get(self.name, self.default)

    def __set__(self, obj, value):
        if value is not None and not isinstance(value, self.kind):
            raise TypeError(f"{type(obj).__name__}.{self.name} expects {self.kind.__name__}, "
                            f"got {type(value).__name__}")
        obj._values[self.name] = value


class Query:
    def __init__(self, column, op=None, value=None):
        self.column, self.op, self.value = column, op, value

    def _make(op):
        def method(self, other):
            return Query(self.column, op, other)
        return method

    __eq__ = _make("=")
    __ne__ = _make("!=")
    __lt__ = _make("<")
    __le__ = _make("<=")
    __gt__ = _make(">")
    __ge__ = _make(">=")
    del _make
    __hash__ = None

    def __and__(self, other):
        return And(self, other)

    def matches(self, row):
        actual = getattr(row, self.column.name)
        return {"=": actual == self.value, "!=": actual != self.value, "<": actual < self.value,
                "<=": actual <= self.value, ">": actual > self.value, ">=": actual >= self.value}[self.op]

    def __repr__(self):
        return f"{self.column.name} {self.op} {self.value!r}"


class And(Query):
    def __init__(self, left, right):
        self.left, self.right = left, right

    def matches(self, row):
        return self.left.matches(row) and self.right.matches(row)

    def __repr__(self):
        return f"({self.left!r} AND {self.right!r})"


class ModelMeta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cols = {k: v for k, v in ns.items() if isinstance(v, Column)}
        cls = super().__new__(mcls, name, bases, ns, **kw)
        inherited = {}
        for base in reversed(cls.__mro__[1:]):
            inherited.update(getattr(base, "_columns", {}))
        inherited.update(cols)
        cls._columns = inherited
        return cls

    def __len__(cls):
        return len(cls._rows)

    def __iter__(cls):
        return iter(cls._rows)


class Model(metaclass=ModelMeta):
    tables = {}

    def __init_subclass__(cls, table=None, **kw):
        super().__init_subclass__(**kw)
        cls.table = table or cls.__name__.lower() + "s"
        cls._rows = []
        Model.tables[cls.table] = cls

    def __init__(self, **values):
        self._values = {}
        for name, col in self._columns.items():
            setattr(self, name, values.pop(name, col.default))
        if values:
            raise TypeError(f"unknown columns for {type(self).__name__}: {sorted(values)}")
        type(self)._rows.append(self)

    @classmethod
    def where(cls, query):
        return [row for row in cls._rows if query.matches(row)]

    def __repr__(self):
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._columns)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._values == other._values

    def __hash__(self):
        return hash(tuple(sorted(self._values.items())))


class User(Model):
    id = Column(int, primary=True)
    name = Column(str, default="anon")
    age = Column(int, default=0)


class Admin(User, table="admins"):
    level = Column(int, default=1)


User(id=1, name="ann", age=31)
User(id=2, name="bob", age=17)
User(id=3, age=45)
Admin(id=10, name="root", level=9)
print(sorted(Model.tables), len(User), len(Admin), list(Admin._columns))
print(list(User))
print(User.where(User.age >= 18))
print(User.where((User.age > 10) & (User.name != "anon")))
print(repr(User.age < 30), repr((User.id == 1) & (User.name == "x")))
print(Admin.where(Admin.level == 9), User(id=1, name="ann", age=31) == User.where(User.id == 1)[0])
print(len({User(id=5), User(id=5)}), User(id=7) == Admin(id=7), User(id=7) != Admin(id=7))
for bad in ({"id": "one"}, {"id": 1, "email": "x"}):
    try:
        User(**bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    hash(User.age == 1)
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(User, ModelMeta), type(Admin).__name__, Admin.table, User.table, len(User))
