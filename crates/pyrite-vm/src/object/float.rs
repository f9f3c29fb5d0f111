//! `float` and `complex`: construction, parsing, rounding and the methods.
//! The arithmetic lives in `numeric`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::{Object, Payload};
use crate::object::function::{add_classmethod, add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The float value of a float (or float subclass instance).
pub fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

/// Parses the text of `float(s)`: surrounding whitespace, a sign, digits with
/// single underscores between them, an exponent, or `inf`/`infinity`/`nan`.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return None;
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return t.parse::<f64>().ok();
    }
    // Underscores only between digits.
    let chars: Vec<char> = t.chars().collect();
    let mut cleaned = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            let before = i > 0 && chars[i - 1].is_ascii_digit();
            let after = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if !before || !after {
                return None;
            }
            continue;
        }
        if !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E')) {
            return None;
        }
        cleaned.push(c);
    }
    // Rust accepts exactly Python's decimal grammar here, except that it needs
    // at least one digit, which Python requires too.
    if !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

/// `float(x)` for one argument.
pub fn float_of(vm: &Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        Value::Obj(o) if !o.has_explicit_class() => match &o.payload {
            Payload::Int(i) => return int_to_float(vm, i),
            Payload::Str(s) => {
                return parse_float(s.as_str()).ok_or_else(|| {
                    vm.value_error(format!(
                        "could not convert string to float: {}",
                        pyrite_compiler::literal::str_repr(s.as_str())
                    ))
                })
            }
            Payload::Bytes(b) => {
                let text = String::from_utf8_lossy(b);
                return parse_float(&text).ok_or_else(|| {
                    vm.value_error(format!(
                        "could not convert string to float: {}",
                        pyrite_compiler::literal::bytes_repr(b)
                    ))
                });
            }
            Payload::ByteArray(_) | Payload::MemoryView(_) => {
                let parsed = {
                    let b = crate::object::bytes_methods::bytes_like(vm, x)?;
                    parse_float(&String::from_utf8_lossy(&b))
                };
                return match parsed {
                    Some(f) => Ok(f),
                    None => Err(vm.value_error(format!(
                        "could not convert string to float: {}",
                        ops::repr(vm, x)?
                    ))),
                };
            }
            _ => {}
        },
        _ => {}
    }
    if let Some(result) = ops::call_special(vm, x, "__float__", &[])? {
        return as_f64(&result).ok_or_else(|| {
            vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(x),
                vm.type_name(&result)
            ))
        });
    }
    if let Some(result) = ops::call_special(vm, x, "__index__", &[])? {
        if let Some(i) = result.as_bigint() {
            return int_to_float(vm, &i);
        }
    }
    if let Some(s) = x.as_str() {
        return parse_float(s).ok_or_else(|| {
            vm.value_error(format!(
                "could not convert string to float: {}",
                pyrite_compiler::literal::str_repr(s)
            ))
        });
    }
    if let Some(i) = x.as_bigint() {
        return int_to_float(vm, &i);
    }
    if let Some(f) = as_f64(x) {
        return Ok(f);
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(x)
    )))
}

pub fn int_to_float(vm: &Vm, i: &BigInt) -> PyResult<f64> {
    pyrite_compiler::number::int_to_f64(i)
        .ok_or_else(|| vm.overflow_error("int too large to convert to float"))
}

