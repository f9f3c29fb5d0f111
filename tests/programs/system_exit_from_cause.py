# SystemExit raised explicitly with a message string and a chained cause.
def load():
    try:
        {}["config"]
    except KeyError as e:
        raise SystemExit("configuration missing") from e

print("starting")
load()
