# Realistic mixed program: integer-cents ledger with divmod, rounding, bigints and formatting
def parse_amount(text):
    text = text.strip().replace(",", "").replace("_", "")
    neg = text.startswith("-")
    if neg or text.startswith("+"):
        text = text[1:]
    if text.startswith("$"):
        text = text[1:]
    whole, _, frac = text.partition(".")
    if not whole.isdigit() and whole != "":
        raise ValueError(f"bad amount: {text!r}")
    frac = (frac + "00")[:2]
    cents = int(whole or "0") * 100 + int(frac)
    return -cents if neg else cents

def fmt(cents):
    sign = "-" if cents < 0 else ""
    d, c = divmod(abs(cents), 100)
    return f"{sign}${d:,}.{c:02d}"

entries = ["1,234.56", "-$99.99", "+0.5", "$1_000_000", "12", ".07", "-0.01", "abc", "3.999"]
ledger = []
for e in entries:
    try:
        c = parse_amount(e)
        ledger.append(c)
        print(f"{e:>14} -> {c:>12d} cents -> {fmt(c):>16}")
    except ValueError as err:
        print(f"{e:>14} -> error: {err}")
total = sum(ledger)
print("total", fmt(total), "avg", fmt(total // len(ledger)), "max", fmt(max(ledger)), "min", fmt(min(ledger)))
def split_evenly(cents, people):
    q, r = divmod(cents, people)
    return [q + 1 if i < r else q for i in range(people)]
for amount, n in [(1000, 3), (100, 7), (-1000, 3), (1, 4), (10 ** 20 + 1, 6)]:
    parts = split_evenly(amount, n)
    print(fmt(amount), n, [fmt(p) for p in parts][:4], sum(parts) == amount)
rate = 0.0375
balance = 100_000_00
for year in range(1, 6):
    interest = round(balance * rate)
    balance += interest
    print(f"year {year}: +{fmt(interest):>12} = {fmt(balance):>14}")
for x in [0.125, 0.375, 2.5, 3.5, -2.5, 1.005, 2.675, 1234.5678]:
    print(x, round(x, 2), round(x), f"{x:.2f}", int(x * 100), round(x * 100), divmod(round(x * 100), 100))
principal, apr, months = 250_000_00, 0.065, 360
r = apr / 12
payment = principal * r / (1 - (1 + r) ** -months)
print(fmt(round(payment)), f"{payment / 100:,.4f}", fmt(round(payment) * months - principal))
rem = principal
for m in range(1, 4):
    interest = round(rem * r)
    rem -= round(payment) - interest
    print(m, fmt(interest), fmt(round(payment) - interest), fmt(rem))
huge = 123456789012345678901234567890
print(fmt(huge), fmt(-huge), len(fmt(huge)), huge % 97, huge // 10 ** 20, f"{huge:_}", f"{huge:.3e}")
ratios = [(0.1).as_integer_ratio(), (0.5).as_integer_ratio(), (2.75).as_integer_ratio(), (10 ** 20 / 3).as_integer_ratio()[1]]
print(ratios)
def to_fraction_str(x):
    n, d = x.as_integer_ratio()
    from_int = n // d, n % d
    return f"{n}/{d} = {from_int[0]} + {from_int[1]}/{d}"
print(to_fraction_str(3.75), to_fraction_str(-3.75), to_fraction_str(1e-3)[:30])
print(sum(c for c in ledger if c > 0), sum(c for c in ledger if c < 0), sorted(ledger, key=abs)[:3], [fmt(c) for c in sorted(ledger)[-2:]])
print(f"{0.1 + 0.2:.17f}", f"{sum([0.1] * 10):.20g}", 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3, (1, 3) == (1.0, 3.0))
