# printf-style % formatting: all conversions and flags
ints = [0, 7, -7, 255, -255, 2**40]
for n in ints:
    print("%d|%i|%u|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%#X|%o|%#o|%08.3d" % (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n))
floats = [0.0, 1.5, -2.25, 3.14159265, 1e10, 1.23e-5, 123456.789, -0.0]
for x in floats:
    print("%f|%.2f|%10.3f|%-10.1f|%+.1f|%e|%.3E|%g|%G|%.3g|%#g|%010.2f|% .2f|%#.0f" % ((x,) * 14))
print("%s|%r|%a|%c|%c|%%|%5s|%-5s|%.2s|%5.1s|" % ("str", "rep", "é", 65, "z", "ab", "cd", "efg", "hij"))
print("%s %s" % (None, [1, 2]), "%r" % ("it's",), "%s" % ((1, 2),), "%d%%" % 50, "%s" % {"k": 1})
print("%(name)s is %(age)d, %(name)r again, %(pct).1f%%" % {"name": "Ann", "age": 30, "pct": 99.44})
print("%*d|%-*d|%.*f|%*.*f" % (6, 42, 6, 42, 2, 3.14159, 8, 3, 2.71828))
print("%x %o %X" % (255, 8, 3054), "%d" % 3.99, "%d" % True, "%i" % -0.5, "%s" % True)
print("%c%c%c" % (0x65e5, 0x672c, 0x1F600), "%5c|%-3c|" % ("x", "y"), "%.0e" % 12345, "%#.3x" % 5, "%#5o" % 8)
print("%.15g %.17g %.1f %.0f %.0f %.0f" % (0.1, 0.1, 0.05, 0.5, 1.5, 2.5), "%e" % 0, "%g" % 1e-5, "%g" % 123456789)
print("%10.4s|%-10r|%+5s" % ("abcdefg", "x", "y"), "%s" % "", "%%s" % (), "no args" % ())

class P:
    def __str__(self): return "P-str"
    def __repr__(self): return "P-repr"
    def __index__(self): return 42
print("%s %r %d %x" % (P(), P(), P(), P()))
class FI:
    def __int__(self): return 7
    def __float__(self): return 7.5
print("%.1f %s" % (FI(), "ok"))
errors = [
    ("%d", "x"), ("%d", None), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%c", "ab"), ("%c", -1), ("%c", 0x110000),
    ("%(k)s", ("a",)), ("%(k)s", {"j": 1}), ("%z", 1), ("%", 1), ("%.", 1), ("%x", 1.5), ("%f", "1.0"),
    ("%*d", ("a", 1)), ("%d %d", (1,)), ("%s", ()), ("%o", 3.0),
]
for fmt, args in errors:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)

def report(rows):
    lines = ["%-10s %8s %6s" % ("item", "price", "qty")]
    total = 0
    for name, price, qty in rows:
        lines.append("%-10.10s %8.2f %6d" % (name, price, qty))
        total += price * qty
    lines.append("%-10s %8.2f %6s" % ("TOTAL", total, "-"))
    return "\n".join(lines)
print(report([("widget", 2.5, 4), ("gadget-extra-long", 10.0, 1), ("thing", 0.333, 3)]))
print("%s" % [("a", 1)], "%5.2f%%" % 12.345, "[%-8s]" % "left", "[%8s]" % "right", "%03d:%02d" % (7, 5))
print("%-+8.2f|%+-8d|%- 6d|%0-6d|% 06.1f" % (3.14159, 42, 7, 9, -2.5))
print("%ld %hd %Lf" % (5, 6, 1.5) if True else "", "%i" % 2**70, "%X" % -2**65, "%#o" % -8, "%.3s" % None)
print("%(a)s %(a)s %(b)05.1f" % {"a": "x", "b": 2.25}, "%()s" % {"": "empty"}, "%(a)*d" % {"a": 1} if False else "skip")
