//! `str`: immutable text, indexed by code point.
//!
//! The text is stored as UTF-8 with its length in code points, so `len` is O(1)
//! and ASCII text (the common case) indexes and slices by byte. Non-ASCII text
//! walks to the code point it needs.

use std::cell::Cell;

use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub struct PyStr {
    /// A `String`, not a `Box<str>`: `s += t` on a str nobody else holds
    /// appends in place (see `push_str`), and needs the spare capacity to do
    /// that in amortized constant time. (The 8 bytes this costs do not change
    /// the allocator's size class of an object.)
    s: String,
    char_len: usize,
    /// The hash once computed; -1 until then (no str hashes to -1, the
    /// value CPython reserves for errors).
    hash: Cell<i64>,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr::from_string(s.to_string())
    }

    pub fn from_string(mut s: String) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        // Text built piece by piece may carry much spare room; a str is
        // immutable, so it goes (a little slack is not worth a reallocation).
        if s.capacity() > s.len() + s.len() / 2 + 16 {
            s.shrink_to_fit();
        }
        PyStr {
            s,
            char_len,
            hash: Cell::new(-1),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// Appends to a str that no other reference can see (CPython's in-place
    /// `s += t` for a str whose only reference is the variable assigned).
    pub fn push_str(&mut self, other: &PyStr) {
        self.s.push_str(&other.s);
        self.char_len += other.char_len;
        self.hash.set(-1);
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.char_len
    }

    pub fn is_empty(&self) -> bool {
        self.char_len == 0
    }

    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = hash_str(&self.s);
        self.hash.set(h);
        h
    }

    /// The byte offset of code point `index` (`index <= len`).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            return index;
        }
        self.s
            .char_indices()
            .nth(index)
            .map_or(self.s.len(), |(offset, _)| offset)
    }

    /// The code point at `index` (`index < len`).
    pub fn char_at(&self, index: usize) -> char {
        if self.is_ascii() {
            return self.s.as_bytes()[index] as char;
        }
        self.s.chars().nth(index).unwrap_or('\0')
    }

    /// Code points `start..stop`.
    pub fn substring(&self, start: usize, stop: usize) -> &str {
        let from = self.byte_offset(start);
        let to = if self.is_ascii() {
            stop
        } else {
            from + self.s[from..]
                .char_indices()
                .nth(stop - start)
                .map_or(self.s.len() - from, |(o, _)| o)
        };
        &self.s[from..to]
    }
}

/// The hash of a str. CPython randomizes str hashes per process, so no
/// program can rely on particular values; Pyrite uses a fast deterministic
/// hash (word-at-a-time multiply-rotate, then a finalizer that spreads the
/// bits, since set and dict tables index by the low bits).
pub fn hash_str(s: &str) -> i64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes = s.as_bytes();
    let mut h: u64 = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut word = [0u8; 8];
        word[..tail.len()].copy_from_slice(tail);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn new_str(s: impl Into<String>) -> Value {
    Value::from_string(s.into())
}

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' requires a 'str' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn arg_str<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a str> {
    v.as_str()
        .ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))))
}

/// Resolves optional `start`/`end` arguments (slice semantics) to code points.
fn span(
    vm: &Vm,
    s: &PyStr,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let len = s.len() as i64;
    let resolve = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = ops::index_value(vm, v)?;
                let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
                Ok(i)
            }
        }
    };
    // A start past the end stays past it: nothing is found there, not even
    // the empty string.
    let start = match start {
        Some(v) if !v.is_none() => {
            let i = ops::index_value(vm, v)?;
            if i > len {
                len + 1
            } else {
                resolve(Some(v), 0)?
            }
        }
        _ => 0,
    };
    let end = resolve(end, len)?;
    Ok((start as usize, end.max(start) as usize))
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\x1c'..='\x1f')
}

