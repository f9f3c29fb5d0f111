# The builtins module: shadowing builtins with globals/locals, restoring them,
# adding new builtins, and the errors when names disappear.
import builtins

print(builtins.len is len, builtins.print is print, type(builtins).__name__)
print(builtins.__name__, "builtins" in dir(builtins) or "len" in dir(builtins))

# A module-level definition shadows the builtin for this module
def len(obj):
    return "shadowed len"
print(len([1, 2, 3]), builtins.len([1, 2, 3]))
del len
print(len([1, 2, 3]))

# A local shadows too, only inside the function
def local_shadow():
    max = lambda *a: "local max"
    return max(1, 2)
print(local_shadow(), max(1, 2))

# Shadowing by assignment in a function makes it local everywhere in that function
def broken():
    try:
        total = sum([1, 2])
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"
    sum = 0
    return total
print(broken())

# Adding a new builtin makes it visible everywhere
builtins.project_constant = 42
def reader():
    return project_constant
print(reader())
project_constant = "global wins"
print(reader())
del project_constant
print(reader())
del builtins.project_constant
try:
    reader()
except NameError as e:
    print("NameError:", e)

# Replacing a builtin function temporarily, then restoring it
original_abs = builtins.abs
calls = []
def logging_abs(x):
    calls.append(x)
    return original_abs(x)
builtins.abs = logging_abs
print(abs(-3), abs(4))
builtins.abs = original_abs
print(abs(-5), calls)

# builtins used through getattr and vars
print(getattr(builtins, "min")(3, 1, 2), "sorted" in vars(builtins))
print(callable(builtins.isinstance), builtins.True_ if hasattr(builtins, "True_") else "no True_")
print(builtins.None is None if hasattr(builtins, "None") else "None is a keyword")

# Exceptions live in builtins
print(all(getattr(builtins, name) is obj for name, obj in
          [("ValueError", ValueError), ("KeyError", KeyError), ("ExceptionGroup", ExceptionGroup)]))
print(sorted(n for n in dir(builtins) if n.endswith("Error") and n.startswith("Z")))

# Builtin names inside class bodies and comprehensions
class Widget:
    id = "widget-id"            # shadows builtin id in the class body only
    label = str(id)
    def get_id(self):
        return type(id).__name__
print(Widget.label, Widget().get_id())
print([type(x).__name__ for x in (len, str, range)])

# __builtins__ in the main module is the module itself
print(__builtins__ is builtins)

# Calling a deleted global falls back to the builtin
def print_twice(*args):
    builtins.print(*args)
    builtins.print(*args)
print = print_twice
print("twice")
del print
print("once")

# Shadowed exception classes
class TimeoutError(Exception):
    pass
try:
    raise TimeoutError("local class")
except builtins.TimeoutError:
    print("not reached")
except TimeoutError as e:
    print("local TimeoutError:", e, TimeoutError is builtins.TimeoutError)
