//! `bytes`: immutable byte strings.

use super::{Object, Payload};
use crate::object::bytes_methods::buffer;
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

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

/// `x in data` for a byte string: an integer (or an object with
/// `__index__`) is one byte, anything else must be bytes-like.
pub fn contains(vm: &Vm, data: &[u8], x: &Value) -> PyResult<bool> {
    if let Some(sub) = buffer(x) {
        return Ok(crate::object::bytes_methods::find_sub(data, &sub).is_some());
    }
    let byte = match x.payload() {
        _ if x.as_bigint().is_some()
            || crate::object::typ::lookup(&vm.type_of(x), "__index__").is_some() =>
        {
            ops::index_bigint(vm, x)?
        }
        _ => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(x)
            )))
        }
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
pub fn encode(vm: &Vm, s: &str, encoding: &str, mode: &ErrorMode) -> PyResult<Value> {
    match codec(vm, encoding)? {
        "utf-8" => Ok(new_bytes(s.as_bytes().to_vec())),
        name => {
            let limit = if name == "ascii" { 0x80 } else { 0x100 };
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                let code = c as u32;
                if code < limit {
                    out.push(code as u8);
                    continue;
                }
                match mode {
                    ErrorMode::Strict => {
                        // The error covers the whole run of characters the
                        // codec cannot encode, as CPython's does.
                        let run = s.chars().skip(i).take_while(|&c| c as u32 >= limit).count();
                        return Err(crate::object::exception::unicode_encode_error(
                            vm,
                            name,
                            s,
                            i,
                            i + run,
                            &format!("ordinal not in range({limit})"),
                        ));
                    }
                    ErrorMode::Unknown(handler) => return Err(unknown_handler(vm, handler)),
                    ErrorMode::Ignore => {}
                    ErrorMode::Replace => out.push(b'?'),
                    ErrorMode::BackslashReplace => out.extend_from_slice(escape(code).as_bytes()),
                }
            }
            Ok(new_bytes(out))
        }
    }
}

/// A code point as a backslash escape: `\xe9`, `\u20ac`, `\U0001f600`
/// (what `backslashreplace` and `ascii()` write).
pub fn escape(code: u32) -> String {
    match code {
        0..=0xff => format!("\\x{code:02x}"),
        0x100..=0xffff => format!("\\u{code:04x}"),
        _ => format!("\\U{code:08x}"),
    }
}

/// How unencodable or undecodable input is handled (`errors=`). A handler
/// CPython does not know is only looked up, and rejected, when some
/// character or byte needs it.
#[derive(Clone, PartialEq, Eq)]
pub enum ErrorMode {
    Strict,
    Replace,
    Ignore,
    BackslashReplace,
    Unknown(String),
}

fn unknown_handler(vm: &Vm, name: &str) -> PyErr {
    vm.new_error(
        vm.types.exception("LookupError"),
        format!("unknown error handler name '{name}'"),
    )
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
        Some("backslashreplace") => Ok(ErrorMode::BackslashReplace),
        Some(other) => Ok(ErrorMode::Unknown(other.to_string())),
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
                        if let ErrorMode::Unknown(name) = &mode {
                            return Err(unknown_handler(vm, name));
                        }
                        if mode == ErrorMode::Strict {
                            let reason = if (0x80..0xc2).contains(&bad) || bad >= 0xf5 {
                                "invalid start byte"
                            } else if e.error_len().is_none() {
                                "unexpected end of data"
                            } else {
                                "invalid continuation byte"
                            };
                            let start = offset + good;
                            return Err(crate::object::exception::unicode_decode_error(
                                vm,
                                "utf-8",
                                b,
                                start,
                                start + skip,
                                reason,
                            ));
                        }
                        match mode {
                            ErrorMode::Replace => out.push('\u{fffd}'),
                            ErrorMode::BackslashReplace => {
                                for byte in &rest[good..good + skip] {
                                    out.push_str(&format!("\\x{byte:02x}"));
                                }
                            }
                            _ => {}
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
                match &mode {
                    ErrorMode::Unknown(name) => return Err(unknown_handler(vm, name)),
                    ErrorMode::Strict => {
                        return Err(crate::object::exception::unicode_decode_error(
                            vm,
                            "ascii",
                            b,
                            pos,
                            pos + 1,
                            "ordinal not in range(128)",
                        ))
                    }
                    ErrorMode::Replace => out.push('\u{fffd}'),
                    ErrorMode::BackslashReplace => out.push_str(&format!("\\x{x:02x}")),
                    ErrorMode::Ignore => {}
                }
            }
            Ok(Value::from_string(out))
        }
        _ => Ok(Value::from_string(b.iter().map(|&x| x as char).collect())),
    }
}

