# format-spec mini-language for strings and the format() builtin with user types
words = ["", "a", "hello", "日本語", "toolongword"]
specs = ["", "s", "10", "<10", ">10", "^10", "*^9", "-<6", ".3", "10.2", ">8.4s", "0>5", "^", "1", "_<3"]
for w in words:
    print(" | ".join(repr(format(w, sp)) for sp in specs))
for sp in ["d", "+", " ", "#", ",", "=10", "010", "x", "z", "-"]:
    try:
        print(sp, repr(format("abc", sp)))
    except ValueError as e:
        print(sp, "ValueError", e)

class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        unit = spec[-1:] if spec[-1:] in ("C", "F", "K") else "C"
        body = spec[:-1] if spec[-1:] in ("C", "F", "K") else spec
        value = {"C": self.c, "F": self.c * 9 / 5 + 32, "K": self.c + 273.15}[unit]
        return format(value, body or ".1f") + "°" + unit
t = Temp(21.5)
print(format(t), format(t, "F"), format(t, ".3K"), f"{t:>8.0C}", "{:F}".format(t), f"{t!s:.9}")

class NoFormat:
    pass
nf = NoFormat()
print(format(nf, "") .startswith("<__main__.NoFormat object"), f"{nf!r:.10}")
try:
    format(nf, ">10")
except TypeError as e:
    print("TypeError", e)

class BadFormat:
    def __format__(self, spec):
        return 42
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError", e)
try:
    f"{BadFormat()}"
except TypeError as e:
    print("TypeError", e)

class Both:
    def __str__(self): return "str!"
    def __repr__(self): return "repr!"
b = Both()
print(format(b), f"{b}", f"{b!r}", f"{b!s:>6}", "{}".format(b), "{!r:^9}".format(b), str(b), repr(b), format(b, ""))
print(format(None), format([1, 2]), format((1,), ""), format({"a": 1}), format(Ellipsis), format(NotImplemented))
try:
    format([1, 2], "10")
except TypeError as e:
    print("TypeError", e)
try:
    format(None, "s")
except TypeError as e:
    print("TypeError", e)

def box(lines, width=20, align="^"):
    out = ["+" + "-" * width + "+"]
    for ln in lines:
        out.append("|" + format(ln, f"{align}{width}.{width}") + "|")
    out.append("+" + "-" * width + "+")
    return "\n".join(out)
print(box(["Title", "a somewhat longer line that overflows", "", "end"]))
print(box(["left", "aligned"], 10, "<"))
print(box(["right"], 8, ">"))
print(str.__format__("x", "^5"), "x".__format__(">3"), object.__format__(b, ""), type(format(1, "")).__name__)
try:
    object.__format__(b, "x")
except TypeError as e:
    print("TypeError", e)
print(f"{'abc':{'>'}{5}}", f"{'q':{'*'}^{7}}", f"{'z'!r:>{2 + 3}}", f"{'trunc':.{2}}")
