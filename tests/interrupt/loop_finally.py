# The driver sends SIGINT each time a line starting with "ready" appears.
# KeyboardInterrupt is raised in the running loop; `finally` blocks run;
# `except KeyboardInterrupt` catches it; time.sleep wakes for it; a second
# SIGINT while the first is being handled is raised too; an uncaught one
# prints its traceback and ends the process as killed by SIGINT.
import time


def spin():
    n = 0
    while True:
        n += 1


try:
    print("ready", flush=True)
    spin()
except KeyboardInterrupt as e:
    print("caught", repr(e), e.args, flush=True)
try:
    try:
        print("ready", flush=True)
        time.sleep(60)
    finally:
        print("finally ran", flush=True)
except KeyboardInterrupt:
    print("caught during sleep", flush=True)
try:
    print("ready", flush=True)
    spin()
except KeyboardInterrupt:
    print("handling", flush=True)
    try:
        print("ready", flush=True)
        spin()
    except KeyboardInterrupt as e:
        print("second while handling", type(e.__context__).__name__, flush=True)


def outer():
    try:
        print("ready", flush=True)
        spin()
    finally:
        print("outer finally", flush=True)


outer()
print("not reached")
