# Repeating an empty sequence is empty at once, however large the count
# (found by the run_source fuzz target: it used to loop count times).
print(repr('' * 10**18), [] * 10**18, () * 10**18, b'' * 10**18)
print(10**18 * '', len('' * (2**62)), bytearray() * 10**18)
x = []
x *= 10**18
print(x)
y = ['a']
y *= 0
print(y, 'ab' * 3, [1] * 2 * 2)
