//! `int` (and `bool`): arbitrary precision, inline while it fits in an `i64`.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// CPython's limit on decimal digits converted between int and str.
/// The default of `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// The modulus of numeric hashes: 2**61 - 1.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

pub fn hash_i64(i: i64) -> i64 {
    let m = HASH_MODULUS as i128;
    let v = i as i128;
    let h = if v >= 0 { v % m } else { -((-v) % m) } as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bigint(i: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r = (i.abs() % &m).to_i64().unwrap_or(0);
    let h = if i.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Parses the text of `int(text, base)`: optional sign and whitespace, `_`
/// between digits, prefixes for bases 2, 8, 16 (and base 0 = literal syntax).
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let had_prefix = |rest: &str| rest.len() < lower.len();
    let (base, digits) = match base {
        0 => {
            if let Some(rest) = lower.strip_prefix("0x") {
                (16, rest.to_string())
            } else if let Some(rest) = lower.strip_prefix("0o") {
                (8, rest.to_string())
            } else if let Some(rest) = lower.strip_prefix("0b") {
                (2, rest.to_string())
            } else {
                // Base 0 rejects leading zeros in non-zero decimals.
                let trimmed = lower.trim_start_matches(['0', '_']);
                if lower.starts_with('0') && !trimmed.is_empty() {
                    return None;
                }
                (10, lower.clone())
            }
        }
        16 => (16, lower.strip_prefix("0x").unwrap_or(&lower).to_string()),
        8 => (8, lower.strip_prefix("0o").unwrap_or(&lower).to_string()),
        2 => (2, lower.strip_prefix("0b").unwrap_or(&lower).to_string()),
        b => (b, lower.clone()),
    };
    // One underscore may follow a base prefix (`0x_1f`), never start a number.
    let digits = match digits.strip_prefix('_') {
        Some(rest) if had_prefix(&digits) => rest.to_string(),
        _ => digits,
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    // Non-ASCII decimal digits (e.g. Arabic-Indic) count as digits.
    let clean: String = clean
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else {
                c.to_digit(10).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect::<Option<String>>()?;
    // One sign only: the digits themselves must not start with another
    // (the big-integer parser would take it).
    if clean.starts_with(['+', '-']) {
        return None;
    }
    let value = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if negative { -value } else { value })
}

/// `str(i)` with CPython's limit on very long decimal conversions.
pub fn int_to_decimal(vm: &Vm, i: &BigInt) -> PyResult<String> {
    let limit = vm.int_max_str_digits.get();
    let too_long = || {
        vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        ))
    };
    // Refuse clearly oversized ints before the (superlinear) conversion.
    let bits = i.bits() as f64;
    if limit > 0 && (bits - 1.0) * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
        return Err(too_long());
    }
    let text = i.to_string();
    let digits = text.trim_start_matches('-').len();
    if limit > 0 && digits > limit {
        return Err(too_long());
    }
    Ok(text)
}

fn this_int(vm: &Vm, v: &Value, method: &str) -> PyResult<BigInt> {
    v.as_bigint().ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{method}' requires a 'int' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

/// `int(x=0)`, `int(x, base=10)`.
fn int_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "int.__new__")?;
    super::typ::check_new_class(vm, &cls, &vm.types.int)?;
    rest.only_kwargs(vm, "int", &["base"])?;
    if rest.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            rest.pos.len()
        )));
    }
    let base = rest.pos.get(1).or_else(|| rest.kwarg("base"));
    let value = match (rest.pos.first(), base) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), None) => int_of(vm, x)?,
        (Some(x), Some(b)) => {
            let base = ops::index_value(vm, b)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let text = match x.payload() {
                Some(Payload::Str(s)) => s.as_str().to_string(),
                Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
                    let b = crate::object::bytes_methods::bytes_like(vm, x)?;
                    String::from_utf8_lossy(&b).into_owned()
                }
                _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
            };
            parse_or_error(vm, &text, base as u32)?
        }
    };
    match &cls {
        Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.int) => Ok(value),
        Value::Obj(c) => {
            let big = value.as_bigint().unwrap_or_default();
            let dict = c
                .as_type()
                .is_some_and(|t| t.has_instance_dict)
                .then(super::new_dict_object);
            Ok(Value::Obj(Object::with_class(
                Payload::Int(big),
                c.clone(),
                dict,
            )))
        }
        _ => Err(vm.type_error("int.__new__(X): X is not a type object")),
    }
}