/// `str.split(sep=None, maxsplit=-1)`.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> Vec<String> {
    let mut parts = Vec::new();
    match sep {
        None => {
            let mut rest = s.trim_start_matches(is_space);
            let mut splits = 0;
            while !rest.is_empty() {
                if maxsplit >= 0 && splits >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                parts.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space);
                splits += 1;
            }
        }
        Some(sep) => {
            let mut rest = s;
            let mut splits = 0;
            loop {
                if maxsplit >= 0 && splits >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                match rest.find(sep) {
                    Some(i) => {
                        parts.push(rest[..i].to_string());
                        rest = &rest[i + sep.len()..];
                        splits += 1;
                    }
                    None => {
                        parts.push(rest.to_string());
                        break;
                    }
                }
            }
        }
    }
    parts
}

/// `str.rsplit(sep=None, maxsplit=-1)`.
fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> Vec<String> {
    let mut parts = Vec::new();
    match sep {
        None => {
            let mut rest = s.trim_end_matches(is_space);
            let mut splits = 0;
            while !rest.is_empty() {
                if maxsplit >= 0 && splits >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                let start = rest.rfind(is_space).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                parts.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space);
                splits += 1;
            }
        }
        Some(sep) => {
            let mut rest = s;
            let mut splits = 0;
            loop {
                if maxsplit >= 0 && splits >= maxsplit {
                    parts.push(rest.to_string());
                    break;
                }
                match rest.rfind(sep) {
                    Some(i) => {
                        parts.push(rest[i + sep.len()..].to_string());
                        rest = &rest[..i];
                        splits += 1;
                    }
                    None => {
                        parts.push(rest.to_string());
                        break;
                    }
                }
            }
        }
    }
    parts.reverse();
    parts
}

fn split_args<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<(Option<&'a str>, i64)> {
    args.only_kwargs(vm, name, &["sep", "maxsplit"])?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let sep = args.pos.get(1).or_else(|| args.kwarg("sep"));
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = arg_str(vm, v, "must be str or None").map_err(|_| {
                vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))
            })?;
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s)
        }
    };
    let maxsplit = match args.pos.get(2).or_else(|| args.kwarg("maxsplit")) {
        None => -1,
        Some(v) => ops::index_value(vm, v)?,
    };
    Ok((sep, maxsplit))
}

fn strip_chars<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<Option<&'a str>> {
    let pos = args.count(vm, name, 1, 2)?;
    match pos.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(v.as_str().ok_or_else(|| {
            vm.type_error(format!("{name} arg must be None or str"))
        })?)),
    }
}

fn str_list(parts: Vec<String>) -> Value {
    crate::object::list::new_list(parts.into_iter().map(Value::from_string).collect())
}

