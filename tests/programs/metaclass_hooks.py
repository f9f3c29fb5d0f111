# Metaclasses: __prepare__, __new__, __init__, __call__, keywords and inheritance of metaclass

log = []

class OrderedNamespace(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        log.append(("prepare", mcls.__name__, name, sorted(kwargs)))
        return OrderedNamespace()

    def __new__(mcls, name, bases, ns, **kwargs):
        log.append(("new", name, type(ns).__name__, list(ns.order)))
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = tuple(ns.order)
        cls.options = kwargs
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        log.append(("init", name, len(bases)))
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        log.append(("call", cls.__name__, args))
        instance = super().__call__(*args, **kwargs)
        instance.created_by_meta = True
        return instance

    def describe(cls):
        return f"{cls.__name__}{cls.field_order}"

class Model(metaclass=Meta, table="models", strict=True):
    zeta = 1
    alpha = 2

    def method(self):
        return "m"

    def __init__(self, value=0):
        self.value = value

for entry in log:
    print(entry)
log.clear()

print(Model.field_order)
print(Model.options)
print(type(Model).__name__, isinstance(Model, Meta))
print(Model.describe())
try:
    Model().describe()
except AttributeError as e:
    print(type(e).__name__, e)

m = Model(5)
print(m.value, m.created_by_meta, log)
log.clear()

class Child(Model, strict=False):
    beta = 3

print(type(Child).__name__, Child.field_order, Child.options)
for entry in log:
    print(entry)
log.clear()

class Singleton(type):
    _instances = {}

    def __call__(cls, *args):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self, name):
        self.name = name

a = Config("first")
b = Config("second")
print(a is b, a.name, b.name)

class MetaA(type):
    pass

class MetaB(type):
    pass

class A(metaclass=MetaA):
    pass

class B(metaclass=MetaB):
    pass

try:
    class C(A, B):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class MetaAB(MetaA, MetaB):
    pass

class D(A, B, metaclass=MetaAB):
    pass

print(type(D).__name__, [k.__name__ for k in type(D).__mro__])

def function_meta(name, bases, ns, **kw):
    ns["made_by"] = "function"
    ns["kw"] = kw
    return type(name, bases, ns)

class E(metaclass=function_meta, x=1):
    pass

print(type(E).__name__, E.made_by, E.kw)

try:
    class F(object, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

class ReturnsOther(type):
    def __new__(mcls, name, bases, ns):
        return 42

class G(metaclass=ReturnsOther):
    pass

print("G is", G)
