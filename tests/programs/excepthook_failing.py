# A sys.excepthook that raises: both tracebacks, as CPython reports them.
import sys
print(sys.excepthook is sys.__excepthook__, sys.excepthook.__name__)
def bad(t, v, tb):
    print("hook sees", t.__name__, v)
    raise RuntimeError("hook broke")
sys.excepthook = bad
raise KeyError("orig")
