# str splitting, partitioning, stripping
samples = ["a,b,,c", "  hello   world  ", "one", "", ",", "a b\tc\nd", "x--y--z", "  ", "\u3000wide\u3000space"]
for s in samples:
    print(repr(s), s.split(), s.split(","), s.split(",", 1), s.rsplit(",", 1), s.split(" "))
print("a--b--c".split("--"), "a--b--c".rsplit("--", 1), "aaaa".split("aa"), "1 2 3 4".split(maxsplit=2))
print("1 2 3 4".rsplit(maxsplit=2), "  a  b  ".rsplit(None, 1), "a,b,c".split(",", -1), "a,b,c".split(",", 0))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError", e)
try:
    "abc".split(1)
except TypeError as e:
    print("TypeError", e)

text = "line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x1c7\x1d8\x1e9\x85ten\u2028eleven\u2029twelve\n\n"
print(text.splitlines())
print(text.splitlines(keepends=True))
print("".splitlines(), "\n".splitlines(), "a\n".splitlines(True), "no newline".splitlines())
print("a\nb\n".split("\n"), "a\r\nb".split("\n"))

for s in ["key=value", "key=", "=value", "novalue", "a=b=c", ""]:
    print(repr(s), s.partition("="), s.rpartition("="))
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError", e)

for s in ["  padded  ", "\t\n tabs \r\n", "xxhixx", "", "   ", "abcba", "\xa0nbsp\xa0"]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip("xa")), repr(s.lstrip("ab")), repr(s.rstrip("ab ")))
print("www.example.com".strip("cmowz."), "  spam  ".strip(None), "abc".strip(""), "<<a>>".strip("<>"))
try:
    "abc".strip(5)
except TypeError as e:
    print("TypeError", e)

def parse_config(src):
    result = {}
    for raw in src.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep:
            result.setdefault("_errors", []).append(key)
            continue
        result[key.strip().lower()] = [v.strip() for v in value.split(",") if v.strip()]
    return result

cfg = """
# comment
Name = Alice, Bob ,  Carol
PATH=/usr/bin:/bin   # trailing
empty =
broken line
  Port = 8080
"""
for k, v in parse_config(cfg).items():
    print(k, v)

csv = "id,name,score\n1,ann,90\n2,bob,85\n3,cy,77\n"
header, *rows = [r.split(",") for r in csv.strip().split("\n")]
print(header, rows, sum(int(r[2]) for r in rows))
print("/usr/local/bin/python".rpartition("/")[2], "file.tar.gz".rsplit(".", 1), "file.tar.gz".split(".", 1))
print("a|b|c".split("|", maxsplit=1), "a|b|c".rsplit(sep="|", maxsplit=1))
print(" ".join("  many   spaces here ".split()), "-".join(reversed("a.b.c".split("."))))
print("ß straße".split("ß"), "日本語,中文".split(","), "é é".rsplit(" "))