pub fn register(vm: &Vm) {
    let t = &vm.types.str;
    add_static(vm, t, "__new__", str_new);
    add_method(vm, t, "__len__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, s, "__len__")?.len()))
    });
    add_method(vm, t, "__str__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__str__")?;
        Ok(Value::new_str(this(vm, s, "__str__")?.as_str()))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__repr__")?;
        Ok(Value::from_string(pyrite_compiler::literal::str_repr(
            this(vm, s, "__repr__")?.as_str(),
        )))
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__hash__")?;
        Ok(Value::Int(this(vm, s, "__hash__")?.hash()))
    });
    add_method(vm, t, "__format__", |vm, args| {
        let [s, spec] = args.exact::<2>(vm, "__format__")?;
        let text = this(vm, s, "__format__")?.as_str();
        let spec = arg_str(vm, spec, "format spec")?;
        if spec.is_empty() {
            return ops::str_of(vm, s).map(Value::from_string);
        }
        crate::format::format_str(vm, text, spec).map(Value::from_string)
    });
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, t, name, ops::compare_dunder(name));
    }
    add_method(vm, t, "__add__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__add__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Add, a, b)
    });
    add_method(vm, t, "__mul__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__mul__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Mul, a, b)
    });
    add_method(vm, t, "__rmul__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__rmul__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Mul, b, a)
    });
    add_method(vm, t, "__mod__", |vm, args| {
        let [a, b] = args.exact::<2>(vm, "__mod__")?;
        ops::binary_op_native(vm, ops::BinaryOp::Mod, a, b)
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [s, sub] = args.exact::<2>(vm, "__contains__")?;
        let s = this(vm, s, "__contains__")?;
        let sub = sub.as_str().ok_or_else(|| {
            vm.type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                vm.type_name(sub)
            ))
        })?;
        Ok(Value::Bool(s.as_str().contains(sub)))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [s, index] = args.exact::<2>(vm, "__getitem__")?;
        this(vm, s, "__getitem__")?;
        match ops::getitem_builtin(vm, s, index)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error("string indices must be integers")),
        }
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [s] = args.exact::<1>(vm, "__iter__")?;
        this(vm, s, "__iter__")?;
        Ok(crate::object::iter::builtin_iter(s)?.unwrap_or(Value::None))
    });
    add_method(vm, t, "join", |vm, args| {
        let [sep, items] = args.exact::<2>(vm, "join")?;
        let sep = this(vm, sep, "join")?.as_str();
        let items = ops::collect_iterable(vm, items)?;
        // One allocation of the final size: growing a long result by
        // doubling would copy it, and fault in fresh pages, several times.
        let total = items
            .iter()
            .map(|item| item.as_str().map_or(0, str::len))
            .sum::<usize>()
            + sep.len() * items.len().saturating_sub(1);
        let mut out = String::with_capacity(total);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            match item.as_str() {
                Some(s) => out.push_str(s),
                None => {
                    return Err(vm.type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        vm.type_name(item)
                    )))
                }
            }
        }
        Ok(Value::from_string(out))
    });
    add_method(vm, t, "split", |vm, args| {
        let s = this(vm, &args.pos[0], "split")?.as_str();
        let (sep, maxsplit) = split_args(vm, &args, "split")?;
        Ok(str_list(split(s, sep, maxsplit)))
    });
    add_method(vm, t, "rsplit", |vm, args| {
        let s = this(vm, &args.pos[0], "rsplit")?.as_str();
        let (sep, maxsplit) = split_args(vm, &args, "rsplit")?;
        Ok(str_list(rsplit(s, sep, maxsplit)))
    });
    add_method(vm, t, "splitlines", |vm, args| {
        args.only_kwargs(vm, "splitlines", &["keepends"])?;
        let pos = args.count_kw(vm, "splitlines", 1, 2)?;
        let keepends = match pos.get(1).or_else(|| args.kwarg("keepends")) {
            Some(v) => ops::truthy(vm, v)?,
            None => false,
        };
        let s = this(vm, &pos[0], "splitlines")?.as_str();
        let mut parts = Vec::new();
        let mut start = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(
                c,
                '\n' | '\r'
                    | '\x0b'
                    | '\x0c'
                    | '\x1c'
                    | '\x1d'
                    | '\x1e'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            ) {
                let mut end = i + c.len_utf8();
                if c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n') {
                    chars.next();
                    end += 1;
                }
                parts.push(if keepends {
                    s[start..end].to_string()
                } else {
                    s[start..i].to_string()
                });
                start = end;
            }
        }
        if start < s.len() {
            parts.push(s[start..].to_string());
        }
        Ok(str_list(parts))
    });
    add_method(vm, t, "strip", |vm, args| {
        let chars = strip_chars(vm, &args, "strip")?;
        let s = this(vm, &args.pos[0], "strip")?.as_str();
        Ok(Value::new_str(match chars {
            None => s.trim_matches(is_space),
            Some(c) => s.trim_matches(|x| c.contains(x)),
        }))
    });
    add_method(vm, t, "lstrip", |vm, args| {
        let chars = strip_chars(vm, &args, "lstrip")?;
        let s = this(vm, &args.pos[0], "lstrip")?.as_str();
        Ok(Value::new_str(match chars {
            None => s.trim_start_matches(is_space),
            Some(c) => s.trim_start_matches(|x| c.contains(x)),
        }))
    });
    add_method(vm, t, "rstrip", |vm, args| {
        let chars = strip_chars(vm, &args, "rstrip")?;
        let s = this(vm, &args.pos[0], "rstrip")?.as_str();
        Ok(Value::new_str(match chars {
            None => s.trim_end_matches(is_space),
            Some(c) => s.trim_end_matches(|x| c.contains(x)),
        }))
    });
    for (name, f) in [
        ("find", find as crate::object::function::NativeFn),
        ("rfind", rfind),
        ("index", index),
        ("rindex", rindex),
        ("count", count),
        ("startswith", startswith),
        ("endswith", endswith),
    ] {
        add_method(vm, t, name, f);
    }
    add_method(vm, t, "replace", |vm, args| {
        let pos = args.count(vm, "replace", 3, 4)?;
        let s = this(vm, &pos[0], "replace")?.as_str();
        let old = arg_str(vm, &pos[1], "replace() argument 1")?;
        let new = arg_str(vm, &pos[2], "replace() argument 2")?;
        let count = match pos.get(3) {
            Some(v) => ops::index_value(vm, v)?,
            None => -1,
        };
        if count < 0 {
            return Ok(Value::from_string(s.replace(old, new)));
        }
        Ok(Value::from_string(s.replacen(old, new, count as usize)))
    });
    add_method(vm, t, "upper", |vm, args| {
        let [s] = args.exact::<1>(vm, "upper")?;
        Ok(Value::from_string(
            this(vm, s, "upper")?.as_str().to_uppercase(),
        ))
    });
    add_method(vm, t, "lower", |vm, args| {
        let [s] = args.exact::<1>(vm, "lower")?;
        Ok(Value::from_string(
            this(vm, s, "lower")?.as_str().to_lowercase(),
        ))
    });
    add_method(vm, t, "casefold", |vm, args| {
        let [s] = args.exact::<1>(vm, "casefold")?;
        // Full case folding differs from lowercasing mainly for the German
        // sharp s.
        let folded = this(vm, s, "casefold")?
            .as_str()
            .to_lowercase()
            .replace('ß', "ss");
        Ok(Value::from_string(folded))
    });
    add_method(vm, t, "swapcase", |vm, args| {
        let [s] = args.exact::<1>(vm, "swapcase")?;
        let out: String = this(vm, s, "swapcase")?
            .as_str()
            .chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect();
        Ok(Value::from_string(out))
    });
    add_method(vm, t, "capitalize", |vm, args| {
        let [s] = args.exact::<1>(vm, "capitalize")?;
        let s = this(vm, s, "capitalize")?.as_str();
        let mut chars = s.chars();
        let out = match chars.next() {
            Some(first) => first
                .to_uppercase()
                .chain(chars.as_str().to_lowercase().chars())
                .collect(),
            None => String::new(),
        };
        Ok(Value::from_string(out))
    });
    add_method(vm, t, "title", |vm, args| {
        let [s] = args.exact::<1>(vm, "title")?;
        let mut out = String::new();
        let mut prev_cased = false;
        for c in this(vm, s, "title")?.as_str().chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic() && (c.is_lowercase() || c.is_uppercase());
        }
        Ok(Value::from_string(out))
    });
    add_method(vm, t, "isdigit", |vm, a| {
        char_predicate(
            vm,
            a,
            "isdigit",
            |c| c.is_ascii_digit() || c.is_numeric(),
            false,
        )
    });
    add_method(vm, t, "isdecimal", |vm, a| {
        char_predicate(vm, a, "isdecimal", |c| c.is_ascii_digit(), false)
    });
    add_method(vm, t, "isnumeric", |vm, a| {
        char_predicate(vm, a, "isnumeric", char::is_numeric, false)
    });
    add_method(vm, t, "isalpha", |vm, a| {
        char_predicate(vm, a, "isalpha", char::is_alphabetic, false)
    });
    add_method(vm, t, "isalnum", |vm, a| {
        char_predicate(vm, a, "isalnum", char::is_alphanumeric, false)
    });
    add_method(vm, t, "isspace", |vm, a| {
        char_predicate(vm, a, "isspace", is_space, false)
    });
    add_method(vm, t, "isascii", |vm, a| {
        char_predicate(vm, a, "isascii", |c| c.is_ascii(), true)
    });
    add_method(vm, t, "isprintable", |vm, a| {
        char_predicate(
            vm,
            a,
            "isprintable",
            pyrite_compiler::literal::is_printable,
            true,
        )
    });
    add_method(vm, t, "isupper", |vm, args| {
        let [s] = args.exact::<1>(vm, "isupper")?;
        let s = this(vm, s, "isupper")?.as_str();
        Ok(Value::Bool(
            s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase()),
        ))
    });
    add_method(vm, t, "islower", |vm, args| {
        let [s] = args.exact::<1>(vm, "islower")?;
        let s = this(vm, s, "islower")?.as_str();
        Ok(Value::Bool(
            s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase()),
        ))
    });
    add_method(vm, t, "isidentifier", |vm, args| {
        let [s] = args.exact::<1>(vm, "isidentifier")?;
        let s = this(vm, s, "isidentifier")?.as_str();
        let mut chars = s.chars();
        let ok = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
            && chars.all(|c| c == '_' || c.is_alphanumeric());
        Ok(Value::Bool(ok))
    });
    add_method(vm, t, "istitle", |vm, args| {
        let [s] = args.exact::<1>(vm, "istitle")?;
        let s = this(vm, s, "istitle")?.as_str();
        let mut prev_cased = false;
        let mut cased = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return Ok(Value::Bool(false));
                }
                prev_cased = true;
                cased = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return Ok(Value::Bool(false));
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        Ok(Value::Bool(cased))
    });
    add_method(vm, t, "center", |vm, args| pad(vm, args, "center"));
    add_method(vm, t, "ljust", |vm, args| pad(vm, args, "ljust"));
    add_method(vm, t, "rjust", |vm, args| pad(vm, args, "rjust"));
    add_method(vm, t, "zfill", |vm, args| {
        let [s, width] = args.exact::<2>(vm, "zfill")?;
        let s = this(vm, s, "zfill")?;
        let width = ops::index_value(vm, width)?;
        let len = s.len() as i64;
        if width <= len {
            return Ok(Value::new_str(s.as_str()));
        }
        let zeros = (width - len) as usize;
        let text = s.as_str();
        let mut out = String::new();
        vm.reserve_text(&mut out, text.len() + zeros)?;
        let digits = match text.chars().next() {
            Some(sign @ ('+' | '-')) => {
                out.push(sign);
                &text[1..]
            }
            _ => text,
        };
        out.extend(std::iter::repeat_n('0', zeros));
        out.push_str(digits);
        Ok(Value::from_string(out))
    });
    add_method(vm, t, "partition", |vm, args| {
        let [s, sep] = args.exact::<2>(vm, "partition")?;
        let s = this(vm, s, "partition")?.as_str();
        let sep = arg_str(vm, sep, "partition() argument")?;
        if sep.is_empty() {
            return Err(vm.value_error("empty separator"));
        }
        let parts = match s.find(sep) {
            Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
            None => [s, "", ""],
        };
        Ok(crate::object::tuple::new_tuple(
            parts.iter().map(|p| Value::new_str(p)).collect(),
        ))
    });
    add_method(vm, t, "rpartition", |vm, args| {
        let [s, sep] = args.exact::<2>(vm, "rpartition")?;
        let s = this(vm, s, "rpartition")?.as_str();
        let sep = arg_str(vm, sep, "rpartition() argument")?;
        if sep.is_empty() {
            return Err(vm.value_error("empty separator"));
        }
        let parts = match s.rfind(sep) {
            Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
            None => ["", "", s],
        };
        Ok(crate::object::tuple::new_tuple(
            parts.iter().map(|p| Value::new_str(p)).collect(),
        ))
    });
    add_method(vm, t, "format_map", |vm, args| {
        let [s, mapping] = args.exact::<2>(vm, "format_map")?;
        let s = this(vm, s, "format_map")?.as_str();
        crate::format::str_format_map(vm, s, mapping).map(Value::from_string)
    });
    add_method(vm, t, "translate", |vm, args| {
        let [s, table] = args.exact::<2>(vm, "translate")?;
        let s = this(vm, s, "translate")?.as_str();
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match ops::getitem(vm, table, &Value::Int(c as i64)) {
                Ok(Value::None) => {}
                Ok(v) => {
                    if let Some(text) = v.as_str() {
                        out.push_str(text);
                    } else if let Some(code) = v.as_i64() {
                        let mapped = u32::try_from(code)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                vm.value_error("character mapping must be in range(0x110000)")
                            })?;
                        out.push(mapped);
                    } else {
                        return Err(
                            vm.type_error("character mapping must return integer, None or str")
                        );
                    }
                }
                Err(e) if vm.err_matches(&e, &vm.types.lookup_error) => out.push(c),
                Err(e) => return Err(e),
            }
        }
        Ok(Value::from_string(out))
    });
    crate::object::function::add_static(vm, t, "maketrans", str_maketrans);
    add_method(vm, t, "format", |vm, args| {
        let (s, rest) = args.split_first(vm, "format")?;
        let s = this(vm, &s, "format")?.as_str();
        crate::format::str_format(vm, s, rest).map(Value::from_string)
    });
    add_method(vm, t, "encode", |vm, args| {
        args.only_kwargs(vm, "encode", &["encoding", "errors"])?;
        let pos = args.count_kw(vm, "encode", 1, 3)?;
        let s = this(vm, &pos[0], "encode")?.as_str();
        let encoding = match pos.get(1).or_else(|| args.kwarg("encoding")) {
            Some(e) => arg_str(vm, e, "encode() argument 'encoding'")?.to_string(),
            None => "utf-8".to_string(),
        };
        let errors = pos.get(2).or_else(|| args.kwarg("errors"));
        let mode = crate::object::bytes::error_mode(vm, errors)?;
        crate::object::bytes::encode(vm, s, &encoding, &mode)
    });
    add_method(vm, t, "removeprefix", |vm, args| {
        let [s, p] = args.exact::<2>(vm, "removeprefix")?;
        let s = this(vm, s, "removeprefix")?.as_str();
        let p = arg_str(vm, p, "removeprefix() argument")?;
        Ok(Value::new_str(s.strip_prefix(p).unwrap_or(s)))
    });
    add_method(vm, t, "removesuffix", |vm, args| {
        let [s, p] = args.exact::<2>(vm, "removesuffix")?;
        let s = this(vm, s, "removesuffix")?.as_str();
        let p = arg_str(vm, p, "removesuffix() argument")?;
        Ok(Value::new_str(s.strip_suffix(p).unwrap_or(s)))
    });
    add_method(vm, t, "expandtabs", |vm, args| {
        args.only_kwargs(vm, "expandtabs", &["tabsize"])?;
        let pos = args.count_kw(vm, "expandtabs", 1, 2)?;
        let s = this(vm, &pos[0], "expandtabs")?.as_str();
        let size = match pos.get(1).or_else(|| args.kwarg("tabsize")) {
            Some(v) => ops::index_value(vm, v)?,
            None => 8,
        };
        let mut out = String::new();
        let mut column = 0i64;
        for c in s.chars() {
            match c {
                '\t' => {
                    if size > 0 {
                        let n = size - column % size;
                        out.push_str(&" ".repeat(n as usize));
                        column += n;
                    }
                }
                '\n' | '\r' => {
                    out.push(c);
                    column = 0;
                }
                _ => {
                    out.push(c);
                    column += 1;
                }
            }
        }
        Ok(Value::from_string(out))
    });
}

