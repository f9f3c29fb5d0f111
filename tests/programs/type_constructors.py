# Calling the function, cell and module types (types.FunctionType with a closure,
# types.CellType, types.ModuleType) and their argument errors.
def f(): pass
def outer():
    x = 1
    def inner(): return x
    return inner
g = outer()
FT = type(f); CT = type(g.__closure__[0]); MT = type(__import__('sys'))
for expr in ["FT(f.__code__, globals())()", "FT(g.__code__, {}, 'h', None, (CT(5),))()",
             "FT(g.__code__, {}, 'h', None, (CT(5),)).__name__", "FT(g.__code__, {}, 'h', (1,), (CT(5), CT(6)))",
             "FT(g.__code__, {}, 'h', (1,), (5,))", "FT(f.__code__, {}, 3)", "FT(f.__code__, {}, 'n', [1])",
             "FT(f.__code__, {}, closure=(CT(1),))", "FT(f.__code__, {}, 'n', (4,)).__defaults__",
             "CT().__class__.__name__", "repr(CT())[:9]", "CT(3).cell_contents", "CT(1, 2)",
             "MT('m', 'doc').__doc__", "MT('m').__name__", "MT()", "MT(3)", "repr(MT('plain'))",
             "f.__code__.replace(co_name='z').co_name",
             "type(f.__code__)", "FT(g.__code__, {})", "FT(1, {})", "FT(f.__code__, 1)", "FT(f.__code__)"]:
    try: print(expr, "->", eval(expr))
    except Exception as e: print(expr, "->", type(e).__name__, e)
