# args, str() and repr() of exceptions, and custom exception classes.

samples = [
    Exception(),
    Exception("one"),
    Exception("one", 2),
    Exception(None),
    Exception(("tuple",)),
    ValueError(""),
    ValueError(3.5),
    TypeError([1, 2]),
    RuntimeError("multi\nline"),
    KeyError("k"),
    StopIteration(42),
    StopIteration(),
    SystemExit(3),
    SystemExit(),
    SystemExit("bye", 1),
    AssertionError("check"),
    NotImplementedError(),
]
for exc in samples:
    print(f"{type(exc).__name__:20} args={exc.args!r:22} str={str(exc)!r:22} repr={exc!r}")

print(StopIteration(42).value, StopIteration().value, StopIteration(1, 2).value)
print(SystemExit(3).code, SystemExit().code, SystemExit("a", "b").code)

e = ValueError("x")
e.args = ("replaced", 1)
print(e.args, str(e), repr(e))
e.args = ["listed"]
print(e.args, type(e.args).__name__)

class AppError(Exception):
    """Base of this app's errors."""

class ConfigError(AppError):
    def __init__(self, key, reason):
        super().__init__(key, reason)
        self.key = key
        self.reason = reason

    def __str__(self):
        return f"bad config {self.key!r}: {self.reason}"

class QuietError(AppError):
    def __init__(self, code):
        self.code = code          # no super().__init__ call

class ReprError(AppError):
    def __repr__(self):
        return "ReprError<custom>"

class NoArgs(Exception):
    def __init__(self):
        super().__init__()

errs = [ConfigError("port", "not a number"), QuietError(7), ReprError("r"), NoArgs(),
        AppError("plain")]
for err in errs:
    print(type(err).__name__, err.args, str(err), repr(err), isinstance(err, AppError))

print(QuietError(7).code, QuietError.__doc__, AppError.__doc__)

def load(settings):
    for key in ("host", "port"):
        if key not in settings:
            raise ConfigError(key, "missing")
    if not str(settings["port"]).isdigit():
        raise ConfigError("port", "not a number")
    return f"{settings['host']}:{settings['port']}"

for settings in [{"host": "h", "port": 80}, {"host": "h"}, {"port": 1}, {"host": "h", "port": "x"}]:
    try:
        print("loaded", load(settings))
    except AppError as err:
        print("failed:", err, "| key =", err.key, "| args =", err.args)

class Wrapped(Exception):
    def __init__(self, *args, extra=None):
        super().__init__(*args)
        self.extra = extra

w = Wrapped("a", "b", extra={"k": 1})
print(w.args, w.extra, str(w), repr(w))

# Exceptions are ordinary objects: attributes, comparison, hashing by identity
a1 = ValueError("same")
a2 = ValueError("same")
print(a1 == a2, a1 == a1, a1.args == a2.args)
a1.custom = "attached"
print(a1.custom, hasattr(a2, "custom"))
print(BaseException.__new__(ValueError).args)

# with_traceback returns self
e = RuntimeError("t")
print(e.with_traceback(None) is e, e.__traceback__)

# str of exception whose __str__ fails is not tested; str of nested exception arg
outer = RuntimeError(ValueError("inner"))
print(str(outer), repr(outer))
print(str(Exception(Exception("deep", 1))))

# The exception class can be raised directly: an instance with no args is made
try:
    raise LookupError
except LookupError as err:
    print(type(err).__name__, err.args, repr(err))

try:
    raise 42
except TypeError as err:
    print("raise int:", err)

class NotAnException:
    pass

try:
    raise NotAnException()
except TypeError as err:
    print("raise object:", err)

try:
    raise ValueError("a") from 5
except TypeError as err:
    print("from int:", err)
