# Realistic mixed program: text statistics with str methods, dicts, sorting and formatting
TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair. Café naïve — “quoted” façade; 42 numbers & 3.14 floats!"""
lines = TEXT.splitlines()
print(len(lines), len(TEXT), len(TEXT.split()), sum(1 for ch in TEXT if ch.isupper()), TEXT.count("it was"))
punct = ",.;:!?—“”&"
table = str.maketrans({c: " " for c in punct})
words = [w.lower() for w in TEXT.translate(table).split()]
print(words[:12])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
width = max(len(w) for w, _ in top)
for w, n in top:
    print(f"{w:>{width}} {n:3d} {'#' * n}")
lengths = {}
for w in set(words):
    lengths.setdefault(len(w), []).append(w)
for n in sorted(lengths):
    print(n, sorted(lengths[n]))
non_ascii = sorted({ch for ch in TEXT if not ch.isascii()})
print(non_ascii, [f"U+{ord(c):04X}" for c in non_ascii], ascii("".join(non_ascii)))
numbers = [tok for tok in TEXT.replace(",", " ").split() if tok.replace(".", "", 1).rstrip("!").isdigit()]
print(numbers, sum(float(n.rstrip("!")) for n in numbers))
caps = [w.strip(punct) for w in TEXT.split() if w[:1].isupper()]
print(caps, [w.swapcase() for w in caps], [w.center(9, ".") for w in caps[:3]])
def wrap(text, width):
    out, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    return out
for ln in wrap(lines[0] + " " + lines[1], 28):
    print(f"|{ln:<28}|{ln:>30}|")
first_letters = "".join(w[0] for w in words if w[0].isalpha())
print(first_letters, first_letters.count("w"), first_letters.find("e"), first_letters.rfind("t"))
vowels = set("aeiouáéíóúï")
print({w: sum(ch in vowels for ch in w) for w in ["wisdom", "naïve", "incredulity", "façade"]})
title_case = " ".join(w.capitalize() for w in lines[3].split())
print(title_case, title_case.istitle(), lines[3].title())
print(lines[2].partition(","), lines[2].rpartition(" of "), lines[1].split(",", 2)[:2])
print(repr(lines[3][-30:]), lines[3][-30:].encode("utf-8")[:20], len(lines[3].encode()) - len(lines[3]))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym, "-".join(reversed(acronym)), acronym.lower().zfill(6), f"{acronym!r:^11}", acronym.ljust(5, "_"))
palins = [w for w in sorted(set(words)) if len(w) > 1 and w == w[::-1]]
print(palins, [w for w in sorted(set(words)) if w.startswith(("wi", "wo"))], [w for w in sorted(set(words)) if w.endswith("ness")])
print(max(words, key=len), min(words, key=lambda w: (len(w), w)), sorted(set(words), key=lambda w: (len(w), w), reverse=True)[:3])
