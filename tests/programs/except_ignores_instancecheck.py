# `except` and `except*` match by the exception's type, never through a
# metaclass's __instancecheck__/__subclasscheck__ (isinstance does use them).
class Meta(type):
    def __instancecheck__(cls, obj):
        print("  __instancecheck__ called")
        return True
    def __subclasscheck__(cls, sub):
        print("  __subclasscheck__ called")
        return True
class CatchAll(Exception, metaclass=Meta):
    pass
try:
    try:
        raise ValueError("v")
    except CatchAll:
        print("caught by CatchAll (wrong)")
except ValueError as e:
    print("went past CatchAll:", e)
print(isinstance(ValueError(), CatchAll), issubclass(KeyError, CatchAll))
try:
    try:
        raise ExceptionGroup("g", [KeyError(1)])
    except* CatchAll:
        print("matched CatchAll (wrong)")
except ExceptionGroup as eg:
    print("group escaped:", repr(eg))
try:
    raise KeyError("k")
except (CatchAll, LookupError) as e:
    print("tuple matched", type(e).__name__)