/// A number argument as a float (ints converted), for math-like functions.
pub fn number_arg(vm: &Vm, v: &Value) -> PyResult<f64> {
    if let Some(f) = as_f64(v) {
        return Ok(f);
    }
    if let Some(i) = v.as_bigint() {
        return int_to_float(vm, &i);
    }
    float_of(vm, v)
        .map_err(|_| vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

/// The exact value of a finite float as `numerator / 2**shift`.
fn exact_parts(f: f64) -> (BigInt, u32) {
    let (m, e) = crate::numeric::frexp(f);
    // m * 2**53 is an integer.
    let mantissa = BigInt::from((m * 9007199254740992.0) as i64);
    let exp = e - 53;
    if exp >= 0 {
        (mantissa << exp as usize, 0)
    } else {
        (mantissa, (-exp) as u32)
    }
}

/// `round(x, ndigits)`: the float nearest to `x` rounded (half to even, on the
/// exact binary value) to `ndigits` decimal places.
pub fn round_float(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > 330 {
        return Ok(x);
    }
    if ndigits < -330 {
        return Ok(0.0 * x.signum());
    }
    let (num, shift) = exact_parts(x.abs());
    // value = num / 2**shift; scaled = value * 10**ndigits = p / q.
    let ten = BigInt::from(10);
    let (p, q) = if ndigits >= 0 {
        (
            num * num_traits::pow(ten, ndigits as usize),
            BigInt::one() << shift as usize,
        )
    } else {
        (
            num,
            (BigInt::one() << shift as usize) * num_traits::pow(ten, (-ndigits) as usize),
        )
    };
    let (mut whole, rem) = p.div_rem(&q);
    let twice = rem * 2;
    if twice > q || (twice == q && whole.is_odd()) {
        whole += 1;
    }
    // The result is whole / 10**ndigits, converted with correct rounding.
    let text = if ndigits >= 0 {
        format!("{whole}e-{ndigits}")
    } else {
        format!("{whole}e{}", -ndigits)
    };
    let r: f64 = text.parse().unwrap_or(f64::INFINITY);
    if r.is_infinite() {
        return Err(vm.overflow_error("rounded value too large to represent"));
    }
    Ok(if x < 0.0 { -r } else { r })
}

/// `round(x)` for a float: the nearest int, ties to even.
pub fn round_to_int(vm: &Vm, x: f64) -> PyResult<Value> {
    let mut r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    crate::object::int::float_to_int(vm, r)
}

/// `x.as_integer_ratio()`.
fn integer_ratio(vm: &Vm, x: f64) -> PyResult<Value> {
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (num, shift) = exact_parts(x.abs());
    let den = BigInt::one() << shift as usize;
    let g = num.gcd(&den);
    let (mut n, d) = if g.is_zero() {
        (num, BigInt::one())
    } else {
        (num / &g, den / &g)
    };
    if x < 0.0 {
        n = -n;
    }
    Ok(crate::object::tuple::new_tuple(vec![
        Value::from_bigint(n),
        Value::from_bigint(d),
    ]))
}

/// `x.hex()`.
fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.abs().to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if raw_exp == 0 {
        (0, -1022)
    } else {
        (1, raw_exp - 1023)
    };
    let digits = format!("{frac:013x}");
    let exp_sign = if exp < 0 { "-" } else { "+" };
    format!("{sign}0x{lead}.{digits}p{exp_sign}{}", exp.abs())
}

/// `float.fromhex(s)`.
fn float_fromhex(vm: &Vm, text: &str) -> PyResult<f64> {
    let invalid = || vm.value_error("invalid hexadecimal floating-point string");
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    if let Ok(special) = lower.parse::<f64>() {
        if !special.is_finite() {
            return Ok(if negative { -special } else { special });
        }
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match body.split_once('p') {
        Some((m, e)) => (m, e.parse::<i64>().map_err(|_| invalid())?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let mut value = BigInt::zero();
    for c in int_part.chars().chain(frac_part.chars()) {
        let d = c.to_digit(16).ok_or_else(invalid)?;
        value = value * 16 + d;
    }
    let exp2 = exp - 4 * frac_part.len() as i64;
    let result = scale_big(&value, exp2);
    if result.is_infinite() {
        return Err(vm.overflow_error("hexadecimal value too large to represent as a float"));
    }
    Ok(if negative { -result } else { result })
}

/// `value * 2**exp2`, correctly rounded.
fn scale_big(value: &BigInt, exp2: i64) -> f64 {
    if value.is_zero() {
        return 0.0;
    }
    if exp2 >= 0 {
        if exp2 > 2000 {
            return f64::INFINITY;
        }
        return pyrite_compiler::number::int_to_f64(&(value << exp2 as usize))
            .unwrap_or(f64::INFINITY);
    }
    // Divide with enough extra precision, then let the decimal parser round.
    let shift = (-exp2) as usize;
    if shift > 1200 + value.bits() as usize {
        return 0.0;
    }
    let scaled = value * num_traits::pow(BigInt::from(5), shift);
    format!("{scaled}e-{shift}").parse().unwrap_or(0.0)
}

fn this_float(vm: &Vm, v: &Value, method: &str) -> PyResult<f64> {
    as_f64(v).ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{method}' requires a 'float' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

fn float_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = args.split_first(vm, "float.__new__")?;
    super::typ::check_new_class(vm, &cls, &vm.types.float)?;
    rest.no_kwargs(vm, "float")?;
    if rest.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "float expected at most 1 argument, got {}",
            rest.pos.len()
        )));
    }
    let f = match rest.pos.first() {
        Some(x) => float_of(vm, x)?,
        None => 0.0,
    };
    match &cls {
        Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.float) => Ok(Value::Float(f)),
        Value::Obj(c) => {
            let dict = c
                .as_type()
                .is_some_and(|t| t.has_instance_dict)
                .then(super::new_dict_object);
            Ok(Value::Obj(Object::with_class(
                Payload::Float(f),
                c.clone(),
                dict,
            )))
        }
        _ => Err(vm.type_error("float.__new__(X): X is not a type object")),
    }
}

