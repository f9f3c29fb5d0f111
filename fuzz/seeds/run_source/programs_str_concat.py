# `s += t` may append in place when nothing else can see `s`: every way
# something else can see it must still see the old text.


def aliases():
    s = "ab"
    t = s
    s += "c"
    print(s, t)
    u = "x" * 3
    held = [u]
    u += "y"
    print(u, held)
    v = "q"
    v += v
    v += v
    print(v)
    k = "key" + str(1)
    d = {k: 1}
    k += "!"
    print(d, k, d.get("key1"))
    c = "a"
    c += "b"
    print(c, "a", chr(97))
    n = "é"
    n += "ü"
    n += "x"
    print(n, len(n), n[1], n[-1])


def hashes():
    w = ""
    seen = {}
    for i in range(6):
        seen[hash(w)] = w
        w += str(i)
        print(hash(w) == hash("012345"[: i + 1]), w in {"012345"[: i + 1]})
    print(len(seen))


def loop_build(n):
    out = ""
    for i in range(n):
        out += "%d," % i
    return out


def through_cell():
    s = "cell"

    def more():
        return s + "!"

    s += "ed"
    return s, more()


def unbound_after_error():
    s = "text"
    try:
        s += 5
    except TypeError as e:
        print("TypeError:", e)
    print(s)


aliases()
hashes()
built = loop_build(20000)
print(len(built), built[:20], built[-12:])
print(through_cell())
unbound_after_error()
g = "module"
g += " level"
print(g)


class Sub(str):
    pass


x = Sub("sub")
x += "str"
print(type(x).__name__, x)
