def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError(f"cannot parse {text!r}")


try:
    parse("x")
except RuntimeError as e:
    raise SystemError("fatal") from e
