# A namespace whose functions have run is freed once nothing refers to it:
# the frames an eval loop keeps for reuse must not keep their globals alive.
import gc


class Marker:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def run_in_namespace(name):
    ns = {"Marker": Marker}
    exec("m = Marker(%r)\ndef f(n):\n    return n if n < 2 else f(n - 1) + f(n - 2)\nresult = f(10)" % name, ns)
    print(name, ns["result"])
    ns["f"](5)


run_in_namespace("first")
gc.collect()
print("after first")
run_in_namespace("second")


def caller():
    ns = {"Marker": Marker}
    exec("m = Marker('third')\ndef g():\n    return 7", ns)
    return ns["g"]()


print(caller())
gc.collect()
print("end")