fn char_predicate(
    vm: &Vm,
    args: Args,
    name: &str,
    pred: fn(char) -> bool,
    empty: bool,
) -> PyResult<Value> {
    let [s] = args.exact::<1>(vm, name)?;
    let s = this(vm, s, name)?.as_str();
    if s.is_empty() {
        return Ok(Value::Bool(empty));
    }
    Ok(Value::Bool(s.chars().all(pred)))
}

fn pad(vm: &Vm, args: Args, name: &str) -> PyResult<Value> {
    let pos = args.count(vm, name, 2, 3)?;
    let s = this(vm, &pos[0], name)?;
    let width = ops::index_value(vm, &pos[1])?;
    let fill = match pos.get(2) {
        Some(v) => {
            let f = arg_str(vm, v, "fill character")?;
            let mut chars = f.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        None => ' ',
    };
    let len = s.len() as i64;
    if width <= len {
        return Ok(Value::new_str(s.as_str()));
    }
    let total = (width - len) as usize;
    let (left, right) = match name {
        "ljust" => (0, total),
        "rjust" => (total, 0),
        // center: CPython puts the extra space on the left when the width is odd
        // and the text length even... precisely: left = total/2 + (total & width & 1).
        _ => {
            let left = total / 2 + (total & (width as usize) & 1);
            (left, total - left)
        }
    };
    let mut out = String::new();
    vm.reserve_text(
        &mut out,
        s.as_str().len() + total.saturating_mul(fill.len_utf8()),
    )?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(Value::from_string(out))
}

/// Arguments of find/index/count/startswith: (self, sub, start, end).
fn find_args<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
) -> PyResult<(&'a PyStr, &'a Value, usize, usize)> {
    let pos = args.count(vm, name, 2, 4)?;
    args.no_kwargs(vm, name)?;
    let s = this(vm, &pos[0], name)?;
    let (start, end) = span(vm, s, pos.get(2), pos.get(3))?;
    Ok((s, &pos[1], start, end))
}

