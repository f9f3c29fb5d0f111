# The import system: packages, submodules, relative imports, circular
# imports, namespace packages, and the errors CPython reports.
import sys

sys.path.insert(0, __file__.rpartition("/")[0] + "/import_modules")

import imp_pkg

print(imp_pkg.VALUE, imp_pkg.__name__, imp_pkg.__package__)
import imp_pkg.alpha

print(imp_pkg.alpha.f())
from imp_pkg import beta

print(beta.twice(5), beta.__name__, beta.__package__, beta.__file__.rpartition("/")[2])
import imp_pkg.beta as b2

print(b2 is beta, imp_pkg.beta is beta)
from imp_pkg.sub import deep

print(deep.value)
print(sorted(k for k in sys.modules if k.startswith("imp_pkg")))
from imp_pkg import *

print(VALUE, alpha.f())

try:
    import no_such_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import imp_pkg.nothing
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import imp_pkg.beta.x
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from imp_pkg import missing_name
except ImportError as e:
    print(type(e).__name__, str(e).replace(__file__.rpartition("/")[0], "DIR"))
try:
    import imp_cycle_a
except ImportError as e:
    print(type(e).__name__, str(e).replace(__file__.rpartition("/")[0], "DIR"))
print("imp_cycle_a" in sys.modules, "imp_cycle_b" in sys.modules)
import imp_cycle_ok_a

print(imp_cycle_ok_a.value(), imp_cycle_ok_a.imp_cycle_ok_b.back())
try:
    from imp_pkg.sub import beyond
except ImportError as e:
    print(type(e).__name__, e)
try:
    from . import sibling
except ImportError as e:
    print(type(e).__name__, e)

import nspkg.mod

print(nspkg.mod.NAME, nspkg.__file__, len(nspkg.__path__))

print(imp_pkg.__spec__.name, imp_pkg.__spec__.parent, beta.__spec__.parent)
print(beta.__spec__.submodule_search_locations, imp_pkg.__spec__.has_location)

import importlib

print(importlib.import_module(".beta", "imp_pkg") is beta)
print(importlib.import_module("imp_pkg.sub.deep") is deep)
try:
    importlib.import_module(".beta")
except TypeError as e:
    print(type(e).__name__, e)
print(__import__("imp_pkg.beta").__name__)
print(__import__("imp_pkg.beta", fromlist=["twice"]).__name__)
print(__import__("beta", globals(), None, ["twice"], 0) if False else "skip")

import imp_counter
import imp_counter

print(imp_counter.count)
try:
    import imp_broken
except ZeroDivisionError as e:
    print(type(e).__name__, e, "imp_broken" in sys.modules)
sys.modules["imp_blocked"] = None
try:
    import imp_blocked
except ModuleNotFoundError as e:
    print(type(e).__name__, e)


def inside_function():
    import imp_pkg.beta as local_beta
    from imp_pkg.beta import twice

    return local_beta is beta, twice(4)


print(inside_function())
print(__name__)
if __name__ == "__main__":
    print("run as a script")
