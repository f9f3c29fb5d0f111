# sys.exit with a non-int, non-None object: printed to stderr, status 1.
import sys

def main(args):
    errors = [a for a in args if not a.isdigit()]
    if errors:
        sys.exit(["invalid arguments", errors])
    return sum(int(a) for a in args)

print("total:", main(["1", "2"]))
try:
    main(["x"])
except SystemExit as e:
    print("caught once:", e.code)
main(["3", "four", "5", "six"])
