//! `bytes`: immutable byte strings.

use super::{Object, Payload};
use crate::object::function::{add_classmethod, add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn new_bytes(data: Vec<u8>) -> Value {
    Value::Obj(Object::new(Payload::Bytes(data.into_boxed_slice())))
}

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a [u8]> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' requires a 'bytes' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn bytes_arg<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a [u8]> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `x in data` for a byte string: an integer (or an object with
/// `__index__`) is one byte, anything else must be bytes-like.
pub fn contains(vm: &Vm, data: &[u8], x: &Value) -> PyResult<bool> {
    let byte = match x.payload() {
        Some(Payload::Bytes(sub)) => {
            return Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == &sub[..]));
        }
        _ if x.as_bigint().is_some()
            || crate::object::typ::lookup(&vm.type_of(x), "__index__").is_some() =>
        {
            ops::index_bigint(vm, x)?
        }
        _ => return bytes_arg(vm, x).map(|_| false),
    };
    match u8::try_from(&byte) {
        Ok(byte) => Ok(data.contains(&byte)),
        Err(_) => Err(vm.new_error(
            vm.types.exception("ValueError"),
            "byte must be in range(0, 256)".to_string(),
        )),
    }
}

/// The normalised name of a supported codec.
fn codec(vm: &Vm, encoding: &str) -> PyResult<&'static str> {
    let normal = encoding.to_ascii_lowercase().replace(['-', '_'], "");
    match normal.as_str() {
        "utf8" | "u8" | "utf" => Ok("utf-8"),
        "ascii" | "usascii" => Ok("ascii"),
        "latin1" | "iso88591" | "l1" | "latin" => Ok("latin-1"),
        _ => Err(vm.new_error(
            vm.types.exception("LookupError"),
            format!("unknown encoding: {encoding}"),
        )),
    }
}

/// `s.encode(encoding)`.
pub fn encode(vm: &Vm, s: &str, encoding: &str) -> PyResult<Value> {
    match codec(vm, encoding)? {
        "utf-8" => Ok(new_bytes(s.as_bytes().to_vec())),
        name => {
            let limit = if name == "ascii" { 0x80 } else { 0x100 };
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= limit {
                    return Err(vm.new_error(
                        &vm.types.unicode_encode_error,
                        format!(
                            "'{name}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                }
                out.push(c as u32 as u8);
            }
            Ok(new_bytes(out))
        }
    }
}

/// How undecodable input is handled (`errors=`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ErrorMode {
    Strict,
    Replace,
    Ignore,
}

pub fn error_mode(vm: &Vm, errors: Option<&Value>) -> PyResult<ErrorMode> {
    match errors
        .map(|e| ops::expect_str(vm, e, "errors"))
        .transpose()?
        .as_deref()
    {
        None | Some("strict") => Ok(ErrorMode::Strict),
        Some("replace") => Ok(ErrorMode::Replace),
        Some("ignore") => Ok(ErrorMode::Ignore),
        Some(other) => Err(vm.new_error(
            vm.types.exception("LookupError"),
            format!("unknown error handler name '{other}'"),
        )),
    }
}

/// `b.decode(encoding, errors)`.
pub fn decode(vm: &Vm, b: &[u8], encoding: &str, mode: ErrorMode) -> PyResult<Value> {
    match codec(vm, encoding)? {
        "utf-8" => {
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(Value::from_string(out));
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad = rest[good];
                        let skip = e.error_len().unwrap_or(rest.len() - good);
                        if mode == ErrorMode::Strict {
                            let reason = if (0x80..0xc2).contains(&bad) || bad >= 0xf5 {
                                "invalid start byte"
                            } else if e.error_len().is_none() {
                                "unexpected end of data"
                            } else {
                                "invalid continuation byte"
                            };
                            return Err(vm.new_error(
                                &vm.types.unicode_decode_error,
                                format!(
                                    "'utf-8' codec can't decode byte 0x{bad:02x} in position {}: {reason}",
                                    offset + good
                                ),
                            ));
                        }
                        if mode == ErrorMode::Replace {
                            out.push('\u{fffd}');
                        }
                        offset += good + skip;
                        rest = &rest[good + skip..];
                    }
                }
            }
        }
        "ascii" => {
            let mut out = String::with_capacity(b.len());
            for (pos, &x) in b.iter().enumerate() {
                if x < 0x80 {
                    out.push(x as char);
                    continue;
                }
                match mode {
                    ErrorMode::Strict => {
                        return Err(vm.new_error(
                            &vm.types.unicode_decode_error,
                            format!(
                                "'ascii' codec can't decode byte 0x{x:02x} in position {pos}: ordinal not in range(128)"
                            ),
                        ))
                    }
                    ErrorMode::Replace => out.push('\u{fffd}'),
                    ErrorMode::Ignore => {}
                }
            }
            Ok(Value::from_string(out))
        }
        _ => Ok(Value::from_string(b.iter().map(|&x| x as char).collect())),
    }
}

