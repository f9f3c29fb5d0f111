def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


print(list(countdown(3)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)


def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"


e = echo()
print(next(e), e.send(1), e.send("two"))
e.close()


def delegator():
    result = yield from countdown(2)
    yield result


print(list(delegator()))
squares = (x * x for x in range(5))
print(sum(squares), list(squares))


def pipeline():
    evens = (n for n in range(20) if n % 2 == 0)
    doubled = map(lambda n: n * 2, evens)
    return [n for n in doubled if n > 10]


print(pipeline())


def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")


gen = with_finally()
print(next(gen))
gen.close()


def catcher():
    try:
        yield 1
    except ValueError as err:
        yield f"caught {err}"


c = catcher()
next(c)
print(c.throw(ValueError("boom")))
print(list(zip(countdown(3), "abc")), dict(enumerate(countdown(2))))


def infinite():
    i = 0
    while True:
        yield i
        i += 1


for v in infinite():
    if v > 3:
        break
    print(v, end=" ")
print()
nested = [[1, 2], [3], []]
print([x for sub in nested for x in sub], list(x for sub in nested for x in sub))


def gen_with_return():
    yield 1
    return 99


def outer_gen():
    value = yield from gen_with_return()
    print("inner returned", value)


list(outer_gen())
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(type(countdown(1)).__name__, iter(range(2)).__class__.__name__)
