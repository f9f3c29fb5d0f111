# dict methods, insertion order, merge operators
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, 20 in d, d.keys(), d.values(), d.items())
print(d.pop("a"), d.pop("zz", "dflt"), d, d.setdefault("b", 99), d.setdefault("new", []), d)
d.setdefault("new", []).append(1)
d.update({"x": 1}, y=2)
d.update([("z", 26), ("b", 0)])
print(d)
print(d.popitem(), d.popitem(), d)
del d["new"]
print(d, d.copy(), d.copy() == d, d.copy() is d)
for bad in [lambda: d["missing"], lambda: d.pop("missing"), lambda: {}.popitem(), lambda: d.update(5), lambda: d.update([1, 2]),
            lambda: d.update([("a", 1, 2)]), lambda: {[1]: 2}, lambda: d.__delitem__("q"), lambda: dict([1]), lambda: d.get(),
            lambda: dict(1, 2), lambda: {}.fromkeys()]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(dict(), dict(a=1, b=2), dict([("k", "v")]), dict({"x": 1}, y=2), dict(zip("abc", range(3))), dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append("oops")
print(shared)
x = {"a": 1, "b": 2}
y = {"b": 3, "c": 4}
print(x | y, y | x, x, {**x, **y}, {**y, "a": 0})
x |= y
print(x)
x |= [("d", 5)]
print(x)
try:
    x | [("e", 1)]
except TypeError as e:
    print("TypeError", e)
d2 = {}
for i, ch in enumerate("mississippi"):
    d2.setdefault(ch, []).append(i)
print(d2, sorted(d2, key=lambda k: -len(d2[k])))
counts = {}
for w in "a b a c b a d".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: kv[1], reverse=True))
order = {}
for k in [5, 3, 9, 1]:
    order[k] = None
del order[3]
order[3] = None
order[5] = "updated"
print(list(order), order)
print({1: "a", 1.0: "b", True: "c"}, {0: 1, False: 2}, {(1, 2): "t", frozenset({1}): "f", None: "n", 2.5: "x"})
print({"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {1: [1]} != {1: [2]}, dict(a=1) == {"a": 1})
try:
    {"a": 1} < {"b": 2}
except TypeError as e:
    print("TypeError", e)
inverted = {v: k for k, v in {"one": 1, "two": 2, "uno": 1}.items()}
print(inverted, {k: v for k, v in zip(range(3), "xyz") if k != 1}, dict(sorted({"b": 1, "a": 2}.items())))
nested = {"cfg": {"db": {"host": "h", "port": 5432}, "debug": True}}
print(nested["cfg"]["db"]["port"], nested.get("cfg", {}).get("missing", {}).get("x", "deep-default"))
def deep_merge(a, b):
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = v
    return out
print(deep_merge(nested, {"cfg": {"db": {"port": 6543, "user": "u"}, "debug": False}, "extra": 1}))
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "hello":
    c[ch] += 1
print(c, c["zzz"], "zzz" in c, type(c).__name__, c.get("zzz"), isinstance(c, dict))
rec = {}
rec["self"] = rec
print(rec, len(rec))
print(dict.__name__, {}.__len__(), {1: 2}.__getitem__(1), {1: 2}.__contains__(1), list(reversed({"a": 1, "b": 2, "c": 3})))
print(list(reversed({"a": 1, "b": 2}.items())), list(reversed({"a": 1, "b": 2}.values())), iter({}).__class__.__name__)
print(repr({}), str({"q": "it's"}), {"k": {"n": [1, {"m": ()}]}}, {1: 1}.items().__class__.__name__, dict.fromkeys(range(3), "v"))
