# sys.exit(None) from deep inside: finally blocks and with-exits run, status 0.
import sys

class Session:
    def __enter__(self):
        print("session open")
        return self
    def __exit__(self, et, ev, tb):
        print("session closed by", et.__name__, repr(ev.code))
        return False

def step(n):
    try:
        if n == 3:
            print("requesting exit")
            sys.exit(None)
        print("step", n)
    finally:
        print("finally for step", n)

with Session():
    for i in range(10):
        step(i)
print("not reached")
