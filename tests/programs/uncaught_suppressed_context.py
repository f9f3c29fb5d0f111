# An uncaught exception raised "from None" inside a handler (context hidden),
# wrapping one raised "from" another (cause shown).

class ConfigError(Exception):
    pass


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise ConfigError(f"no setting {key!r}") from None


def load(table):
    try:
        return lookup(table, "port")
    except ConfigError as err:
        raise RuntimeError("cannot start server") from err


print("loading")
load({"host": "localhost"})
