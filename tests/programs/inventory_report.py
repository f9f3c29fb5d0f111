# Realistic mixed program: inventory management with dicts, sorting, formatting, sets
raw = """sku,name,category,qty,price,tags
A100,Widget,tools,25,3.50,metal;small
A101,Gadget Pro,electronics,3,129.99,premium;new
A102,Thingamajig,misc,0,12.00,
B200,Sprocket,tools,140,0.75,metal;bulk
B201,Flux Capacitor,electronics,1,1999.95,premium;rare
C300,Doohickey,misc,12,7.25,small;new
C301,  Gizmo  ,electronics,48,24.50,small
"""
header, *lines = raw.strip().splitlines()
cols = header.split(",")
items = []
for ln in lines:
    rec = dict(zip(cols, ln.split(",")))
    rec["name"] = rec["name"].strip()
    rec["qty"] = int(rec["qty"])
    rec["price"] = float(rec["price"])
    rec["tags"] = set(filter(None, rec["tags"].split(";")))
    items.append(rec)
print(len(items), cols)
by_cat = {}
for it in items:
    by_cat.setdefault(it["category"], []).append(it)
for cat in sorted(by_cat):
    group = sorted(by_cat[cat], key=lambda r: (-r["qty"] * r["price"], r["sku"]))
    total = sum(r["qty"] * r["price"] for r in group)
    print(f"== {cat.upper():<12} {len(group):>2} items  value={total:>12,.2f}")
    for r in group:
        flag = "OUT" if r["qty"] == 0 else ("low" if r["qty"] < 5 else "")
        print(f"   {r['sku']} {r['name']:<15.15} {r['qty']:>4d} x {r['price']:>8.2f} = {r['qty'] * r['price']:>10.2f} {flag}")
all_tags = set().union(*(r["tags"] for r in items))
print(sorted(all_tags))
tag_index = {t: sorted(r["sku"] for r in items if t in r["tags"]) for t in sorted(all_tags)}
for t, skus in tag_index.items():
    print(f"{t:>8}: {', '.join(skus)}")
premium_small = [r["sku"] for r in items if {"premium"} <= r["tags"] or r["tags"] >= {"small", "new"}]
print(premium_small)
prices = [r["price"] for r in items]
mean = sum(prices) / len(prices)
print(f"min={min(prices)} max={max(prices)} mean={mean:.3f} median={sorted(prices)[len(prices) // 2]}")
print("most valuable:", max(items, key=lambda r: r["qty"] * r["price"])["name"])
print("cheapest in stock:", min((r for r in items if r["qty"]), key=lambda r: r["price"])["name"])
print("out of stock:", [r["name"] for r in items if not r["qty"]] or "none")
def restock(items, threshold=5, amount=20):
    changed = {}
    for r in items:
        if r["qty"] < threshold:
            changed[r["sku"]] = (r["qty"], r["qty"] + amount)
            r["qty"] += amount
    return changed
print(restock(items))
orders = [("A100", 5), ("B201", 2), ("ZZZ", 1), ("C301", 48), ("A101", -1)]
lookup = {r["sku"]: r for r in items}
for sku, n in orders:
    try:
        if n <= 0:
            raise ValueError(f"bad quantity {n!r} for {sku}")
        rec = lookup[sku]
        if rec["qty"] < n:
            raise RuntimeError(f"insufficient stock for {rec['name']}: have {rec['qty']}, need {n}")
        rec["qty"] -= n
        print(f"shipped {n:3d} of {sku} -> {rec['qty']} left, charge ${n * rec['price']:,.2f}")
    except KeyError as e:
        print("unknown sku", e)
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__ + ":", e)
summary = {cat: sum(r["qty"] for r in rs) for cat, rs in by_cat.items()}
print(summary, sorted(summary.items(), key=lambda kv: kv[1]), sum(summary.values()))
print(" | ".join(f"{k}={v:04d}" for k, v in sorted(summary.items())))
discounts = {"tools": 0.10, "electronics": 0.05}
for r in items[:4]:
    d = discounts.get(r["category"], 0)
    new = round(r["price"] * (1 - d), 2)
    print(f"{r['name']:>12}: {r['price']:7.2f} -> {new:7.2f} ({d:.0%} off)")
