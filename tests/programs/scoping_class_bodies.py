# Class bodies, comprehensions inside them, methods and name resolution.

x = "module x"
y = "module y"

class Settings:
    x = "class x"
    doubled = x * 2                      # class-level name visible in the body
    names = [x for _ in range(2)]        # comprehension body: class x is NOT visible
    first_iter = [c for c in x[:3]]      # but the first iterable is evaluated in the class scope
    lam = lambda self: x                  # lambdas see the module x too

    def method(self):
        return x                          # module x, not class x

    def via_class(self):
        return self.x, type(self).x, Settings.x

s = Settings()
print(Settings.doubled)
print(Settings.names)
print(Settings.first_iter)
print(s.lam(), s.method(), s.via_class())

# A class body can read a name then shadow it
class Shadow:
    y = y + " (read from module in class body)"
print(Shadow.y, "|", y)

# Names defined in class body for later methods via self/cls
class Registry:
    items = []
    count = 0

    @classmethod
    def register(cls, item):
        cls.items.append(item)
        cls.count += 1
        return cls.count

    def size(self):
        try:
            return count
        except NameError as e:
            return f"NameError: {e}"

print(Registry.register("a"), Registry.register("b"), Registry.items)
print(Registry().size())

# Nested classes: inner class body cannot see outer class names
class Outer:
    value = 1
    class Inner:
        try:
            seen = value
        except NameError as e:
            seen = f"NameError: {e}"
    result = Inner.seen
print(Outer.result)

# Class body inside a function sees the function's locals (closure)
def build(tag):
    count = 3
    class Built:
        label = tag.upper()
        series = [tag * i for i in range(count)]
        def describe(self):
            return f"{tag}:{count}"
    return Built

B = build("ab")
print(B.label, B.series, B().describe())

# A class body variable and a function local of the same name
def tricky():
    name = "function local"
    class C:
        name = "class attr"
        got = name
        def get(self):
            return name
    return C.got, C().get()
print(tricky())

# Class body with a local assigned after a free read: uses the global (LOAD_NAME / CLASSDEREF)
z = "global z"
def with_classderef():
    z = "enclosing z"
    class K:
        before = z
        z = "class z"
        after = z
    return K.before, K.after
print(with_classderef())

# __qualname__ and __module__ are set by the class body
class Q:
    def m(self):
        def local():
            pass
        return local
    class Nested:
        pass
print(Q.__qualname__, Q.m.__qualname__, Q().m().__qualname__, Q.Nested.__qualname__, Q.__module__)

# Comprehensions at module level and in functions: own scope, walrus leaks out
data = [3, 1, 4, 1, 5, 9, 2, 6]
print([v for v in data if v > 3], "v" in globals())
print([last := v for v in data if v % 2 == 0], last)
def walrus_in_function():
    found = None
    if any((found := v) > 4 for v in data):
        return found
print(walrus_in_function())

# dict/set comprehensions and nested comprehension scoping
matrix = [[1, 2], [3, 4]]
print({i: [row[i] for row in matrix] for i in range(2)})
print({v % 3 for row in matrix for v in row})

# class attribute access errors
try:
    Settings.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    s.missing
except AttributeError as e:
    print("AttributeError:", e)

# locals() in a class body
class WithLocals:
    a = 1
    b = 2
    snapshot = sorted(k for k in locals() if not k.startswith("__"))
print(WithLocals.snapshot)
