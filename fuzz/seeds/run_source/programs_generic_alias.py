print(list[int], dict[str, list[int]], tuple[()], tuple[int, ...], list[int].__origin__, list[int].__args__, list[int]([1,2]), type(list[int]))
print(int | None, int | str | int, type(int|str), (int|str).__args__, isinstance(3, int|str), isinstance(3.0, int|str), int | int, list[int] | None, None | int)
print(list[int] == list[int], hash(list[int]) == hash(list[int]), (int|str) == (str|int), issubclass(bool, int|str))
class C(list[int]): pass
print(C.__mro__, C.__orig_bases__)
try: isinstance([], list[int])
except TypeError as e: print(e)
try: int | 3
except TypeError as e: print(e)
print(repr(type[int]), dict[str, 'x'])
def f(x: list[int], y: int | None = None) -> dict[str, int]: return {}
print(f.__annotations__)