fn parse_or_error(vm: &Vm, text: &str, base: u32) -> PyResult<Value> {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let limit = vm.int_max_str_digits.get();
    if base == 10 && limit > 0 && digits > limit {
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: \
             value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    parse_int(text, base)
        .map(Value::from_bigint)
        .ok_or_else(|| {
            vm.value_error(format!(
                "invalid literal for int() with base {base}: {}",
                pyrite_compiler::literal::str_repr(text)
            ))
        })
}

/// `int(x)` for one argument: ints, floats, strings, and `__int__`/`__index__`.
pub fn int_of(vm: &Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(i) => return Ok(Value::Int(*i)),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return float_to_int(vm, *f),
        Value::None => {}
        Value::Obj(o) => match &o.payload {
            Payload::Int(i) if !o.has_explicit_class() => return Ok(Value::from_bigint(i.clone())),
            Payload::Str(s) => return parse_or_error(vm, s.as_str(), 10),
            Payload::Bytes(b) => return parse_or_error(vm, &String::from_utf8_lossy(b), 10),
            Payload::ByteArray(_) | Payload::MemoryView(_) => {
                let b = crate::object::bytes_methods::bytes_like(vm, x)?;
                return parse_or_error(vm, &String::from_utf8_lossy(&b), 10);
            }
            _ => {}
        },
    }
    for method in ["__int__", "__index__"] {
        if let Some(result) = ops::call_special(vm, x, method, &[])? {
            if !result.is_int() {
                return Err(vm.type_error(format!(
                    "{method} returned non-int (type {})",
                    vm.type_name(&result)
                )));
            }
            return Ok(result.as_bigint().map(Value::from_bigint).unwrap_or(result));
        }
    }
    if let Some(result) = ops::call_special(vm, x, "__trunc__", &[])? {
        return int_of(vm, &result);
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(
        num_bigint::BigInt::from_f64(t).unwrap_or_default(),
    ))
}

use num_traits::FromPrimitive;

