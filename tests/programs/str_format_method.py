# str.format: positional/keyword fields, attributes, indices, conversions, nesting
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"
    def __format__(self, spec):
        if spec == "polar":
            return "r={:.2f}".format((self.x ** 2 + self.y ** 2) ** 0.5)
        return format(str(self), spec)

p = Point(3, 4)
print("{} {} {}".format(1, "two", 3.0), "{0} {1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{0.x} {0.y} {p.x}".format(p, p=p), "{0[0]} {0[1]} {d[key]} {d[0]}".format([10, 20], d={"key": "v", 0: "zero"}))
print("{0!r} {1!s} {2!a} {0!r:>12}".format(p, p, "é"), "{:polar}".format(p), "{:>10}|".format(p), "{0:^12}".format(p))
print("{{literal}} {{{0}}} {{}}".format("x"), "{:{w}.{p}f}".format(3.14159, w=10, p=3), "{:{}{}}".format("x", ">", 5))
print("{0[1][0]} {0[2][k]}".format([0, [5, 6], {"k": "deep"}]), "{a.real} {a.imag}".format(a=2 + 3j))
print("{:,} {:_} {:,.2f} {:_x} {:#_b}".format(1234567, 1234567, 1234567.891, 0xDEADBEEF, 255))
print("{:*^20}".format(" centered "), "{:<8}|{:>8}|{:^8}|".format("l", "r", "c"), "{:=+8}".format(-42))
args = ["a", "b", "c"]
kw = {"name": "Zed", "n": 3}
print("{2}{1}{0}".format(*args), "{name} x{n}".format(**kw), "{}{}".format(*"xy"), "{0}{0}{0}".format("ha"))
print("{[0]}".format("seq"), "{0[-1]}".format({"-1": "strkey"}), "{.__class__.__name__}".format(1.5))
errors = [
    ("{}", ()), ("{1}", ("a",)), ("{x}", ()), ("{0.nope}", (1,)), ("{0[5]}", ([1],)), ("{", ()), ("}", ()),
    ("{0!x}", (1,)), ("{:d}", ("s",)), ("{:s}", (5,)), ("{0}{}", ("a", "b")), ("{}{0}", ("a", "b")),
    ("{:.2f}", ("x",)), ("{:,s}", ("x",)), ("{:=}", ("x",)), ("{0[}", ([1],)), ("{:>{w}}", ("x",)),
    ("{:x}", (1.5,)), ("{:c}", (-1,)), ("{0:}}", (1,)),
]
for fmt, a in errors:
    try:
        print(repr(fmt.format(*a)))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)

def render(template, **ctx):
    return template.format(**ctx)
rows = [("alice", 93.456, 1), ("bob", 7.1, 12), ("christopher", 100.0, 123)]
header = "{:<12}|{:>8}|{:>5}".format("name", "score", "rank")
print(header)
print("-" * len(header))
for name, score, rank in rows:
    print(render("{n:<12.12}|{s:>8.2f}|{r:>5d}", n=name, s=score, r=rank))
print("{:b} {:o} {:x} {:X} {:#x} {:#o} {:#b} {:c}".format(10, 10, 255, 255, 255, 8, 5, 97))
print("{:e} {:.3E} {:g} {:G} {:%} {:.1%} {:n} {:F}".format(12345.678, 0.000123, 1e20, 1e-20, 0.25, 1 / 3, 1234, float("inf")))
print(str.format("{}-{}", 1, 2), "{0:{1}}".format("pad", 6) + "|", format(p, "polar"), "{!s:>5}".format(None))
print("{0.x:03d},{0.y:+d}".format(p), "{a[1]}{a[0]}".format(a="xy"), "{:>{width}}".format("w", width=4), "{:{fill}<6}".format("f", fill="~"))
print("{:d}".format(True), "{}".format(True), "{:5}|".format(True), "{:f}".format(True), "{:s}".format("ok"))
print("{}".format([1, "a"]), "{!r}".format("q'uote"), "{:>6}".format(b"by".decode()), "{0:.0f} {0:.0e}".format(2.5))
