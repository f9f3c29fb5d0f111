# The built-in exception hierarchy: MROs, subclass relations, construction.

classes = [
    BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError,
    FloatingPointError, LookupError, KeyError, IndexError, AttributeError,
    NameError, UnboundLocalError, TypeError, ValueError, UnicodeError,
    UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError,
    RuntimeError, RecursionError, NotImplementedError, StopIteration,
    StopAsyncIteration, GeneratorExit, KeyboardInterrupt, SystemExit,
    OSError, FileNotFoundError, FileExistsError, PermissionError,
    IsADirectoryError, NotADirectoryError, TimeoutError, ConnectionError,
    BrokenPipeError, ConnectionResetError, ConnectionRefusedError,
    ConnectionAbortedError, ChildProcessError, ProcessLookupError,
    InterruptedError, BlockingIOError, ImportError, ModuleNotFoundError,
    SyntaxError, IndentationError, TabError, AssertionError, EOFError,
    MemoryError, BufferError, ReferenceError, SystemError,
    Warning, UserWarning, DeprecationWarning, PendingDeprecationWarning,
    SyntaxWarning, RuntimeWarning, FutureWarning, ImportWarning,
    UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning,
    ExceptionGroup, BaseExceptionGroup,
]

for cls in classes:
    print(cls.__name__.ljust(26), [c.__name__ for c in cls.__mro__])

print()
pairs = [
    (KeyError, LookupError), (IndexError, LookupError), (KeyError, IndexError),
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (UnboundLocalError, NameError), (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError), (ModuleNotFoundError, ImportError),
    (TabError, SyntaxError), (TabError, IndentationError),
    (FileNotFoundError, OSError), (BrokenPipeError, ConnectionError),
    (TimeoutError, OSError), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (GeneratorExit, Exception),
    (StopIteration, Exception), (UnicodeDecodeError, ValueError),
    (ExceptionGroup, Exception), (ExceptionGroup, BaseExceptionGroup),
    (BaseExceptionGroup, Exception), (Warning, Exception),
    (DeprecationWarning, Warning), (bool, Exception),
]
for sub, sup in pairs:
    print(f"issubclass({sub.__name__}, {sup.__name__}) = {issubclass(sub, sup)}")

print()
# Aliases of OSError
print(EnvironmentError is OSError, IOError is OSError)

# OSError construction without errno
e = OSError("just a message")
print(repr(e), e.errno, e.strerror, e.filename, e.args)
e = OSError(2, "No such file or directory")
print(type(e).__name__, e.errno, e.strerror, e.filename, str(e))
e = OSError(2, "No such file or directory", "missing.txt")
print(type(e).__name__, str(e), e.filename)
e = OSError(13, "Permission denied", "secret")
print(type(e).__name__, str(e))
e = OSError(17, "File exists")
print(type(e).__name__)
e = OSError()
print(repr(e), e.errno, str(e) == "")
e = FileNotFoundError("gone")
print(repr(e), e.errno, e.args)
e = FileNotFoundError(2, "Nope", "a.txt")
print(str(e), e.errno, e.strerror, e.filename)

# isinstance across the hierarchy with tuples
def classify(exc):
    if isinstance(exc, (KeyError, IndexError)):
        return "lookup-specific"
    if isinstance(exc, LookupError):
        return "lookup"
    if isinstance(exc, ArithmeticError):
        return "arith"
    if isinstance(exc, OSError):
        return "os"
    return "other"

for exc in [KeyError("k"), IndexError(1), LookupError(), OverflowError(),
            ZeroDivisionError(), PermissionError(), ValueError()]:
    print(type(exc).__name__, classify(exc))

# Subclasses listing for a couple of small branches
print({'IndexError', 'KeyError'} <= {c.__name__ for c in LookupError.__subclasses__()})
print(sorted(c.__name__ for c in ArithmeticError.__subclasses__()))
print(sorted(c.__name__ for c in ConnectionError.__subclasses__()))

# Unicode error attributes
u = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte")
print(u.encoding, u.object, u.start, u.end, u.reason)
print(str(u))
u = UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)")
print(u.encoding, u.object, u.start, u.end, u.reason)
print(str(u))
try:
    b"\xc3\x28".decode("utf-8")
except UnicodeDecodeError as err:
    print(type(err).__name__, err.start, err.end, err)
try:
    "caf\xe9".encode("ascii")
except UnicodeError as err:
    print(type(err).__name__, err)
