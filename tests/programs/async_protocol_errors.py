# The TypeErrors of objects that do not follow the async protocols.
class A:
    async def __aenter__(self): return self
    def __aexit__(self, *a): return 1
class B:
    def __aenter__(self): return 1
    async def __aexit__(self, *a): pass
class N:
    def __aiter__(self): return self
    def __anext__(self): return 5
async def f(m):
    async with m():
        pass
async def g():
    async for x in N(): pass
for m in (A, B):
    try: f(m).send(None)
    except Exception as e: print(type(e).__name__, e, repr(e.__cause__), repr(e.__context__))
try: g().send(None)
except Exception as e: print(type(e).__name__, e, repr(e.__cause__))
c = f(A)
try: iter(c)
except Exception as e: print(type(e).__name__, e)
try: next(c)
except Exception as e: print(type(e).__name__, e)
c.close()
