//! The `math` module.
//!
//! Float functions follow CPython's error rules: a NaN result from a non-NaN
//! argument is a "math domain error" (ValueError); an infinite result from a
//! finite argument is a "math range error" (OverflowError) for functions that
//! can overflow, and a domain error for those whose infinities are poles
//! (`log(0)`, `gamma(0)`). Integer functions work on arbitrary-precision ints.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::object::function::Args;
use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};

pub fn module(vm: &Vm) -> ObjRef {
    let m = crate::module::new_module("math");
    let set = |name: &str, v: f64| crate::module::set_attr(vm, &m, name, Value::Float(v));
    set("pi", std::f64::consts::PI);
    set("e", std::f64::consts::E);
    set("tau", std::f64::consts::TAU);
    set("inf", f64::INFINITY);
    set("nan", f64::NAN);

    macro_rules! unary {
        ($name:literal, $f:expr, $overflow:expr) => {
            crate::module::add_function(vm, &m, $name, |vm, args| {
                let [x] = args.exact::<1>(vm, $name)?;
                math_1(vm, real(vm, x)?, $f, $overflow)
            });
        };
    }
    unary!("sqrt", f64::sqrt, false);
    unary!("exp", f64::exp, true);
    unary!("exp2", f64::exp2, true);
    unary!("expm1", f64::exp_m1, true);
    unary!("sin", f64::sin, false);
    unary!("cos", f64::cos, false);
    unary!("tan", f64::tan, false);
    unary!("asin", f64::asin, false);
    unary!("acos", f64::acos, false);
    unary!("atan", f64::atan, false);
    unary!("sinh", f64::sinh, true);
    unary!("cosh", f64::cosh, true);
    unary!("tanh", f64::tanh, false);
    unary!("asinh", f64::asinh, false);
    unary!("acosh", f64::acosh, false);
    unary!("atanh", atanh, false);
    unary!("cbrt", f64::cbrt, false);
    unary!("fabs", f64::abs, false);
    unary!("erf", libm::erf, false);
    unary!("erfc", libm::erfc, false);
    unary!("log1p", log1p, false);
    unary!("gamma", gamma, true);
    unary!("lgamma", lgamma, true);
    unary!("degrees", f64::to_degrees, true);
    unary!("radians", f64::to_radians, false);

    crate::module::add_function(vm, &m, "isfinite", |vm, args| {
        let [x] = args.exact::<1>(vm, "isfinite")?;
        Ok(Value::Bool(real(vm, x)?.is_finite()))
    });
    crate::module::add_function(vm, &m, "isinf", |vm, args| {
        let [x] = args.exact::<1>(vm, "isinf")?;
        Ok(Value::Bool(real(vm, x)?.is_infinite()))
    });
    crate::module::add_function(vm, &m, "isnan", |vm, args| {
        let [x] = args.exact::<1>(vm, "isnan")?;
        Ok(Value::Bool(real(vm, x)?.is_nan()))
    });
    crate::module::add_function(vm, &m, "floor", |vm, args| {
        let [x] = args.exact::<1>(vm, "floor")?;
        rounding(vm, x, "__floor__", f64::floor)
    });
    crate::module::add_function(vm, &m, "ceil", |vm, args| {
        let [x] = args.exact::<1>(vm, "ceil")?;
        rounding(vm, x, "__ceil__", f64::ceil)
    });
    crate::module::add_function(vm, &m, "trunc", |vm, args| {
        let [x] = args.exact::<1>(vm, "trunc")?;
        if x.is_int() {
            return Ok(int_value(x));
        }
        match ops::call_special(vm, x, "__trunc__", &[])? {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!(
                "type {} doesn't define __trunc__ method",
                vm.type_name(x)
            ))),
        }
    });
    crate::module::add_function(vm, &m, "atan2", |vm, args| {
        let [y, x] = args.exact::<2>(vm, "atan2")?;
        Ok(Value::Float(real(vm, y)?.atan2(real(vm, x)?)))
    });
    crate::module::add_function(vm, &m, "copysign", |vm, args| {
        let [x, y] = args.exact::<2>(vm, "copysign")?;
        Ok(Value::Float(real(vm, x)?.copysign(real(vm, y)?)))
    });
    crate::module::add_function(vm, &m, "fmod", |vm, args| {
        let [x, y] = args.exact::<2>(vm, "fmod")?;
        let (x, y) = (real(vm, x)?, real(vm, y)?);
        if y.is_infinite() && x.is_finite() {
            return Ok(Value::Float(x));
        }
        let r = x % y;
        if r.is_nan() && !x.is_nan() && !y.is_nan() {
            return Err(domain(vm));
        }
        Ok(Value::Float(r))
    });
    crate::module::add_function(vm, &m, "remainder", |vm, args| {
        let [x, y] = args.exact::<2>(vm, "remainder")?;
        let (x, y) = (real(vm, x)?, real(vm, y)?);
        if x.is_nan() || y.is_nan() {
            return Ok(Value::Float(f64::NAN));
        }
        if x.is_infinite() || y == 0.0 {
            return Err(domain(vm));
        }
        Ok(Value::Float(libm::remainder(x, y)))
    });
    crate::module::add_function(vm, &m, "pow", |vm, args| {
        let [x, y] = args.exact::<2>(vm, "pow")?;
        pow(vm, real(vm, x)?, real(vm, y)?)
    });
    crate::module::add_function(vm, &m, "ldexp", |vm, args| {
        let [x, i] = args.exact::<2>(vm, "ldexp")?;
        let x = real(vm, x)?;
        if !i.is_int() {
            return Err(vm.type_error("Expected an int as second argument to ldexp."));
        }
        let exp = i
            .as_bigint()
            .unwrap_or_default()
            .clamp(BigInt::from(-100_000), BigInt::from(100_000))
            .to_i32()
            .unwrap_or(0);
        if x == 0.0 || !x.is_finite() {
            return Ok(Value::Float(x));
        }
        let r = libm::scalbn(x, exp);
        if r.is_infinite() {
            return Err(range(vm));
        }
        Ok(Value::Float(r))
    });
    crate::module::add_function(vm, &m, "frexp", |vm, args| {
        let [x] = args.exact::<1>(vm, "frexp")?;
        let x = real(vm, x)?;
        let (mantissa, exp) = if x == 0.0 || !x.is_finite() {
            (x, 0)
        } else {
            crate::numeric::frexp(x)
        };
        Ok(crate::object::tuple::new_tuple(vec![
            Value::Float(mantissa),
            Value::Int(exp as i64),
        ]))
    });
    crate::module::add_function(vm, &m, "modf", |vm, args| {
        let [x] = args.exact::<1>(vm, "modf")?;
        let x = real(vm, x)?;
        let (frac, int) = if x.is_infinite() {
            (0.0f64.copysign(x), x)
        } else {
            let int = x.trunc();
            ((x - int).copysign(x), int)
        };
        Ok(crate::object::tuple::new_tuple(vec![
            Value::Float(frac),
            Value::Float(int),
        ]))
    });
    crate::module::add_function(vm, &m, "nextafter", |vm, args| {
        let [x, y] = args.exact::<2>(vm, "nextafter")?;
        Ok(Value::Float(libm::nextafter(real(vm, x)?, real(vm, y)?)))
    });
    crate::module::add_function(vm, &m, "ulp", |vm, args| {
        let [x] = args.exact::<1>(vm, "ulp")?;
        let x = real(vm, x)?.abs();
        if x.is_nan() || x.is_infinite() {
            return Ok(Value::Float(x));
        }
        let next = libm::nextafter(x, f64::INFINITY);
        if next.is_infinite() {
            return Ok(Value::Float(x - libm::nextafter(x, -f64::INFINITY)));
        }
        Ok(Value::Float(next - x))
    });
    crate::module::add_function(vm, &m, "log", |vm, args| {
        let pos = args.count(vm, "log", 1, 2)?;
        let num = log_of(vm, &pos[0], f64::ln)?;
        match pos.get(1) {
            None => Ok(Value::Float(num)),
            Some(base) => {
                let den = log_of(vm, base, f64::ln)?;
                if den == 0.0 {
                    return Err(
                        vm.new_error(&vm.types.zero_division_error, "float division by zero")
                    );
                }
                Ok(Value::Float(num / den))
            }
        }
    });
    crate::module::add_function(vm, &m, "log2", |vm, args| {
        let [x] = args.exact::<1>(vm, "log2")?;
        log_of(vm, x, f64::log2).map(Value::Float)
    });
    crate::module::add_function(vm, &m, "log10", |vm, args| {
        let [x] = args.exact::<1>(vm, "log10")?;
        log_of(vm, x, f64::log10).map(Value::Float)
    });
    crate::module::add_function(vm, &m, "hypot", |vm, args| {
        args.no_kwargs(vm, "hypot")?;
        let coords = args
            .pos
            .iter()
            .map(|v| real(vm, v))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Value::Float(hypot(&coords)))
    });
    crate::module::add_function(vm, &m, "dist", |vm, args| {
        let [p, q] = args.exact::<2>(vm, "dist")?;
        let p = ops::collect_iterable(vm, p)?;
        let q = ops::collect_iterable(vm, q)?;
        if p.len() != q.len() {
            return Err(vm.value_error("both points must have the same number of dimensions"));
        }
        let diffs = p
            .iter()
            .zip(&q)
            .map(|(a, b)| Ok(real(vm, a)? - real(vm, b)?))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Value::Float(hypot(&diffs)))
    });
    crate::module::add_function(vm, &m, "fsum", |vm, args| {
        let [iterable] = args.exact::<1>(vm, "fsum")?;
        let items = ops::collect_iterable(vm, iterable)?;
        let values = items
            .iter()
            .map(|v| real(vm, v))
            .collect::<PyResult<Vec<_>>>()?;
        fsum(vm, &values).map(Value::Float)
    });
    crate::module::add_function(vm, &m, "isclose", isclose);
    crate::module::add_function(vm, &m, "prod", |vm, args| {
        args.only_kwargs(vm, "prod", &["start"])?;
        let pos = args.count_kw(vm, "prod", 1, 1)?;
        let mut acc = args.kwarg("start").cloned().unwrap_or(Value::Int(1));
        for item in ops::collect_iterable(vm, &pos[0])? {
            acc = ops::binary_op(vm, ops::BinaryOp::Mul, &acc, &item)?;
        }
        Ok(acc)
    });

    crate::module::add_function(vm, &m, "factorial", |vm, args| {
        let [n] = args.exact::<1>(vm, "factorial")?;
        let n = integer(vm, n)?;
        if n.is_negative() {
            return Err(vm.value_error("factorial() not defined for negative values"));
        }
        let Some(n) = n.to_u64().filter(|&n| n <= 1_000_000_000) else {
            return Err(
                vm.overflow_error("factorial() argument should not exceed 9223372036854775807")
            );
        };
        Ok(Value::from_bigint(range_product(1, n)))
    });
    crate::module::add_function(vm, &m, "gcd", |vm, args| {
        args.no_kwargs(vm, "gcd")?;
        let mut acc = BigInt::zero();
        for v in args.pos {
            acc = acc.gcd(&integer(vm, v)?);
        }
        Ok(Value::from_bigint(acc))
    });
    crate::module::add_function(vm, &m, "lcm", |vm, args| {
        args.no_kwargs(vm, "lcm")?;
        let mut acc = BigInt::one();
        for v in args.pos {
            let v = integer(vm, v)?;
            if v.is_zero() || acc.is_zero() {
                acc = BigInt::zero();
            } else {
                acc = acc.lcm(&v);
            }
        }
        Ok(Value::from_bigint(acc.abs()))
    });
    crate::module::add_function(vm, &m, "isqrt", |vm, args| {
        let [n] = args.exact::<1>(vm, "isqrt")?;
        let n = integer(vm, n)?;
        if n.is_negative() {
            return Err(vm.value_error("isqrt() argument must be nonnegative"));
        }
        Ok(Value::from_bigint(n.sqrt()))
    });
    crate::module::add_function(vm, &m, "comb", |vm, args| {
        let [n, k] = args.exact::<2>(vm, "comb")?;
        let (n, k) = nonnegative_pair(vm, n, k)?;
        if k > n {
            return Ok(Value::Int(0));
        }
        let k = k.clone().min(&n - &k);
        let k = k.to_u64().ok_or_else(|| {
            vm.overflow_error("min(n - k, k) must not exceed 9223372036854775807")
        })?;
        // n (n-1) ... (n-k+1) / k!, exact at every step.
        let mut acc = BigInt::one();
        for i in 0..k {
            acc = acc * (&n - i) / (i + 1);
        }
        Ok(Value::from_bigint(acc))
    });
    crate::module::add_function(vm, &m, "perm", |vm, args| {
        let pos = args.count(vm, "perm", 1, 2)?;
        let k = match pos.get(1) {
            Some(k) if !k.is_none() => k.clone(),
            _ => {
                // perm(n) is factorial(n), with its message.
                if integer(vm, &pos[0])?.is_negative() {
                    return Err(vm.value_error("factorial() not defined for negative values"));
                }
                pos[0].clone()
            }
        };
        let (n, k) = nonnegative_pair(vm, &pos[0], &k)?;
        if k > n {
            return Ok(Value::Int(0));
        }
        let k = k
            .to_u64()
            .ok_or_else(|| vm.overflow_error("k must not exceed 9223372036854775807"))?;
        let mut acc = BigInt::one();
        for i in 0..k {
            acc *= &n - i;
        }
        Ok(Value::from_bigint(acc))
    });
    m
}

