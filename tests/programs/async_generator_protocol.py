# The awaitables of async generators (__anext__/asend/athrow/aclose), aiter/anext,
# and their states and errors, driven by hand with send().
async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("fin")
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def main():
    g = agen()
    print(type(g).__name__, g.__aiter__() is g, type(g.__anext__()).__name__, type(g.aclose()).__name__, type(g.athrow(ValueError)).__name__)
    print([x async for x in agen()])
    g = agen()
    print(await g.__anext__())
    print(await g.asend(None))
    try:
        await g.__anext__()
    except StopAsyncIteration as e:
        print("SAI", repr(e))
    print(await g.aclose())
    try:
        print(await g.athrow(ValueError))
    except Exception as e:
        print(type(e).__name__, e)
    g = agen()
    await g.__anext__()
    try:
        await g.athrow(KeyError("k"))
    except KeyError as e:
        print("KE", e)
    g = agen()
    a = g.__anext__()
    try: print(a.send(None))
    except StopIteration as e: print("SI", e.value)
    try: print(a.send(None))
    except Exception as e: print(type(e).__name__, e)
    try: print(await anext(agen()))
    except Exception as e: print(type(e).__name__, e)
    async def empty():
        return
        yield
    print(await anext(empty(), "dflt"))
    try: await anext(empty())
    except StopAsyncIteration as e: print("SAI2", repr(e))
    try: anext(1)
    except Exception as e: print(type(e).__name__, e)
    try: aiter(1)
    except Exception as e: print(type(e).__name__, e)
    g = agen(); print(aiter(g) is g)
    print(g.ag_running, g.ag_await, type(g.ag_frame).__name__, g.ag_code.co_name, g.__name__, g.__qualname__)
    g2 = agen()
    n = g2.__anext__()
    n.send(None) if False else None
    print(hasattr(g, '__next__'), hasattr(g, 'send'), hasattr(g, '__iter__'))
    async def c(): pass
    co = c(); print(hasattr(co, '__next__'), hasattr(co, '__iter__'), hasattr(co, 'send')); co.close()
    async def ign():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    g = ign(); await g.__anext__()
    try: await g.aclose()
    except Exception as e: print(type(e).__name__, e)
    async def sai():
        raise StopAsyncIteration
        yield
    try: await sai().__anext__()
    except Exception as e: print(type(e).__name__, e)
    g = agen()
    try: await g.asend(5)
    except Exception as e: print(type(e).__name__, e)
    a = agen().athrow(ValueError)
    try: a.send(5)
    except Exception as e: print(type(e).__name__, e)
    async def echo():
        x = yield 'first'
        while True:
            x = yield x * 2
    g = echo()
    print(await g.asend(None), await g.asend(5), await g.asend(7))
    await g.aclose()
run(main())
