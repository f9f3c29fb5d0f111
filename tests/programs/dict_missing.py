# __missing__ on dict subclasses: when it is consulted and when it is not


class DefaultDict(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory
        self.misses = []

    def __missing__(self, key):
        self.misses.append(key)
        value = self[key] = self.factory()
        return value


dd = DefaultDict(list)
dd["a"].append(1)
dd["a"].append(2)
dd["b"].append(3)
print(dd, dd.misses)
print(dd.get("zzz"), "zzz" in dd, dd.misses)
print(dd.setdefault("c", "set"), dd.pop("c"), dd.misses)
print(sorted(dd.keys()), type(dd).__name__, isinstance(dd, dict))


class Counter(dict):
    def __missing__(self, key):
        return 0


words = "the cat and the hat and the bat".split()
c = Counter()
for w in words:
    c[w] += 1
print(sorted(c.items()), c["nothing"], len(c), "nothing" in c)


class Chain(dict):
    def __init__(self, parent=None, **kw):
        super().__init__(**kw)
        self.parent = parent

    def __missing__(self, key):
        if self.parent is None:
            raise KeyError(f"undefined name {key!r}")
        return self.parent[key]


globals_ = Chain(x=1, y=2)
locals_ = Chain(globals_, y=20, z=30)
inner = Chain(locals_, z=300)
print(inner["x"], inner["y"], inner["z"])
try:
    inner["w"]
except KeyError as e:
    print(type(e).__name__, e)


class NotADict:
    def __missing__(self, key):
        return "never used"

    def __getitem__(self, key):
        raise KeyError(key)


try:
    NotADict()["k"]
except KeyError as e:
    print(type(e).__name__, e)


class MissingRaisesOther(dict):
    def __missing__(self, key):
        raise LookupError(f"custom miss {key}")


try:
    MissingRaisesOther()["q"]
except LookupError as e:
    print(type(e).__name__, e)


class InstanceMissing(dict):
    pass


im = InstanceMissing()
im.__missing__ = lambda key: "instance attr"
try:
    im["x"]
except KeyError as e:
    print(type(e).__name__, e)


class Upper(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.upper())

    def __missing__(self, key):
        return f"missing<{key}>"


u = Upper(A=1)
print(u["a"], u["b"], u.get("a"), u.get("A"))


class Template(dict):
    def __missing__(self, key):
        return "{" + key + "}"


print("Hello {name}, you are {age}".format_map(Template(name="Ann")))
print("%(name)s is %(role)s" % Template(name="Bob"))


class Memo(dict):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, n):
        result = self[n] = self.fn(self, n)
        return result


fib = Memo(lambda memo, n: n if n < 2 else memo[n - 1] + memo[n - 2])
print(fib[80], len(fib))

m2 = DefaultDict(int, {"x": 5})
print(m2["x"], m2["y"], m2, m2.misses)
copy = dict(m2)
print(type(copy).__name__, copy)
try:
    copy["nope"]
except KeyError as e:
    print(type(e).__name__, e)
print(DefaultDict(int) == {}, m2 == {"x": 5, "y": 0}, {**m2})
