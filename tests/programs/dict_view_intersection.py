# dict views & other iterables: which side's elements the result keeps, as CPython picks.
d = {1: "a", 2: "b", 3: "c"}
print(d.keys() & {1.0}, {1.0} & d.keys(), d.keys() & {1.0, 2.0, 3.0, 4.0}, d.keys() & [1.0, 2], [2.0] & d.keys())
print(sorted(d.keys() & {3, 4}), sorted(d.items() & {(1, "a"), (5, "e")}), d.keys() & d.keys())
e = {1.0: 0}
print(d.keys() & e.keys(), e.keys() & d.keys())
try:
    d.keys() & 5
except TypeError as err:
    print(err)