/// The bytes `bytes(source, encoding, errors)` or `bytearray(...)` makes
/// (`type_name` names the type in messages).
pub fn from_source(
    vm: &Vm,
    source: Option<&Value>,
    encoding: Option<&Value>,
    errors: Option<&Value>,
    type_name: &str,
) -> PyResult<Vec<u8>> {
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = source.as_str() {
        let Some(encoding) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let encoding =
            ops::expect_str(vm, encoding, &format!("{type_name}() argument 'encoding'"))?;
        let encoded = encode(vm, s, &encoding, &error_mode(vm, errors)?)?;
        return Ok(buffer(&encoded).map(|b| b.to_vec()).unwrap_or_default());
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(b) = buffer(source) {
        return Ok(b.to_vec());
    }
    if source.is_int() || crate::object::typ::lookup(&vm.type_of(source), "__index__").is_some() {
        let n = ops::index_value(vm, source)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        let mut zeros = Vec::new();
        vm.reserve(&mut zeros, n as usize)?;
        zeros.resize(n as usize, 0);
        return Ok(zeros);
    }
    let t = vm.type_of(source);
    if crate::object::typ::lookup(&t, "__iter__").is_none()
        && crate::object::typ::lookup(&t, "__getitem__").is_none()
    {
        return Err(vm.type_error(format!(
            "cannot convert '{}' object to {type_name}",
            vm.type_name(source)
        )));
    }
    let range_error = if type_name == "bytes" {
        "bytes must be in range(0, 256)"
    } else {
        "byte must be in range(0, 256)"
    };
    let it = ops::iter(vm, source)?;
    let mut out = Vec::new();
    while let Some(item) = ops::next(vm, &it)? {
        let i = ops::index_value(vm, &item)?;
        out.push(u8::try_from(i).map_err(|_| vm.value_error(range_error))?);
    }
    Ok(out)
}

fn bytes_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "bytes.__new__")?;
    super::typ::check_new_class(vm, &cls, &vm.types.bytes)?;
    rest.only_kwargs(vm, "bytes", &["source", "encoding", "errors"])?;
    if rest.pos.len() + rest.kw_names.len() > 3 {
        return Err(vm.type_error(format!(
            "bytes() takes at most 3 arguments ({} given)",
            rest.pos.len() + rest.kw_names.len()
        )));
    }
    let source = rest.pos.first().or_else(|| rest.kwarg("source"));
    let encoding = rest.pos.get(1).or_else(|| rest.kwarg("encoding"));
    let errors = rest.pos.get(2).or_else(|| rest.kwarg("errors"));
    // An object's own conversion comes first (not for str, which encodes).
    let converted = match source {
        Some(v) if encoding.is_none() && errors.is_none() && v.as_str().is_none() => {
            match ops::call_special(vm, v, "__bytes__", &[])? {
                Some(result) if matches!(result.payload(), Some(Payload::Bytes(_))) => Some(result),
                Some(result) => {
                    return Err(vm.type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        vm.type_name(&result)
                    )))
                }
                None => None,
            }
        }
        _ => None,
    };
    let exact = matches!(&cls, Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.bytes));
    if let Some(result) = converted.as_ref().filter(|_| exact) {
        return Ok(result.clone());
    }
    let data = match &converted {
        Some(result) => buffer(result).map(|b| b.to_vec()).unwrap_or_default(),
        None => from_source(vm, source, encoding, errors, "bytes")?,
    };
    match &cls {
        _ if exact => Ok(new_bytes(data)),
        Value::Obj(c) if c.as_type().is_some() => {
            let dict = c
                .as_type()
                .is_some_and(|t| t.has_instance_dict)
                .then(super::new_dict_object);
            Ok(Value::Obj(Object::with_class(
                Payload::Bytes(data.into_boxed_slice()),
                c.clone(),
                dict,
            )))
        }
        _ => Err(vm.type_error("bytes.__new__(X): X is not a type object")),
    }
}

/// What is `bytes`' own (the rest is shared with bytearray, in
/// `bytes_methods`).
pub fn register(vm: &Vm) {
    let t = &vm.types.bytes;
    add_static(vm, t, "__new__", bytes_new);
    add_method(vm, t, "__hash__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__hash__")?;
        let bytes = this(vm, b, "__hash__")?;
        Ok(Value::Int(hash_bytes(bytes)))
    });
    add_method(vm, t, "__bytes__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__bytes__")?;
        Ok(new_bytes(this(vm, b, "__bytes__")?.to_vec()))
    });
    add_method(vm, t, "__getnewargs__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__getnewargs__")?;
        let copy = new_bytes(this(vm, b, "__getnewargs__")?.to_vec());
        Ok(crate::object::tuple::new_tuple(vec![copy]))
    });
}

/// The hash of a byte string: that of the str with the same code points
/// below 256, as CPython's are equal for ASCII.
pub fn hash_bytes(b: &[u8]) -> i64 {
    crate::object::str::hash_str(&String::from_utf8_lossy(b))
}