fn find_in(s: &PyStr, sub: &str, start: usize, end: usize, reverse: bool) -> Option<usize> {
    if start > s.len() {
        return None;
    }
    let hay = s.substring(start, end.min(s.len()));
    let found = if reverse {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    }?;
    Some(start + hay[..found].chars().count())
}

fn find(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(vm, &args, "find")?;
    let sub = arg_str(vm, sub, "must be str")?;
    Ok(Value::Int(
        find_in(s, sub, start, end, false).map_or(-1, |i| i as i64),
    ))
}

fn rfind(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(vm, &args, "rfind")?;
    let sub = arg_str(vm, sub, "must be str")?;
    Ok(Value::Int(
        find_in(s, sub, start, end, true).map_or(-1, |i| i as i64),
    ))
}

fn index(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(vm, &args, "index")?;
    let sub = arg_str(vm, sub, "must be str")?;
    find_in(s, sub, start, end, false)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| vm.value_error("substring not found"))
}

fn rindex(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(vm, &args, "rindex")?;
    let sub = arg_str(vm, sub, "must be str")?;
    find_in(s, sub, start, end, true)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| vm.value_error("substring not found"))
}

fn count(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(vm, &args, "count")?;
    let sub = arg_str(vm, sub, "must be str")?;
    if start > s.len() {
        return Ok(Value::Int(0));
    }
    let hay = s.substring(start, end.min(s.len()));
    if sub.is_empty() {
        return Ok(Value::Int(hay.chars().count() as i64 + 1));
    }
    Ok(Value::Int(hay.matches(sub).count() as i64))
}

