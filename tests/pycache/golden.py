"""A module whose cache file is committed next to it: the same source must
compile to the same bytes on every machine."""
import sys

LIMIT = 10**20
RATIO = 2.5
PARTS = (1, "two", b"three", None, ..., -4j, frozenset({5}))


def outer(a, /, b=2, *args, c, **kw):
    total = 0

    def inner(x):
        nonlocal total
        total += x
        return total

    try:
        for i in range(a):
            inner(i * b)
    except ValueError as err:
        raise RuntimeError("bad") from err
    finally:
        pass
    return [total + y for y in args if y], {k: v for k, v in kw.items()}, c


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name!r} has {self.sides:>3} sides: {super().__repr__()}"


async def fetch(source):
    async with source as s:
        async for item in s:
            yield await item


match sys.argv:
    case [_, "x", *rest] if rest:
        print(rest)
    case {"k": v}:
        print(v)
    case _:
        pass