fn bytes_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, rest) = args.split_first(vm, "bytes.__new__")?;
    rest.only_kwargs(vm, "bytes", &["source", "encoding", "errors"])?;
    let source = rest.pos.first().or_else(|| rest.kwarg("source"));
    let encoding = rest.pos.get(1).or_else(|| rest.kwarg("encoding"));
    let Some(source) = source else {
        return Ok(new_bytes(Vec::new()));
    };
    if let Some(s) = source.as_str() {
        let Some(encoding) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let encoding = ops::expect_str(vm, encoding, "bytes() argument 'encoding'")?;
        return encode(vm, s, &encoding);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if let Some(Payload::Bytes(b)) = source.payload() {
        return Ok(new_bytes(b.to_vec()));
    }
    if source.is_int() {
        let n = ops::index_value(vm, source)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        let mut zeros = Vec::new();
        vm.reserve(&mut zeros, n as usize)?;
        zeros.resize(n as usize, 0);
        return Ok(new_bytes(zeros));
    }
    let mut out = Vec::new();
    for item in ops::collect_iterable(vm, source)? {
        let i = ops::index_value(vm, &item)?;
        if !(0..256).contains(&i) {
            return Err(vm.value_error("bytes must be in range(0, 256)"));
        }
        out.push(i as u8);
    }
    Ok(new_bytes(out))
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn register(vm: &Vm) {
    let t = &vm.types.bytes;
    add_static(vm, t, "__new__", bytes_new);
    add_method(vm, t, "decode", |vm, args| {
        args.only_kwargs(vm, "decode", &["encoding", "errors"])?;
        let pos = args.count_kw(vm, "decode", 1, 3)?;
        let b = this(vm, &pos[0], "decode")?;
        let encoding = match pos.get(1).or_else(|| args.kwarg("encoding")) {
            Some(e) => ops::expect_str(vm, e, "decode() argument 'encoding'")?,
            None => "utf-8".to_string(),
        };
        let mode = error_mode(vm, pos.get(2).or_else(|| args.kwarg("errors")))?;
        decode(vm, b, &encoding, mode)
    });
    add_method(vm, t, "hex", |vm, args| {
        let [b] = args.exact::<1>(vm, "hex")?;
        let b = this(vm, b, "hex")?;
        Ok(Value::from_string(
            b.iter().map(|x| format!("{x:02x}")).collect(),
        ))
    });
    add_classmethod(vm, t, "fromhex", |vm, args| {
        let [_, s] = args.exact::<2>(vm, "fromhex")?;
        let s = ops::expect_str(vm, s, "fromhex() argument")?;
        let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out = Vec::new();
        for (i, pair) in digits.chunks(2).enumerate() {
            let text: String = pair.iter().collect();
            let byte = u8::from_str_radix(&text, 16)
                .ok()
                .filter(|_| pair.len() == 2)
                .ok_or_else(|| {
                    vm.value_error(format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i * 2
                    ))
                })?;
            out.push(byte);
        }
        Ok(new_bytes(out))
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, b, "__len__")?.len()))
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__hash__")?;
        let bytes = this(vm, b, "__hash__")?;
        Ok(Value::Int(crate::object::str::hash_str(
            &String::from_utf8_lossy(bytes),
        )))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__repr__")?;
        Ok(Value::from_string(pyrite_compiler::literal::bytes_repr(
            this(vm, b, "__repr__")?,
        )))
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__iter__")?;
        this(vm, b, "__iter__")?;
        crate::object::iter::builtin_iter(b).map(|it| it.unwrap_or(Value::None))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [b, i] = args.exact::<2>(vm, "__getitem__")?;
        this(vm, b, "__getitem__")?;
        match ops::getitem_builtin(vm, b, i)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error("byte indices must be integers or slices")),
        }
    });
    add_method(vm, t, "__contains__", |vm, args| {
        let [b, x] = args.exact::<2>(vm, "__contains__")?;
        contains(vm, this(vm, b, "__contains__")?, x).map(Value::Bool)
    });
    for name in ["__add__", "__mul__", "__rmul__"] {
        add_method(vm, t, name, ops::numeric_dunder(name));
    }
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, t, name, ops::compare_dunder(name));
    }
    add_method(vm, t, "join", |vm, args| {
        let [sep, items] = args.exact::<2>(vm, "join")?;
        let sep = this(vm, sep, "join")?;
        let mut out = Vec::new();
        for (i, item) in ops::collect_iterable(vm, items)?.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            match item.payload() {
                Some(Payload::Bytes(b)) => out.extend_from_slice(b),
                _ => {
                    return Err(vm.type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        vm.type_name(item)
                    )))
                }
            }
        }
        Ok(new_bytes(out))
    });
    add_method(vm, t, "startswith", |vm, args| {
        let [b, prefix] = args.exact::<2>(vm, "startswith")?;
        Ok(Value::Bool(
            this(vm, b, "startswith")?.starts_with(bytes_arg(vm, prefix)?),
        ))
    });
    add_method(vm, t, "endswith", |vm, args| {
        let [b, suffix] = args.exact::<2>(vm, "endswith")?;
        Ok(Value::Bool(
            this(vm, b, "endswith")?.ends_with(bytes_arg(vm, suffix)?),
        ))
    });
    add_method(vm, t, "find", |vm, args| {
        let [b, sub] = args.exact::<2>(vm, "find")?;
        let found = find_sub(this(vm, b, "find")?, bytes_arg(vm, sub)?);
        Ok(Value::Int(found.map_or(-1, |i| i as i64)))
    });
    add_method(vm, t, "count", |vm, args| {
        let [b, sub] = args.exact::<2>(vm, "count")?;
        let (hay, needle) = (this(vm, b, "count")?, bytes_arg(vm, sub)?);
        if needle.is_empty() {
            return Ok(Value::from(hay.len() + 1));
        }
        let mut n = 0;
        let mut i = 0;
        while let Some(p) = find_sub(&hay[i..], needle) {
            n += 1;
            i += p + needle.len();
        }
        Ok(Value::from(n as usize))
    });
    add_method(vm, t, "upper", |vm, args| {
        let [b] = args.exact::<1>(vm, "upper")?;
        Ok(new_bytes(this(vm, b, "upper")?.to_ascii_uppercase()))
    });
    add_method(vm, t, "lower", |vm, args| {
        let [b] = args.exact::<1>(vm, "lower")?;
        Ok(new_bytes(this(vm, b, "lower")?.to_ascii_lowercase()))
    });
    add_method(vm, t, "strip", |vm, args| {
        let [b] = args.exact::<1>(vm, "strip")?;
        let b = this(vm, b, "strip")?;
        let start = b
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(b.len());
        let end = b
            .iter()
            .rposition(|c| !c.is_ascii_whitespace())
            .map_or(start, |e| e + 1);
        Ok(new_bytes(b[start..end.max(start)].to_vec()))
    });
    add_method(vm, t, "replace", |vm, args| {
        let [b, old, new] = args.exact::<3>(vm, "replace")?;
        let (b, old, new) = (
            this(vm, b, "replace")?,
            bytes_arg(vm, old)?,
            bytes_arg(vm, new)?,
        );
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        if old.is_empty() {
            for &x in b {
                out.extend_from_slice(new);
                out.push(x);
            }
            out.extend_from_slice(new);
            return Ok(new_bytes(out));
        }
        while let Some(p) = find_sub(&b[i..], old) {
            out.extend_from_slice(&b[i..i + p]);
            out.extend_from_slice(new);
            i += p + old.len();
        }
        out.extend_from_slice(&b[i..]);
        Ok(new_bytes(out))
    });
    add_method(vm, t, "split", |vm, args| {
        let pos = args.count(vm, "split", 1, 2)?;
        let b = this(vm, &pos[0], "split")?;
        let parts: Vec<Value> = match pos.get(1).filter(|s| !s.is_none()) {
            None => b
                .split(|c| c.is_ascii_whitespace())
                .filter(|p| !p.is_empty())
                .map(|p| new_bytes(p.to_vec()))
                .collect(),
            Some(sep) => {
                let sep = bytes_arg(vm, sep)?;
                if sep.is_empty() {
                    return Err(vm.value_error("empty separator"));
                }
                let mut parts = Vec::new();
                let mut i = 0;
                while let Some(p) = find_sub(&b[i..], sep) {
                    parts.push(new_bytes(b[i..i + p].to_vec()));
                    i += p + sep.len();
                }
                parts.push(new_bytes(b[i..].to_vec()));
                parts
            }
        };
        Ok(crate::object::list::new_list(parts))
    });
    add_method(vm, t, "isdigit", |vm, args| {
        predicate(vm, args, u8::is_ascii_digit)
    });
    add_method(vm, t, "isalpha", |vm, args| {
        predicate(vm, args, u8::is_ascii_alphabetic)
    });
    add_method(vm, t, "isalnum", |vm, args| {
        predicate(vm, args, u8::is_ascii_alphanumeric)
    });
    add_method(vm, t, "isspace", |vm, args| {
        predicate(vm, args, u8::is_ascii_whitespace)
    });
}

fn predicate(vm: &Vm, args: Args, pred: fn(&u8) -> bool) -> PyResult<Value> {
    let [b] = args.exact::<1>(vm, "predicate")?;
    let b = this(vm, b, "predicate")?;
    Ok(Value::Bool(!b.is_empty() && b.iter().all(pred)))
}
