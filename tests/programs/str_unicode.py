# code-point indexing and slicing of non-ASCII text
s = "naïve café 日本語 😀 end"
print(len(s), s[2], s[8:12], s[-5], s[11:14], s[::-1], s[::3], s.find("日"), s.index("😀"), s.rfind("é"))
print([c for c in s if ord(c) > 127], [hex(ord(c)) for c in "é日😀"], "".join(chr(ord(c) + 1) for c in "HAL"))
print(s.upper(), s.encode("utf-8")[:12], len(s.encode()), s.encode().decode() == s)
for i, ch in enumerate("añ😀b"):
    print(i, ch, ord(ch), repr(ch), ascii(ch), ch.isalpha(), len(ch.encode()))
print(repr("tab\there"), repr("quote'"), repr('dq"'), repr("both'\""), repr("\x00\x1f\x7f\x80\xa0\xad"), repr("\u200b\ufeff"))
print(repr("\U0001f600"), repr("\U000e0001"), repr("\ud800") if False else "skip", ascii("café 😀"), repr("\\"), repr("\r\n"))
print("é" == "e\u0301", len("e\u0301"), "\u00e9" == "é", "\N{GREEK SMALL LETTER ALPHA}", "\x41\u0042\U00000043")
print(sorted(["b", "a", "é", "z", "É", "日", "A"]), max("héllo"), min("héllo"), "é" > "z")
print("ab日".center(7, "·"), "日本".ljust(5, "*") + "|", "x😀y".rjust(6), "😀" * 3, "日本語"[1:], "日本語"[5:], "日本語"[-10:1])
print(list("héllo"), tuple("日本"), set("aaé") == {"a", "é"}, dict.fromkeys("ñn"), str(list("😀a")))
text = "Ünïcödé string with ßpecial chars"
counts = {}
for ch in text.lower():
    if ch.isalpha():
        counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
print(text.split("ß"), text.replace("ö", "o"), text.count("i"), text.startswith("Ün"), text[0].lower())
print(chr(0x10FFFF) == "\U0010ffff", len(chr(0x10FFFF)), ord("\U0010ffff"), chr(0), repr(chr(127)), chr(65) + chr(0x263A))
for bad in [lambda: chr(0x110000), lambda: chr(-1), lambda: ord("ab"), lambda: ord(""), lambda: chr("a"), lambda: ord(5)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
b = "日本語".encode()
print(b, len(b), b.decode("utf-8"), b[:3].decode(), b[:4].decode("utf-8", "replace"), b[:4].decode(errors="ignore"))
try:
    b[:4].decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
try:
    b[1:].decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
word = "résumé"
print(word[::-1], word[1:-1], word.index("é"), word.rindex("é"), word.count("é"), word.encode("latin-1"), word.title())
print([s[i:i+3] for i in range(0, len(s), 3)])
print("%-6s|%6s|" % ("日本", "é"), "{:^7}|{:>4}".format("😀", "ñ"), f"{'ü':*<4}")
print(str(b"\xc3\xa9", "utf-8"), str(b"abc", encoding="ascii"), bytes("é", "utf-8"), bytes("é", encoding="latin-1"))
print(ascii([1, "é", "a"]), repr({"ключ": "значение"}), str(("ü",)), "\t".join(["α", "β"]).expandtabs(4))
print("Straße".upper().lower(), "ǈ".upper(), "ǈ".lower(), "Σ".lower(), "ı".upper(), "ſ".upper())