fn affix_check(vm: &Vm, args: Args, name: &str, suffix: bool) -> PyResult<Value> {
    let (s, affix, start, end) = find_args(vm, &args, name)?;
    if start > s.len() {
        return Ok(Value::Bool(false));
    }
    let hay = s.substring(start, end.min(s.len()));
    let test = |a: &str| {
        if suffix {
            hay.ends_with(a)
        } else {
            hay.starts_with(a)
        }
    };
    match affix.payload() {
        Some(Payload::Str(a)) => Ok(Value::Bool(test(a.as_str()))),
        Some(Payload::Tuple(items)) => {
            for item in items.iter() {
                let a = item.as_str().ok_or_else(|| {
                    vm.type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        vm.type_name(item)
                    ))
                })?;
                if test(a) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            vm.type_name(affix)
        ))),
    }
}

fn startswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix_check(vm, args, "startswith", false)
}

fn endswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix_check(vm, args, "endswith", true)
}

/// `str(object='')`, `str(bytes, encoding)`.
/// `str.maketrans(x[, y[, z]])`.
fn str_maketrans(vm: &Vm, args: Args) -> PyResult<Value> {
    let pos = args.count(vm, "maketrans", 1, 3)?;
    let table = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
    match pos {
        [mapping] => {
            let Some(Payload::Dict(d)) = mapping.payload() else {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            };
            for (k, v) in d.borrow().items() {
                let key =
                    match k.as_str() {
                        Some(s) if s.chars().count() == 1 => {
                            Value::Int(s.chars().next().unwrap_or('\0') as i64)
                        }
                        Some(_) => {
                            return Err(vm
                                .value_error("string keys in translate table must be of length 1"))
                        }
                        None if k.is_int() => k.clone(),
                        None => {
                            return Err(vm
                                .type_error("keys in translate table must be strings or integers"))
                        }
                    };
                ops::dict_set(vm, &table, key, v)?;
            }
        }
        [x, y, rest @ ..] => {
            let (Some(x), Some(y)) = (x.as_str(), y.as_str()) else {
                return Err(vm.type_error("maketrans() argument must be str"));
            };
            if x.chars().count() != y.chars().count() {
                return Err(
                    vm.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a, b) in x.chars().zip(y.chars()) {
                ops::dict_set(vm, &table, Value::Int(a as i64), Value::Int(b as i64))?;
            }
            if let Some(z) = rest.first() {
                let z = arg_str(vm, z, "maketrans() argument 3")?;
                for c in z.chars() {
                    ops::dict_set(vm, &table, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        _ => {}
    }
    Ok(table)
}

fn str_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "str.__new__")?;
    super::typ::check_new_class(vm, &cls, &vm.types.str)?;
    rest.only_kwargs(vm, "str", &["object", "encoding", "errors"])?;
    if rest.pos.len() + rest.kw_names.len() > 3 {
        return Err(vm.type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            rest.pos.len() + rest.kw_names.len()
        )));
    }
    let value = rest.pos.first().or_else(|| rest.kwarg("object"));
    let text = match value {
        None => String::new(),
        Some(v) => {
            if rest.pos.len() > 1 || rest.kwarg("encoding").is_some() {
                match v.payload() {
                    Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)) => {
                        let b = &*crate::object::bytes_methods::bytes_like(vm, v)?.to_vec();
                        let encoding = match rest.pos.get(1).or_else(|| rest.kwarg("encoding")) {
                            Some(e) => arg_str(vm, e, "str() argument 'encoding'")?.to_string(),
                            None => "utf-8".to_string(),
                        };
                        let errors = rest.pos.get(2).or_else(|| rest.kwarg("errors"));
                        let mode = crate::object::bytes::error_mode(vm, errors)?;
                        let decoded = crate::object::bytes::decode(vm, b, &encoding, mode)?;
                        decoded.as_str().unwrap_or("").to_string()
                    }
                    _ => {
                        return Err(vm.type_error(format!(
                            "decoding to str: need a bytes-like object, {} found",
                            vm.type_name(v)
                        )))
                    }
                }
            } else {
                ops::str_of(vm, v)?
            }
        }
    };
    match &cls {
        Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.str) => Ok(Value::from_string(text)),
        Value::Obj(c) => {
            let dict = c
                .as_type()
                .is_some_and(|t| t.has_instance_dict)
                .then(super::new_dict_object);
            Ok(Value::Obj(Object::with_class(
                Payload::Str(PyStr::from_string(text)),
                c.clone(),
                dict,
            )))
        }
        _ => Err(vm.type_error("str.__new__(X): X is not a type object")),
    }
}