fn domain(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("math domain error")
}

fn range(vm: &Vm) -> crate::vm::PyErr {
    vm.overflow_error("math range error")
}

/// A float argument: floats, ints (exactly, if they fit), or objects with
/// `__float__` or `__index__`; never strings.
fn real(vm: &Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    if let Some(Payload::Float(f)) = v.payload() {
        return Ok(*f);
    }
    if let Some(i) = v.as_bigint() {
        return crate::object::float::int_to_float(vm, &i);
    }
    if let Some(result) = ops::call_special(vm, v, "__float__", &[])? {
        return crate::object::float::as_f64(&result).ok_or_else(|| {
            vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(v),
                vm.type_name(&result)
            ))
        });
    }
    if let Some(result) = ops::call_special(vm, v, "__index__", &[])? {
        if let Some(i) = result.as_bigint() {
            return crate::object::float::int_to_float(vm, &i);
        }
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

/// An integer argument (ints, or objects with `__index__`).
fn integer(vm: &Vm, v: &Value) -> PyResult<BigInt> {
    ops::index_bigint(vm, v)
}

fn int_value(v: &Value) -> Value {
    Value::from_bigint(v.as_bigint().unwrap_or_default())
}

fn nonnegative_pair(vm: &Vm, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let n = integer(vm, n)?;
    let k = integer(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

/// CPython's `math_1`: the error a result implies.
fn math_1(vm: &Vm, x: f64, f: impl Fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    Ok(Value::Float(r))
}

fn atanh(x: f64) -> f64 {
    if x.abs() >= 1.0 {
        return f64::NAN;
    }
    x.atanh()
}

fn log1p(x: f64) -> f64 {
    if x <= -1.0 {
        return f64::NAN;
    }
    x.ln_1p()
}

/// Gamma has poles at zero and the negative integers: a domain error there.
fn gamma(x: f64) -> f64 {
    if x == 0.0 || (x < 0.0 && x == x.floor()) || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    libm::tgamma(x)
}

fn lgamma(x: f64) -> f64 {
    if x <= 0.0 && x == x.floor() {
        // A pole: CPython reports it as a domain error.
        return f64::NAN;
    }
    libm::lgamma(x)
}

/// `floor`/`ceil`: ints as they are, floats to ints, others by their method.
fn rounding(vm: &Vm, x: &Value, method: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    if let Value::Float(v) = x {
        return crate::object::int::float_to_int(vm, f(*v));
    }
    if x.is_int() {
        return Ok(int_value(x));
    }
    if let Some(result) = ops::call_special(vm, x, method, &[])? {
        return Ok(result);
    }
    crate::object::int::float_to_int(vm, f(real(vm, x)?))
}

fn pow(vm: &Vm, x: f64, y: f64) -> PyResult<Value> {
    let r = if x == 1.0 || y == 0.0 { 1.0 } else { x.powf(y) };
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        // 0 ** negative is a pole; a finite base otherwise overflowed.
        return Err(if x == 0.0 { domain(vm) } else { range(vm) });
    }
    Ok(Value::Float(r))
}

/// `log` of a float, or of an int too large for a float (through its bit
/// length, as CPython does).
fn log_of(vm: &Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = v.as_bigint() {
        if i.sign() != Sign::Plus {
            return Err(domain(vm));
        }
        if let Some(x) = pyrite_compiler::number::int_to_f64(&i) {
            return Ok(f(x));
        }
        // x = m * 2**e with m in [0.5, 1): log(x) = log(m) + e * log(2).
        let e = i.bits() as i64 - 60;
        let m = pyrite_compiler::number::int_to_f64(&(&i >> e as usize)).unwrap_or(1.0);
        return Ok(f(m) + e as f64 * f(2.0));
    }
    let x = real(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

/// The Euclidean norm, scaled by the largest coordinate against overflow.
fn hypot(coords: &[f64]) -> f64 {
    if coords.iter().any(|c| c.is_infinite()) {
        return f64::INFINITY;
    }
    if coords.iter().any(|c| c.is_nan()) {
        return f64::NAN;
    }
    match coords {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            let max = coords.iter().fold(0.0f64, |m, c| m.max(c.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let sum: f64 = coords.iter().map(|c| (c / max) * (c / max)).sum();
            max * sum.sqrt()
        }
    }
}

/// An exactly rounded sum: the running total is kept as a list of
/// non-overlapping partial sums, so no bit of any term is ever lost, and the
/// result is rounded once at the end.
fn fsum(vm: &Vm, values: &[f64]) -> PyResult<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &value in values {
        let mut x = value;
        if !x.is_finite() {
            // Infinities and NaNs are summed apart; inf - inf is NaN.
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x.is_infinite() {
            return Err(vm.overflow_error("intermediate overflow in fsum"));
        }
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(special);
    }
    // Add the partials from the top, then correct the last rounding
    // (half-way cases) by looking at the next partial down.
    let mut hi = 0.0f64;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

fn isclose(vm: &Vm, args: Args) -> PyResult<Value> {
    args.only_kwargs(vm, "isclose", &["rel_tol", "abs_tol"])?;
    let pos = args.count_kw(vm, "isclose", 2, 2)?;
    let (a, b) = (real(vm, &pos[0])?, real(vm, &pos[1])?);
    let rel_tol = match args.kwarg("rel_tol") {
        Some(v) => real(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match args.kwarg("abs_tol") {
        Some(v) => real(vm, v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

/// The product of the integers `lo..=hi`, split in halves so that the big
/// multiplications are balanced.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::one();
        for i in lo..=hi {
            acc *= i;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}
