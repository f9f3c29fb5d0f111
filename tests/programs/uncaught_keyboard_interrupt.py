# A KeyboardInterrupt raised by the program itself and not caught: traceback,
# then the process ends as if killed by SIGINT.
def worker(jobs):
    for job in jobs:
        if job == "stop":
            raise KeyboardInterrupt
        print("did", job)

try:
    worker(["a", "stop"])
except Exception:
    print("KeyboardInterrupt is not an Exception: not reached")
finally:
    print("finally runs before the interpreter exits")