pub fn register(vm: &Vm) {
    let t = &vm.types.int;
    add_static(vm, t, "__new__", int_new);
    add_method(vm, t, "bit_length", |vm, args| {
        let [x] = args.exact::<1>(vm, "bit_length")?;
        Ok(Value::from(this_int(vm, x, "bit_length")?.bits() as usize))
    });
    add_method(vm, t, "bit_count", |vm, args| {
        let [x] = args.exact::<1>(vm, "bit_count")?;
        let i = this_int(vm, x, "bit_count")?;
        let ones: u64 = i
            .magnitude()
            .iter_u64_digits()
            .map(|d| d.count_ones() as u64)
            .sum();
        Ok(Value::from(ones as usize))
    });
    add_method(vm, t, "__index__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__index__")?;
        Ok(Value::from_bigint(this_int(vm, x, "__index__")?))
    });
    add_method(vm, t, "__int__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__int__")?;
        Ok(Value::from_bigint(this_int(vm, x, "__int__")?))
    });
    add_method(vm, t, "__float__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__float__")?;
        let i = this_int(vm, x, "__float__")?;
        pyrite_compiler::number::int_to_f64(&i)
            .map(Value::Float)
            .ok_or_else(|| vm.overflow_error("int too large to convert to float"))
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__hash__")?;
        Ok(Value::Int(hash_bigint(&this_int(vm, x, "__hash__")?)))
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__repr__")?;
        int_to_decimal(vm, &this_int(vm, x, "__repr__")?).map(Value::from_string)
    });
    add_method(vm, t, "__format__", |vm, args| {
        let [x, spec] = args.exact::<2>(vm, "__format__")?;
        let spec = ops::expect_str(vm, spec, "format spec")?;
        let i = this_int(vm, x, "__format__")?;
        if spec.is_empty() {
            // An empty spec means str(), which bools and subclasses may change.
            return ops::str_of(vm, x).map(Value::from_string);
        }
        crate::format::format_int(vm, &i, &spec).map(Value::from_string)
    });
    add_method(vm, t, "__bool__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__bool__")?;
        Ok(Value::Bool(!this_int(vm, x, "__bool__")?.is_zero()))
    });
    add_method(vm, t, "conjugate", |vm, args| {
        let [x] = args.exact::<1>(vm, "conjugate")?;
        Ok(Value::from_bigint(this_int(vm, x, "conjugate")?))
    });
    add_method(vm, t, "as_integer_ratio", |vm, args| {
        let [x] = args.exact::<1>(vm, "as_integer_ratio")?;
        let i = this_int(vm, x, "as_integer_ratio")?;
        Ok(crate::object::tuple::new_tuple(vec![
            Value::from_bigint(i),
            Value::Int(1),
        ]))
    });
    add_method(vm, t, "to_bytes", int_to_bytes);
    crate::object::function::add_classmethod(vm, t, "from_bytes", int_from_bytes);
    add_method(vm, t, "__round__", |vm, args| {
        let pos = args.count(vm, "__round__", 1, 2)?;
        let i = this_int(vm, &pos[0], "__round__")?;
        let n = match pos.get(1) {
            None | Some(Value::None) => return Ok(Value::from_bigint(i)),
            Some(n) => ops::index_value(vm, n)?,
        };
        if n >= 0 {
            return Ok(Value::from_bigint(i));
        }
        // Round half to even at 10**-n.
        let unit = num_traits::pow(BigInt::from(10), (-n).min(100_000) as usize);
        let (q, r) = num_integer::Integer::div_mod_floor(&i, &unit);
        let twice = &r * 2;
        let q = if twice > unit || (twice == unit && num_integer::Integer::is_odd(&q)) {
            q + 1
        } else {
            q
        };
        Ok(Value::from_bigint(q * unit))
    });
    add_method(vm, t, "__trunc__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__trunc__")?;
        Ok(Value::from_bigint(this_int(vm, x, "__trunc__")?))
    });
    add_method(vm, t, "__floor__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__floor__")?;
        Ok(Value::from_bigint(this_int(vm, x, "__floor__")?))
    });
    add_method(vm, t, "__ceil__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__ceil__")?;
        Ok(Value::from_bigint(this_int(vm, x, "__ceil__")?))
    });
    for name in [
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__floordiv__",
        "__rfloordiv__",
        "__mod__",
        "__rmod__",
        "__pow__",
        "__rpow__",
        "__lshift__",
        "__rlshift__",
        "__rshift__",
        "__rrshift__",
        "__and__",
        "__rand__",
        "__or__",
        "__ror__",
        "__xor__",
        "__rxor__",
        "__divmod__",
        "__rdivmod__",
    ] {
        add_method(vm, t, name, ops::numeric_dunder(name));
    }
    // int's comparisons know only ints (float's know both).
    add_method(vm, t, "__eq__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Eq)
    });
    add_method(vm, t, "__ne__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Ne)
    });
    add_method(vm, t, "__lt__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Lt)
    });
    add_method(vm, t, "__le__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Le)
    });
    add_method(vm, t, "__gt__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Gt)
    });
    add_method(vm, t, "__ge__", |vm, a| {
        int_compare(vm, a, ops::CompareOp::Ge)
    });
    for name in ["__neg__", "__pos__", "__abs__", "__invert__"] {
        add_method(vm, t, name, ops::unary_dunder(name));
    }
    for (name, value) in [
        ("real", 0),
        ("imag", 1),
        ("numerator", 2),
        ("denominator", 3),
    ] {
        let _ = (name, value);
    }
    let bool_ = &vm.types.bool_;
    add_static(vm, bool_, "__new__", |vm, args| {
        args.no_kwargs(vm, "bool")?;
        if args.pos.len() > 2 {
            return Err(vm.type_error(format!(
                "bool expected at most 1 argument, got {}",
                args.pos.len() - 1
            )));
        }
        let pos = args.pos;
        match pos.get(1) {
            Some(v) => Ok(Value::Bool(ops::truthy(vm, v)?)),
            None => Ok(Value::Bool(false)),
        }
    });
    add_method(vm, bool_, "__repr__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__repr__")?;
        Ok(Value::new_str(if ops::truthy(vm, b)? {
            "True"
        } else {
            "False"
        }))
    });
}

