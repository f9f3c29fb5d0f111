def f(a, b=2, *args, c, d=4, **kwargs):
    return a, b, args, c, d, kwargs


print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))


def posonly(a, b, /, c):
    return a + b + c


print(posonly(1, 2, c=3), posonly(1, 2, 3))


def defaults(x=[]):
    x.append(1)
    return len(x)


print(defaults(), defaults(), defaults([]))


def varargs(*args, **kwargs):
    return args, sorted(kwargs.items())


print(varargs(), varargs(1, 2, a=3))
square = lambda n: n * n
print(square(7), (lambda *a: sum(a))(1, 2, 3), (lambda: "empty")())


def decorator(fn):
    def wrapper(*args, **kwargs):
        return "<" + str(fn(*args, **kwargs)) + ">"

    wrapper.__name__ = fn.__name__
    return wrapper


@decorator
def greet(name):
    return "hi " + name


print(greet("bob"), greet.__name__)


def recursive_sum(n):
    return 0 if n == 0 else n + recursive_sum(n - 1)


print(recursive_sum(100))


def gen_fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


g = gen_fib()
print([next(g) for _ in range(10)])


def annotated(x: int, y: "str" = "s") -> list:
    return [x, y]


print(annotated(1), annotated.__annotations__, annotated.__defaults__, annotated.__name__, annotated.__qualname__)


def outer():
    def inner():
        pass

    return inner


print(outer().__qualname__, f.__code__.co_varnames, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
print(callable(f), callable(1), f.__kwdefaults__, posonly.__code__.co_posonlyargcount)


def keyword_only(*, a, b=1):
    return a + b


print(keyword_only(a=1), keyword_only(b=2, a=3))
for args in [(), (1, 2)]:
    try:
        keyword_only(*args)
    except TypeError as e:
        print(e)
for call in [lambda: f(), lambda: f(1, 2, 3), lambda: posonly(a=1, b=2, c=3), lambda: f(1, a=2, c=3), lambda: (lambda x: x)(1, 2)]:
    try:
        call()
    except TypeError as e:
        print(e)


def many(a, b, c, d):
    pass


for call in [lambda: many(1), lambda: many(1, 2), lambda: many()]:
    try:
        call()
    except TypeError as e:
        print(e)
