# format-spec mini-language for floats
vals = [0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1234567.891, 1e-7, 1e16, 2.5, 0.125, 123456789e10, float("inf"), float("nan")]
specs = ["", "f", ".0f", ".2f", "10.3f", "<10.1f", "^10.2", "+.3e", "E", ".3g", "g", "G", "#g", ".10g", "%", ".1%",
         ",.2f", "_.3f", "012.3f", "+012,.1f", " .2f", "*>12.4", "=+10.2f", ".0e", "#.0f", "#.0e", "n", "F", "z.1f", ".3"]
for v in vals:
    print(" | ".join(format(v, sp) for sp in specs))
print(f"{0.5:.0f} {1.5:.0f} {2.5:.0f} {3.5:.0f} {-0.5:.0f} {0.125:.2f} {0.375:.2f} {2.675:.2f} {1.005:.2f}")
print(f"{1e22:f}", f"{1e-30:.3f}", f"{123.456:.0e}", f"{9.9999:.2f}", f"{9.995:.2f}", f"{99.5:.0f}", f"{0.0001:g}", f"{0.00001:g}")
print(f"{1234.5:g}", f"{1234567.0:g}", f"{12345678.0:g}", f"{1e100:g}", f"{1.5e-5:G}", f"{100.0:.2g}", f"{0.000123456:.2e}")
print(format(1 / 3, ".20f"), format(2 ** 0.5, ".17g"), format(1e300 * 1e10, "f"), format(-1e-300 / 1e300, "f"))
print(format(12.0), format(12.0, ""), format(12.0, "<"), str(12.0), format(1e16, ""), format(1.5e-5, ""), format(1e16, ".3"))
print(f"{3.0:.3}", f"{3.14159:.3}", f"{1234.5:.3}", f"{0.1:.1}", f"{1e-10:.2}", f"{100.0:.1}")
print(f"{-0.0:z.2f}", f"{-0.0001:z.2f}", f"{-0.0001:.2f}", f"{0.0:+}", f"{-0.0:+}")
for w in [0, 5, 9, 14]:
    print(repr(format(-3.25, f"{w}.1f")), repr(format(3.25, f"0{w}.2f")), repr(format(3.25, f"_^{w}")))
errors = ["d", "x", "c", "s", ",d", "#,.2f" if False else "=s", ".f" if False else "5.5.5", "b"]
for sp in errors:
    try:
        print(sp, repr(format(2.5, sp)))
    except ValueError as e:
        print(sp, "ValueError", e)

def fmt_bytes(n):
    for unit in ["B", "KiB", "MiB", "GiB", "TiB"]:
        if abs(n) < 1024.0:
            return f"{n:6.1f} {unit}"
        n /= 1024.0
    return f"{n:.1f} PiB"
for size in [0, 512, 1024, 1536, 10**6, 10**9, 2**40 * 3.5, 10**18]:
    print(fmt_bytes(size))

def stats(xs):
    mean = sum(xs) / len(xs)
    var = sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)
    return f"n={len(xs)} mean={mean:.4f} sd={var ** 0.5:.4f} min={min(xs):g} max={max(xs):g} range={max(xs) - min(xs):.3e}"
print(stats([2.5, 3.75, 1.0, 9.5, 4.25, 6.0]))
print(stats([1e-3, 2e-3, 5e-3]))
print(float.__format__(1.5, "08.3f"), (2.5).__format__(""), format(5, ".2f"), format(True, ".1f"), format(10**30, ".3e"))
print(f"{123456.789:,.2f}", f"{123456.789:_.1f}", f"{-9876543.21:,}", f"{1e6:,.0f}", f"{0.5:,.3%}", f"{1234.5:010,.1f}")
print(complex(1.25, -2.5).__format__(".1f"), format(1j, ""), format(1 + 1j, "10"), format(-1.5 - 0.5j, "+.2e"))
