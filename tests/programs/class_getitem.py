# __class_getitem__ and builtin generic aliases; precedence vs metaclass __getitem__


class Registry:
    seen = []

    def __class_getitem__(cls, item):
        cls.seen.append(item)
        return f"{cls.__name__}[{item if not isinstance(item, type) else item.__name__}]"


print(Registry[int], Registry["key"], Registry[1, 2])
print(Registry.seen)
print(type(Registry.__dict__["__class_getitem__"]).__name__)


class Sub(Registry):
    pass


print(Sub[str])
try:
    Registry()[0]
except TypeError as e:
    print(type(e).__name__, e)


class Typed:
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        name = f"{cls.__name__}[{', '.join(p.__name__ for p in params)}]"
        return type(name, (cls,), {"params": params})

    def __init__(self, *values):
        for v, p in zip(values, self.params):
            if not isinstance(v, p):
                raise TypeError(f"expected {p.__name__}, got {type(v).__name__}")
        self.values = values


IntStr = Typed[int, str]
print(IntStr.__name__, IntStr.params, issubclass(IntStr, Typed))
print(IntStr(1, "a").values)
try:
    IntStr("a", 1)
except TypeError as e:
    print(type(e).__name__, e)


class Meta(type):
    def __getitem__(cls, item):
        return f"Meta.__getitem__({item})"


class Both(metaclass=Meta):
    def __class_getitem__(cls, item):
        return f"__class_getitem__({item})"


print(Both[1])


class NoHook:
    pass


try:
    NoHook[int]
except TypeError as e:
    print(type(e).__name__, e)

la = list[int]
print(la, type(la).__name__, la.__origin__ is list, la.__args__)
print(dict[str, list[int]], tuple[int, ...], type[int])
print(la([1, 2]), type(la([1, 2])).__name__, la == list[int], la != list[str])
print(isinstance([], list), repr(set[frozenset[str]]))
try:
    isinstance([], list[int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(list, list[int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)


class MyList(list):
    pass


print(MyList[int], MyList[int]([3]), type(MyList[int]([3])).__name__)


class NotClassmethod:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)


print(NotClassmethod[5])


def make(cls_name):
    def cgi(cls, item):
        return f"dynamic {cls.__name__}[{item}]"
    return type(cls_name, (), {"__class_getitem__": cgi})


D = make("Dyn")
print(D["x"])
print(list[int].__parameters__, (list[int] | None), type(list[int] | None).__name__)