pub fn register(vm: &Vm) {
    let t = &vm.types.float;
    add_static(vm, t, "__new__", float_new);
    add_method(vm, t, "__repr__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__repr__")?;
        Ok(Value::from_string(pyrite_compiler::literal::float_repr(
            this_float(vm, x, "__repr__")?,
        )))
    });
    add_method(vm, t, "__format__", |vm, args| {
        let [x, spec] = args.exact::<2>(vm, "__format__")?;
        let spec = ops::expect_str(vm, spec, "format spec")?;
        let f = this_float(vm, x, "__format__")?;
        if spec.is_empty() {
            return ops::str_of(vm, x).map(Value::from_string);
        }
        crate::format::format_float(vm, f, &spec).map(Value::from_string)
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__hash__")?;
        Ok(Value::Int(crate::numeric::hash_float(this_float(
            vm, x, "__hash__",
        )?)))
    });
    add_method(vm, t, "__bool__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__bool__")?;
        Ok(Value::Bool(this_float(vm, x, "__bool__")? != 0.0))
    });
    add_method(vm, t, "__float__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__float__")?;
        Ok(Value::Float(this_float(vm, x, "__float__")?))
    });
    add_method(vm, t, "__int__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__int__")?;
        crate::object::int::float_to_int(vm, this_float(vm, x, "__int__")?)
    });
    add_method(vm, t, "__trunc__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__trunc__")?;
        crate::object::int::float_to_int(vm, this_float(vm, x, "__trunc__")?)
    });
    add_method(vm, t, "__floor__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__floor__")?;
        crate::object::int::float_to_int(vm, this_float(vm, x, "__floor__")?.floor())
    });
    add_method(vm, t, "__ceil__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__ceil__")?;
        crate::object::int::float_to_int(vm, this_float(vm, x, "__ceil__")?.ceil())
    });
    add_method(vm, t, "__round__", |vm, args| {
        let pos = args.count(vm, "__round__", 1, 2)?;
        let x = this_float(vm, &pos[0], "__round__")?;
        match pos.get(1) {
            None | Some(Value::None) => round_to_int(vm, x),
            Some(n) => {
                let n = ops::index_value(vm, n)?;
                round_float(vm, x, n).map(Value::Float)
            }
        }
    });
    add_method(vm, t, "is_integer", |vm, args| {
        let [x] = args.exact::<1>(vm, "is_integer")?;
        let f = this_float(vm, x, "is_integer")?;
        Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
    });
    add_method(vm, t, "as_integer_ratio", |vm, args| {
        let [x] = args.exact::<1>(vm, "as_integer_ratio")?;
        integer_ratio(vm, this_float(vm, x, "as_integer_ratio")?)
    });
    add_method(vm, t, "hex", |vm, args| {
        let [x] = args.exact::<1>(vm, "hex")?;
        Ok(Value::from_string(float_hex(this_float(vm, x, "hex")?)))
    });
    add_classmethod(vm, t, "fromhex", |vm, args| {
        let [cls, s] = args.exact::<2>(vm, "fromhex")?;
        let text = ops::expect_str(vm, s, "fromhex() argument")?;
        let f = float_fromhex(vm, &text)?;
        if matches!(cls, Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.float)) {
            return Ok(Value::Float(f));
        }
        ops::call1(vm, cls, Value::Float(f))
    });
    add_method(vm, t, "conjugate", |vm, args| {
        let [x] = args.exact::<1>(vm, "conjugate")?;
        Ok(Value::Float(this_float(vm, x, "conjugate")?))
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
        "__divmod__",
        "__rdivmod__",
    ] {
        add_method(vm, t, name, ops::numeric_dunder(name));
    }
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, t, name, ops::compare_dunder(name));
    }
    for name in ["__neg__", "__pos__", "__abs__"] {
        add_method(vm, t, name, ops::unary_dunder(name));
    }

    let c = &vm.types.complex;
    add_static(vm, c, "__new__", complex_new);
    add_method(vm, c, "__repr__", |vm, args| {
        let [x] = args.exact::<1>(vm, "__repr__")?;
        match x.payload() {
            Some(Payload::Complex(re, im)) => Ok(Value::from_string(
                pyrite_compiler::literal::complex_repr(*re, *im),
            )),
            _ => Err(vm.type_error("descriptor '__repr__' requires a 'complex' object")),
        }
    });
    add_method(vm, c, "__format__", |vm, args| {
        let [x, spec] = args.exact::<2>(vm, "__format__")?;
        let spec = ops::expect_str(vm, spec, "format spec")?;
        let Some(Payload::Complex(re, im)) = x.payload() else {
            return Err(vm.type_error("descriptor '__format__' requires a 'complex' object"));
        };
        if spec.is_empty() {
            return ops::str_of(vm, x).map(Value::from_string);
        }
        crate::format::format_complex(vm, *re, *im, &spec).map(Value::from_string)
    });
    add_method(vm, c, "conjugate", |vm, args| {
        let [x] = args.exact::<1>(vm, "conjugate")?;
        match x.payload() {
            Some(Payload::Complex(re, im)) => Ok(crate::numeric::new_complex(*re, -im)),
            _ => Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object")),
        }
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
        "__pow__",
        "__rpow__",
    ] {
        add_method(vm, c, name, ops::numeric_dunder(name));
    }
    for name in ["__eq__", "__ne__"] {
        add_method(vm, c, name, ops::compare_dunder(name));
    }
    for name in ["__neg__", "__pos__", "__abs__"] {
        add_method(vm, c, name, ops::unary_dunder(name));
    }
}

