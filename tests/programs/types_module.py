# The types module: the built-in types by name, SimpleNamespace, MappingProxyType,
# new_class/prepare_class/resolve_bases, coroutine, DynamicClassAttribute.
import types
names = sorted(n for n in dir(types) if not n.startswith("_"))
print(names)
def f(): pass
print(types.FunctionType is type(f), types.LambdaType is types.FunctionType)
for n in ["CodeType", "CellType", "GeneratorType", "CoroutineType", "AsyncGeneratorType", "MethodType",
          "BuiltinFunctionType", "BuiltinMethodType", "WrapperDescriptorType", "MethodWrapperType",
          "MethodDescriptorType", "ClassMethodDescriptorType", "ModuleType", "TracebackType", "FrameType",
          "GenericAlias", "UnionType", "EllipsisType", "NoneType", "NotImplementedType", "MappingProxyType", "SimpleNamespace"]:
    print(n, getattr(types, n).__name__)
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x"), ns != types.SimpleNamespace(a=2))
ns.c = ns; print(ns)
mp = types.MappingProxyType({"k": 1, "j": 2})
print(mp, mp["k"], len(mp), list(mp), "k" in mp, mp.get("z", 0), sorted(mp.items()), mp | {"q": 3})
try: mp["x"] = 1
except TypeError as e: print("TypeError", e)
try: types.MappingProxyType([1])
except TypeError as e: print("TypeError", e)
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw); return {"extra": 1}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
C = types.new_class("C", (), {"metaclass": Meta, "flag": True}, lambda ns: ns.update(x=5))
print(C.__name__, C.x, C.extra, type(C).__name__)
print(types.prepare_class("D", (int,)))
class Alias:
    def __mro_entries__(self, bases): return (dict,)
print(types.resolve_bases((Alias(), int)), types.new_class("E", (Alias(),)).__orig_bases__[0].__class__.__name__)
@types.coroutine
def gen():
    x = yield "tick"
    return x * 2
async def main():
    return await gen()
c = main(); print(c.send(None))
try: c.send(21)
except StopIteration as e: print("result", e.value)
M = types.ModuleType("mod", "the doc"); print(M, M.__doc__)
fn = types.FunctionType(f.__code__, {"__name__": "zz"}, "renamed"); print(fn.__name__, fn.__module__, fn())
print(types.CellType(4).cell_contents, types.MethodType(lambda s: s, 7)())
class Z:
    @types.DynamicClassAttribute
    def name(self): return "inst"
print(Z().name)
try: Z.name
except AttributeError: print("class access AttributeError")
