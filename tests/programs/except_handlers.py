# Nested handlers, except with tuples, the except variable being deleted.
import sys

def parse_record(text):
    fields = text.split(",")
    try:
        name, age = fields
        age = int(age)
        ratio = 100 // age
    except (ValueError, ZeroDivisionError) as err:
        return f"bad record {text!r}: {type(err).__name__}: {err}"
    return f"{name} age={age} ratio={ratio}"

for line in ["ann,30", "bob", "cy,x", "dee,0", "ed,4,5"]:
    print(parse_record(line))

ERRORS = (KeyError, AttributeError)
def lookup(obj, key):
    try:
        return obj[key] if isinstance(obj, dict) else getattr(obj, key)
    except ERRORS as err:
        return f"missing ({type(err).__name__})"

print(lookup({"a": 1}, "a"), lookup({}, "b"), lookup(3, "real"), lookup(3, "nope"))

# Handler order: the first matching clause wins
def first_match(exc):
    try:
        raise exc
    except LookupError:
        return "LookupError clause"
    except KeyError:
        return "KeyError clause (unreachable)"
    except Exception:
        return "Exception clause"

print(first_match(KeyError()), first_match(IndexError()), first_match(ValueError()))

# The except variable is deleted at the end of the handler
try:
    raise ValueError("temporary")
except ValueError as err:
    print("inside:", err)
try:
    print(err)
except NameError as e:
    print("after handler:", type(e).__name__, e)

# Even when it shadowed an existing variable
err = "previous value"
try:
    1 / 0
except ZeroDivisionError as err:
    pass
print("err defined?", "err" in globals())

def in_function():
    exc = "local before"
    try:
        raise KeyError("k")
    except KeyError as exc:
        saved = exc
    try:
        return exc
    except UnboundLocalError as e:
        return f"{type(e).__name__}: {e} (saved={saved!r})"

print(in_function())

# Keeping a reference survives deletion of the name
kept = None
try:
    raise RuntimeError("keep me")
except RuntimeError as tmp:
    kept = tmp
print(repr(kept))

# Nested try blocks and handlers raising new exceptions
def nested(level):
    try:
        try:
            if level == 0:
                raise KeyError("deep")
            if level == 1:
                raise ValueError("mid")
            return "clean"
        except KeyError as e:
            raise TypeError("from inner handler") from e
        finally:
            print(f"  inner finally (level {level})")
    except TypeError as e:
        return f"outer caught {e} (cause {e.__cause__!r})"
    except ValueError as e:
        return f"outer caught value {e}"

for lvl in range(3):
    print(nested(lvl))

# Exception raised in an except clause of a nested handler, caught further out
def deep_handlers():
    try:
        try:
            try:
                raise OSError("level 3")
            except OSError:
                raise ValueError("level 2")
        except ValueError:
            raise KeyError("level 1")
    except KeyError as e:
        chain = []
        while e is not None:
            chain.append(str(e))
            e = e.__context__
        return chain

print(deep_handlers())

# sys.exc_info restored after nested handler completes
try:
    raise ValueError("outer")
except ValueError:
    try:
        raise KeyError("inner")
    except KeyError:
        print("inner active:", sys.exc_info()[0].__name__)
    print("outer active again:", sys.exc_info()[0].__name__, sys.exc_info()[1])
print("none active:", sys.exc_info())

# Catching with a non-exception class raises TypeError
try:
    try:
        raise ValueError
    except 42:
        pass
except TypeError as e:
    print("bad except clause:", e)

try:
    try:
        raise ValueError
    except (ValueError, "str"):
        print("tuple containing a non-class still matches the first entry")
except TypeError as e:
    print("bad tuple:", e)

# Exceptions in loops: retry logic
attempts = []
def flaky(n):
    attempts.append(n)
    if n < 3:
        raise ConnectionError(f"attempt {n}")
    return f"ok on {n}"

for n in range(1, 6):
    try:
        print(flaky(n))
        break
    except ConnectionError as e:
        print("retrying after", e)
        continue
    finally:
        print("  attempt", n, "done")
print(attempts)
