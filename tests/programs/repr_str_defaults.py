# __repr__/__str__ defaults and interplay: str falls back to repr, containers use repr


def shape(text):
    # replace the hex address with a placeholder so output is deterministic
    out = []
    i = 0
    while i < len(text):
        if text.startswith(" at 0x", i):
            out.append(" at ADDR")
            i += 6
            while i < len(text) and text[i] in "0123456789abcdefABCDEF":
                i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class Plain:
    pass


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class OnlyStr:
    def __str__(self):
        return "OnlyStr as str"


class Both:
    def __repr__(self):
        return "Both-repr"

    def __str__(self):
        return "Both-str"


print(shape(repr(Plain())))
print(shape(str(Plain())))
print(repr(OnlyRepr()), str(OnlyRepr()), f"{OnlyRepr()}", f"{OnlyRepr()!r}")
print(shape(repr(OnlyStr())), str(OnlyStr()), f"{OnlyStr()}")
print(repr(Both()), str(Both()), [Both()], (Both(),), {"k": Both()}, {Both()})
print(shape(str([OnlyStr()])), "%s|%r" % (Both(), Both()))
print("{} {!r} {!s} {!a}".format(Both(), Both(), Both(), Both()))


class Outer:
    class Inner:
        pass


print(shape(repr(Outer.Inner())), repr(Outer.Inner), repr(Outer))
print(repr(Plain), str(Plain), repr(int), repr(type), repr(object))
print(shape(repr(Plain.__init__)), shape(repr(Plain().__init__)))


def func():
    pass


print(shape(repr(func)), shape(repr(lambda: 0)), repr(len), repr(print))


class Method:
    def m(self):
        pass


print(shape(repr(Method.m)), shape(repr(Method().m)))
print(shape(object.__repr__(Both())), object.__str__(Both()))


class BadRepr:
    def __repr__(self):
        return 123


class BadStr:
    def __str__(self):
        return None


for fn, obj in ((repr, BadRepr()), (str, BadRepr()), (str, BadStr()), (print, BadStr())):
    try:
        fn(obj)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    [BadRepr()].__repr__()
except TypeError as e:
    print(type(e).__name__, e)


class StrSub(str):
    pass


class ReprReturnsSub:
    def __repr__(self):
        return StrSub("subclass repr")


print(repr(ReprReturnsSub()), type(repr(ReprReturnsSub())).__name__)


class Recursive:
    def __init__(self):
        self.items = [self]

    def __repr__(self):
        return f"Recursive({self.items})"


try:
    repr(Recursive())
except RecursionError as e:
    print(type(e).__name__)
lst = [1]
lst.append(lst)
d = {"a": 1}
d["self"] = d
print(lst, d)


class Unicode:
    def __repr__(self):
        return "Ünïcödé"


print(repr(Unicode()), ascii(Unicode()), ascii([Unicode()]))
print(repr(None), repr(True), repr(...), repr(NotImplemented), repr(1.0), repr(-0.0), repr(1e100))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\\"), str(b"bytes"))
print(repr(range(3)), repr(slice(1, 2)), repr(frozenset()), repr(set()), repr({}), repr(()), repr((1,)))
