# add_note / __notes__ (Python 3.11).

def validate(record):
    errors = []
    for field in ("name", "age", "email"):
        try:
            value = record[field]
            if field == "age":
                value = int(value)
                if value < 0:
                    raise ValueError(f"negative age {value}")
            if field == "email" and "@" not in value:
                raise ValueError(f"bad email {value!r}")
        except (KeyError, ValueError) as e:
            e.add_note(f"while validating field {field!r}")
            e.add_note(f"record id {record.get('id')}")
            errors.append(e)
    if errors:
        raise ExceptionGroup(f"record {record.get('id')} invalid", errors)

records = [
    {"id": 1, "name": "a", "age": "3", "email": "a@x"},
    {"id": 2, "name": "b", "age": "-1", "email": "nope"},
    {"id": 3, "age": "x", "email": "c@x"},
]
for rec in records:
    try:
        validate(rec)
        print("record", rec["id"], "ok")
    except ExceptionGroup as eg:
        print(eg)
        for exc in eg.exceptions:
            print("  ", type(exc).__name__, exc, exc.__notes__)

e = ValueError("plain")
print(hasattr(e, "__notes__"))
e.add_note("first")
print(e.__notes__, type(e.__notes__).__name__)
e.add_note("second")
print(e.__notes__)
print(str(e), repr(e))   # notes are not part of str/repr

for bad in (42, None, b"bytes", ["list"]):
    try:
        e.add_note(bad)
    except TypeError as err:
        print("add_note", type(bad).__name__, "->", err)

# __notes__ can be replaced by a list
e.__notes__ = ["replaced"]
e.add_note("appended")
print(e.__notes__)

# If __notes__ is not a list, add_note fails
e2 = KeyError("k")
e2.__notes__ = ("tuple",)
try:
    e2.add_note("x")
except TypeError as err:
    print("non-list __notes__:", err)

# Notes survive re-raising
def inner():
    try:
        raise OSError("io")
    except OSError as exc:
        exc.add_note("inner context")
        raise

def outer():
    try:
        inner()
    except OSError as exc:
        exc.add_note("outer context")
        raise

try:
    outer()
except OSError as exc:
    print(exc.__notes__)

# Notes on exceptions subclassing with custom __str__
class Fancy(Exception):
    def __str__(self):
        return "fancy!"
f = Fancy()
f.add_note("n")
print(str(f), f.__notes__, f.args)

# Deleting __notes__
del f.__notes__
print(hasattr(f, "__notes__"))
f.add_note("again")
print(f.__notes__)

# Notes with except*
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError as eg:
        eg.add_note("value part handled")
        raise
except ExceptionGroup as eg:
    print(type(eg).__name__, [repr(x) for x in eg.exceptions], getattr(eg, "__notes__", None))