fn int_compare(vm: &Vm, args: Args, op: ops::CompareOp) -> PyResult<Value> {
    let [a, b] = args.exact::<2>(vm, "comparison")?;
    match (a.as_bigint(), b.as_bigint()) {
        (Some(x), Some(y)) => Ok(Value::Bool(op.holds(x.cmp(&y)))),
        _ => Ok(ops::not_implemented(vm)),
    }
}

fn int_to_bytes(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, rest) = args.split_first(vm, "to_bytes")?;
    rest.only_kwargs(vm, "to_bytes", &["length", "byteorder", "signed"])?;
    let i = this_int(vm, &x, "to_bytes")?;
    let length = match rest.pos.first().or_else(|| rest.kwarg("length")) {
        Some(v) => ops::index_value(vm, v)?,
        None => 1,
    };
    let byteorder = match rest.pos.get(1).or_else(|| rest.kwarg("byteorder")) {
        Some(v) => ops::expect_str(vm, v, "to_bytes() argument 'byteorder'")?,
        None => "big".to_string(),
    };
    let signed = match rest.kwarg("signed") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    if i.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = i.to_signed_bytes_le();
    if !signed && bytes.last() == Some(&0) && bytes.len() > 1 {
        bytes.pop();
    }
    if !signed && i.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length as usize {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let pad = if i.is_negative() { 0xff } else { 0 };
    bytes.resize(length as usize, pad);
    match byteorder.as_str() {
        "big" => bytes.reverse(),
        "little" => {}
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
    Ok(Value::Obj(Object::new(Payload::Bytes(
        bytes.into_boxed_slice(),
    ))))
}

fn int_from_bytes(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_cls, rest) = args.split_first(vm, "from_bytes")?;
    rest.only_kwargs(vm, "from_bytes", &["bytes", "byteorder", "signed"])?;
    let data = rest
        .pos
        .first()
        .or_else(|| rest.kwarg("bytes"))
        .ok_or_else(|| vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"))?;
    let mut bytes: Vec<u8> = match crate::object::bytes_methods::buffer(data) {
        Some(b) => b.to_vec(),
        None => {
            // As `bytes(x)` would, except that neither a str nor a size is
            // bytes here.
            if let Some(result) = ops::call_special(vm, data, "__bytes__", &[])? {
                let Some(Payload::Bytes(b)) = result.payload() else {
                    return Err(vm.type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        vm.type_name(&result)
                    )));
                };
                b.to_vec()
            } else {
                let t = vm.type_of(data);
                let sized = crate::object::typ::lookup(&t, "__index__").is_some();
                let text = matches!(data.payload(), Some(Payload::Str(_)));
                if data.is_int() || sized || text {
                    return Err(vm.type_error(format!(
                        "cannot convert '{}' object to bytes",
                        vm.type_name(data)
                    )));
                }
                crate::object::bytes::from_source(vm, Some(data), None, None, "bytes")?
            }
        }
    };
    let byteorder = match rest.pos.get(1).or_else(|| rest.kwarg("byteorder")) {
        Some(v) => ops::expect_str(vm, v, "from_bytes() argument 'byteorder'")?,
        None => "big".to_string(),
    };
    if byteorder == "big" {
        bytes.reverse();
    } else if byteorder != "little" {
        return Err(vm.value_error("byteorder must be either 'little' or 'big'"));
    }
    let signed = match rest.kwarg("signed") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let value = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    Ok(Value::from_bigint(value))
}

/// Python's `divmod` on ints.
pub fn divmod_big(a: &BigInt, b: &BigInt) -> Option<(BigInt, BigInt)> {
    if b.is_zero() {
        return None;
    }
    Some(a.div_mod_floor(b))
}

/// `a ** b` for ints with `b >= 0`.
pub fn pow_big(a: &BigInt, b: u64) -> BigInt {
    if b == 0 {
        return BigInt::one();
    }
    num_traits::pow::Pow::pow(a, b)
}
