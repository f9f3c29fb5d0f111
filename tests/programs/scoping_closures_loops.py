# Closures created in loops, nonlocal counters, global declarations in a program.

# Late binding: all closures see the final loop value
handlers = []
for name in ["open", "save", "quit"]:
    handlers.append(lambda: f"handle {name}")
print([h() for h in handlers])

# Default argument captures the value at definition time
handlers = []
for name in ["open", "save", "quit"]:
    handlers.append(lambda name=name: f"handle {name}")
print([h() for h in handlers])

# A factory function gives each closure its own cell
def make_handler(action):
    def handler():
        return f"handle {action}"
    return handler
print([make_handler(n)() for n in ["open", "save"]])

# Comprehension variables are per-comprehension, but still late-bound
fns = [lambda: i * 10 for i in range(3)]
print([f() for f in fns])
fns = [(lambda j: lambda: j * 10)(i) for i in range(3)]
print([f() for f in fns])

# nonlocal counters
def counter(start=0, step=1):
    count = start
    def increment():
        nonlocal count
        count += step
        return count
    def reset():
        nonlocal count
        old, count = count, start
        return old
    def peek():
        return count
    return increment, reset, peek

inc, reset, peek = counter(10, 5)
print(inc(), inc(), peek(), reset(), peek(), inc())
inc2, _, peek2 = counter()
inc2()
print("independent:", peek(), peek2())

# nonlocal through several levels
def outer():
    level = "outer"
    def middle():
        def inner():
            nonlocal level
            level = "set by inner"
        inner()
        return level
    before = level
    after = middle()
    return before, after, level
print(outer())

# Closures over loop variable in while loop, modified after creation
def accumulate():
    funcs = []
    total = 0
    while total < 3:
        total += 1
        funcs.append(lambda: total)
    total = 100
    return [f() for f in funcs]
print(accumulate())

# global declarations
config = {"debug": False}
calls = 0

def enable_debug():
    global calls
    calls += 1
    config["debug"] = True     # mutation needs no global

def replace_config():
    global config, calls
    calls += 1
    config = {"debug": "replaced"}

def shadow_config():
    config = "local only"
    return config

enable_debug()
print(config, calls)
print(shadow_config(), config)
replace_config()
print(config, calls)

def creates_global():
    global created_later
    created_later = "now exists"

try:
    print(created_later)
except NameError as e:
    print("NameError:", e)
creates_global()
print(created_later)

# Closure cells are visible through __closure__
def make_pair():
    a, b = 1, 2
    def f():
        return a + b
    return f
f = make_pair()
print(f.__code__.co_freevars, [c.cell_contents for c in f.__closure__])

# nonlocal error case at runtime: reading before assignment in enclosing scope
def broken():
    def inner():
        return value
    try:
        return inner()
    except NameError as e:
        return f"{type(e).__name__}: {e}"
    finally:
        value = 1
print(broken())

# Recursive closure via a name in the enclosing scope
def make_fact():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact
print(make_fact()(10))

# A decorator keeping per-function state with nonlocal
def memoize(fn):
    cache = {}
    hits = 0
    def wrapper(n):
        nonlocal hits
        if n in cache:
            hits += 1
            return cache[n]
        cache[n] = fn(n)
        return cache[n]
    wrapper.stats = lambda: (len(cache), hits)
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.stats())
