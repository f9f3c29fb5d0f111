# Iterator protocol edge cases: __iter__ returning non-iterators, __next__ errors, generators as __iter__

class ReturnsList:
    def __iter__(self):
        return [1, 2, 3]

class ReturnsNone:
    def __iter__(self):
        pass

class ReturnsSelfNoNext:
    def __iter__(self):
        return self

class GoodIter:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i

class GenIter:
    def __init__(self, *vals):
        self.vals = vals

    def __iter__(self):
        for v in self.vals:
            yield v * 10

def attempt(label, fn):
    try:
        print(label, fn())
    except TypeError as e:
        print(label, type(e).__name__, e)

attempt("iter(ReturnsList)", lambda: iter(ReturnsList()))
attempt("list(ReturnsList)", lambda: list(ReturnsList()))
attempt("for ReturnsNone", lambda: [x for x in ReturnsNone()])
attempt("iter(ReturnsSelfNoNext)", lambda: iter(ReturnsSelfNoNext()))
attempt("unpack ReturnsList", lambda: [*ReturnsList()])
attempt("next(list)", lambda: next([1, 2]))
attempt("next(int)", lambda: next(5))
attempt("next(GoodIter)", lambda: next(GoodIter(1)))
attempt("list(GoodIter)", lambda: list(GoodIter(3)))
attempt("GenIter", lambda: list(GenIter(1, 2)))
attempt("sum(GenIter)", lambda: sum(GenIter(1, 2, 3)))
attempt("zip fail", lambda: list(zip([1], ReturnsNone())))
attempt("yield from", lambda: list((lambda: (yield from ReturnsList()))()))
attempt("in", lambda: 2 in ReturnsList())
attempt("dict()", lambda: dict(GoodIter(2)))
attempt("a, b = 1", lambda: exec("a, b = 1"))

def unpack(it, n):
    if n == 2:
        a, b = it
        return a, b
    a, b, c = it
    return a, b, c

for obj, n in [(GoodIter(3), 2), (GoodIter(1), 3), (GoodIter(3), 3), ("ab", 2)]:
    try:
        print(unpack(obj, n))
    except ValueError as e:
        print(type(e).__name__, e)

g = GoodIter(2)
print(next(g), next(g), next(g, "exhausted"), next(g, None))
try:
    next(g)
except StopIteration as e:
    print(type(e).__name__, repr(e.args))

class NextRaisesValue:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("bad element")

try:
    for x in NextRaisesValue():
        pass
except ValueError as e:
    print(type(e).__name__, e)

class StopWithValue:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(42)

print(list(StopWithValue()))

def gen_wrapper():
    result = yield from StopWithValue()
    yield result

print(list(gen_wrapper()))

def bad_gen():
    yield 1
    raise StopIteration("inside generator")

try:
    list(bad_gen())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

class Reusable:
    def __init__(self, data):
        self.data = data

    def __iter__(self):
        return iter(self.data)

r = Reusable([3, 1, 2])
print(sorted(r), list(r), min(r), max(r), list(map(lambda x: -x, r)))
it = iter(r)
print(iter(it) is it, list(it), list(it))

class IterAttr:
    pass

ia = IterAttr()
ia.__iter__ = lambda: iter([1])
attempt("instance __iter__ ignored", lambda: list(ia))
IterAttr.__iter__ = lambda self: iter(["class-level"])
attempt("class __iter__ added later", lambda: list(ia))
print(list(iter(GoodIter(5).__next__, 3)))
