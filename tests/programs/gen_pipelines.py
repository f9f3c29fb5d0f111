# Generators as data pipelines, infinite generators with manual islice/take.

def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1

def take(n, iterable):
    it = iter(iterable)
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out

def islice(iterable, start, stop, step=1):
    it = iter(iterable)
    index = 0
    nxt = start
    for value in it:
        if index >= stop:
            return
        if index == nxt:
            yield value
            nxt += step
        index += 1

def filter_by(pred, iterable):
    for x in iterable:
        if pred(x):
            yield x

def mapped(fn, iterable):
    for x in iterable:
        yield fn(x)

def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n

def pairwise(iterable):
    it = iter(iterable)
    try:
        prev = next(it)
    except StopIteration:
        return
    for cur in it:
        yield prev, cur
        prev = cur

def batched(iterable, size):
    batch = []
    for x in iterable:
        batch.append(x)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)

def running(iterable):
    total = 0
    for x in iterable:
        total += x
        yield total

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

print(take(5, naturals()))
print(list(islice(naturals(), 2, 12, 3)))
print(take(10, primes()))
print(take(6, mapped(lambda x: x ** 2, filter_by(lambda x: x % 3 == 0, naturals(1)))))
print(list(pairwise("abcd")))
print(list(pairwise([])))
print(list(batched(range(7), 3)))
print(take(6, running(naturals(1))))
print(take(12, fib()))
print(next(x for x in fib() if x > 1000))

# A log-processing pipeline
LOG = """\
INFO start
WARN disk 91%
ERROR db timeout
INFO request ok
ERROR db timeout
WARN disk 95%
INFO stop"""

def lines(text):
    for line in text.splitlines():
        yield line

def parse(lines_iter):
    for line in lines_iter:
        level, _, message = line.partition(" ")
        yield {"level": level, "message": message}

def only(level, records):
    return (r for r in records if r["level"] == level)

def count_by(key, records):
    counts = {}
    for r in records:
        counts[r[key]] = counts.get(r[key], 0) + 1
    return counts

print(count_by("level", parse(lines(LOG))))
print([r["message"] for r in only("ERROR", parse(lines(LOG)))])
print(count_by("message", only("WARN", parse(lines(LOG)))))

# Lazy evaluation: only as much work as needed
work = []
def expensive(n):
    for i in range(n):
        work.append(i)
        yield i * i
first_big = next(v for v in expensive(1000) if v > 50)
print(first_big, "items computed:", len(work))

# Generators keep independent state
a, b = fib(), fib()
print(take(3, a), take(5, b), take(3, a))

# zip/enumerate/map/filter over generators
print(list(zip(naturals(), "xyz")))
print(list(enumerate(islice(fib(), 5, 9), 5)))
print(list(map(str, take(3, primes()))))
print(sum(filter(None, take(6, naturals()))))

# Round robin with a queue of generators
def round_robin(*gens):
    queue = list(gens)
    while queue:
        g = queue.pop(0)
        try:
            yield next(g)
        except StopIteration:
            continue
        queue.append(g)

print(list(round_robin(iter("AB"), iter("cdef"), iter([1]))))

# A generator that cleans up when the consumer stops early
def with_cleanup(items):
    try:
        for x in items:
            yield x
    finally:
        print("  cleanup after", x)

for v in with_cleanup([1, 2, 3, 4]):
    if v == 2:
        break
print("loop done")
