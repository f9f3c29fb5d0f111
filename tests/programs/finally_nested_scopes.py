# A `finally` body runs on every way out of its `try`, so the compiler emits
# it once per exit (return, break, continue, falling off the end, an
# exception). Each copy must find the same scopes for the lambdas,
# comprehensions, functions and classes written in it, and fold the same
# constants.
import dis


def on_return(a):
    try:
        if a:
            return "early"
    finally:
        g = lambda: a * 2
        print("finally", [x * a for x in (1, 2)], g(), {k: -1 for k in "ab"})
    return "late"


def in_loop(items):
    seen = []
    for item in items:
        try:
            if item == "skip":
                continue
            if item == "stop":
                break
        finally:
            def note(i=item):
                return f"<{i}>"

            class Marker:
                label = note()

            seen.append((Marker.label, sorted({c for c in item})))
    return seen


def with_exception():
    try:
        try:
            raise ValueError("boom")
        finally:
            print("cleanup", list(map(lambda v: v + 1, (1, 2))))
    except ValueError as e:
        return str(e)


def nested(n):
    try:
        try:
            if n > 1:
                return [i for i in range(n)]
        finally:
            print("inner", (lambda: n)())
    finally:
        print("outer", [j + n for j in (10,)])


print(on_return(1))
print(on_return(0))
print(in_loop(["ab", "skip", "cd", "stop", "ef"]))
print(with_exception())
print(nested(3))
print(nested(1))


def folded(length):
    try:
        if length:
            return
    except KeyError:
        pass
    finally:
        if length > -1:
            print("non-negative")


folded(1)
ops = [i.opname for i in dis.get_instructions(folded)]
print("UNARY_NEGATIVE" in ops, ops.count("COMPARE_OP"))
consts = [i.argval for i in dis.get_instructions(folded) if i.opname == "LOAD_CONST"]
print(consts.count(-1))