/// Parses `complex("1+2j")`.
fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between the real and imaginary parts: the last sign not
        // part of an exponent.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        return match split {
            Some(i) => {
                let re = parse_float(&body[..i])?;
                let im_text = &body[i..];
                let im = match im_text {
                    "+" => 1.0,
                    "-" => -1.0,
                    s => parse_float(s)?,
                };
                Some((re, im))
            }
            None => {
                let im = match body {
                    "" | "+" => 1.0,
                    "-" => -1.0,
                    s => parse_float(s)?,
                };
                Some((0.0, im))
            }
        };
    }
    parse_float(t).map(|re| (re, 0.0))
}

/// The parts of `complex()`'s first argument (`first`) or second.
fn complex_part(vm: &Vm, v: &Value, first: bool) -> PyResult<(f64, f64)> {
    if let Some(Payload::Complex(re, im)) = v.payload() {
        return Ok((*re, *im));
    }
    if let Some(result) = ops::call_special(vm, v, "__complex__", &[])? {
        if let Some(Payload::Complex(re, im)) = result.payload() {
            return Ok((*re, *im));
        }
        return Err(vm.type_error("__complex__ returned non-complex"));
    }
    let t = vm.type_of(v);
    let number = v.as_bigint().is_some()
        || matches!(v, Value::Float(_))
        || matches!(v.payload(), Some(Payload::Float(_)))
        || ["__float__", "__index__"]
            .iter()
            .any(|m| crate::object::typ::lookup(&t, m).is_some());
    if !number {
        return Err(vm.type_error(if first {
            format!(
                "complex() first argument must be a string or a number, not '{}'",
                vm.type_name(v)
            )
        } else if v.as_str().is_some() {
            "complex() second arg can't be a string".to_string()
        } else {
            format!(
                "complex() second argument must be a number, not '{}'",
                vm.type_name(v)
            )
        }));
    }
    Ok((number_arg(vm, v)?, 0.0))
}

fn complex_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, rest) = args.split_first(vm, "complex.__new__")?;
    rest.only_kwargs(vm, "complex", &["real", "imag"])?;
    let real = rest.pos.first().or_else(|| rest.kwarg("real"));
    let imag = rest.pos.get(1).or_else(|| rest.kwarg("imag"));
    if let Some(s) = real.and_then(|r| r.as_str()) {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let (re, im) = parse_complex(s)
            .ok_or_else(|| vm.value_error("complex() arg is a malformed string"))?;
        return Ok(crate::numeric::new_complex(re, im));
    }
    if rest.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "complex() takes at most 2 arguments ({} given)",
            rest.pos.len()
        )));
    }
    let is_complex =
        |v: Option<&Value>| matches!(v.and_then(Value::payload), Some(Payload::Complex(..)));
    let (ar, ai) = match real {
        Some(r) => complex_part(vm, r, true)?,
        None => (0.0, 0.0),
    };
    let (br, bi) = match imag {
        Some(i) => complex_part(vm, i, false)?,
        None => (0.0, 0.0),
    };
    // Parts that were not given as complex do not contribute, so that
    // complex(0, -0.0) keeps its negative zero.
    let re = if is_complex(imag) { ar - bi } else { ar };
    let im = match (imag.is_some(), is_complex(real)) {
        (true, true) => ai + br,
        (true, false) => br,
        (false, _) => ai,
    };
    Ok(crate::numeric::new_complex(re, im))
}

/// The real and imaginary parts of an int, float or complex value.
pub fn real_imag(v: &Value) -> Option<(Value, Value)> {
    match v {
        Value::Float(f) => Some((Value::Float(*f), Value::Float(0.0))),
        Value::Int(_) | Value::Bool(_) => Some((Value::Int(v.as_i64()?), Value::Int(0))),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some((Value::Float(*f), Value::Float(0.0))),
            Payload::Int(i) => Some((Value::from_bigint(i.clone()), Value::Int(0))),
            Payload::Complex(re, im) => Some((Value::Float(*re), Value::Float(*im))),
            _ => None,
        },
        Value::None => None,
    }
}
