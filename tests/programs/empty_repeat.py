# Repeating an empty sequence is empty at once, however large the count
# (found by the run_source fuzz target: the VM looped count times, and so
# did the compiler folding a constant `() * 10**18`).
print(repr('' * 10**18), [] * 10**18, () * 10**18, b'' * 10**18)
print(10**18 * '', len('' * (2**62)), (() * 10**18) * 2)
n = 10**18
print(() * n, n * (), [] * n, b'' * n)
x = []
x *= 10**18
print(x)
y = ['a']
y *= 0
print(y, 'ab' * 3, [1] * 2 * 2)
