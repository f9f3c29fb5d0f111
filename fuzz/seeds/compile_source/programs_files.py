# open() and file objects: text and binary, reading and writing, lines,
# seeking, context managers, and the errors CPython raises.
import sys

DIR = __file__.rpartition("/")[0]
PATH = DIR + "/files_scratch.txt"

with open(PATH, "w") as f:
    print(repr(f).replace(DIR, "DIR"), f.mode, f.writable(), f.readable(), f.closed)
    print(f.write("first line\n"), f.write("second line\r\nthird\rfourth"))
    f.writelines(["\n", "é ünïcode\n"])
print(f.closed)

with open(PATH) as f:
    print(f.read())
with open(PATH) as f:
    print(f.readline(), end="")
    print(f.read(6))
    print(f.readlines())
with open(PATH, encoding="utf-8") as f:
    print([line for line in f])
with open(PATH, "a") as f:
    f.write("appended\n")
with open(PATH, "rb") as f:
    print(repr(f).replace(DIR, "DIR"), type(f).__name__)
    data = f.read()
    print(data, len(data))
    print(f.seek(0), f.read(5), f.tell(), f.readline(), f.tell())
with open(PATH, "r+b") as f:
    print(type(f).__name__, f.read(3))
with open(PATH, "wb") as f:
    print(type(f).__name__, f.write(b"bytes\x00\xff\n"))
with open(PATH, "rb") as f:
    print(f.read())

f = open(PATH)
f.close()
for attempt in [lambda: f.read(), lambda: open(PATH, "r").write("x"), lambda: open(PATH, "w").read()]:
    try:
        attempt()
    except (ValueError, OSError) as e:
        print(type(e).__name__, e)
for args in [(DIR + "/no_such_file.txt",), (DIR,), (PATH, "x"), (PATH, "q"), (PATH, "rw"), (PATH, "rb", -1, "utf-8")]:
    try:
        open(*args)
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, str(e).replace(DIR, "DIR"), getattr(e, "errno", None))
import io

print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
