//! Arithmetic on the built-in numbers: int (inline or big), bool, float, complex.
//!
//! `i64` arithmetic is checked; on overflow the operation is redone on big ints,
//! and big results are demoted when they fit (see `Value::from_bigint`).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use pyrite_compiler::number;

use crate::ops::BinaryOp;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The largest int result Pyrite builds (1 GiB of digits); beyond it an
/// operation raises MemoryError up front instead of exhausting memory.
const MAX_INT_BITS: u64 = 1 << 33;

/// A number, as arithmetic sees it.
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
    Complex(f64, f64),
}

impl Num {
    pub fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Int(i) => Some(Num::Int(*i)),
            Value::Bool(b) => Some(Num::Int(*b as i64)),
            Value::Float(f) => Some(Num::Float(*f)),
            Value::Obj(o) => match &o.payload {
                crate::object::Payload::Int(i) => Some(Num::Big(i.clone())),
                crate::object::Payload::Float(f) => Some(Num::Float(*f)),
                crate::object::Payload::Complex(re, im) => Some(Num::Complex(*re, *im)),
                _ => None,
            },
            Value::None => None,
        }
    }

    fn big(&self) -> BigInt {
        match self {
            Num::Int(i) => BigInt::from(*i),
            Num::Big(b) => b.clone(),
            _ => BigInt::zero(),
        }
    }

    fn float(&self, vm: &Vm) -> PyResult<f64> {
        match self {
            Num::Int(i) => Ok(*i as f64),
            Num::Big(b) => number::int_to_f64(b)
                .ok_or_else(|| vm.overflow_error("int too large to convert to float")),
            Num::Float(f) => Ok(*f),
            Num::Complex(..) => Ok(0.0),
        }
    }

    fn complex(&self, vm: &Vm) -> PyResult<(f64, f64)> {
        match self {
            Num::Complex(re, im) => Ok((*re, *im)),
            other => Ok((other.float(vm)?, 0.0)),
        }
    }

    fn is_int(&self) -> bool {
        matches!(self, Num::Int(_) | Num::Big(_))
    }
}

pub fn new_complex(re: f64, im: f64) -> Value {
    Value::Obj(crate::object::Object::new(crate::object::Payload::Complex(
        re, im,
    )))
}

/// `a op b` for two numbers; `None` when the operation is not defined for them
/// (so the caller reports the types).
pub fn binary(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) else {
        return Ok(None);
    };
    let both_bool = matches!((a, b), (Value::Bool(_), Value::Bool(_)));
    if let (Num::Int(i), Num::Int(j)) = (&x, &y) {
        if let Some(v) = small_int(vm, op, *i, *j, both_bool)? {
            return Ok(Some(v));
        }
    }
    if x.is_int() && y.is_int() {
        return big_int(vm, op, &x.big(), &y.big(), both_bool);
    }
    if matches!(x, Num::Complex(..)) || matches!(y, Num::Complex(..)) {
        return complex(vm, op, x.complex(vm)?, y.complex(vm)?);
    }
    if matches!(
        op,
        BinaryOp::LShift
            | BinaryOp::RShift
            | BinaryOp::And
            | BinaryOp::Or
            | BinaryOp::Xor
            | BinaryOp::MatMul
    ) {
        return Ok(None);
    }
    if op == BinaryOp::Pow && x.is_int() && matches!(y, Num::Float(_))
        || op == BinaryOp::Pow && matches!(x, Num::Float(_))
    {
        return float_pow(vm, x.float(vm)?, y.float(vm)?).map(Some);
    }
    float(vm, op, x.float(vm)?, y.float(vm)?).map(Some)
}

/// `i64` arithmetic; `None` when the result needs a big int.
fn small_int(vm: &Vm, op: BinaryOp, a: i64, b: i64, both_bool: bool) -> PyResult<Option<Value>> {
    Ok(match op {
        BinaryOp::Add => a.checked_add(b).map(Value::Int),
        BinaryOp::Sub => a.checked_sub(b).map(Value::Int),
        BinaryOp::Mul => a.checked_mul(b).map(Value::Int),
        BinaryOp::FloorDiv => {
            if b == 0 {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            number::i64_floordiv(a, b).map(Value::Int)
        }
        BinaryOp::Mod => {
            if b == 0 {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            number::i64_mod(a, b).map(Value::Int)
        }
        BinaryOp::TrueDiv => {
            if b == 0 {
                return Err(vm.zero_division("division by zero"));
            }
            const EXACT: i64 = 1 << 53;
            if a.abs() <= EXACT && b.abs() <= EXACT {
                Some(Value::Float(a as f64 / b as f64))
            } else {
                None
            }
        }
        BinaryOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
                }
                return float_pow(vm, a as f64, b as f64).map(Some);
            }
            u32::try_from(b)
                .ok()
                .and_then(|e| a.checked_pow(e))
                .map(Value::Int)
        }
        BinaryOp::LShift => {
            if b < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            if b < 63 && a.unsigned_abs() < (1u64 << (63 - b)) {
                Some(Value::Int(a << b))
            } else if a == 0 {
                Some(Value::Int(0))
            } else {
                None
            }
        }
        BinaryOp::RShift => {
            if b < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            Some(Value::Int(if b >= 64 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> b
            }))
        }
        BinaryOp::And => Some(bool_or_int(a & b, both_bool)),
        BinaryOp::Or => Some(bool_or_int(a | b, both_bool)),
        BinaryOp::Xor => Some(bool_or_int(a ^ b, both_bool)),
        BinaryOp::MatMul => return Ok(None).map(|_: Option<()>| None),
    })
}

fn bool_or_int(v: i64, both_bool: bool) -> Value {
    if both_bool {
        Value::Bool(v != 0)
    } else {
        Value::Int(v)
    }
}

fn big_int(
    vm: &Vm,
    op: BinaryOp,
    a: &BigInt,
    b: &BigInt,
    both_bool: bool,
) -> PyResult<Option<Value>> {
    let zero_div = || vm.zero_division("integer division or modulo by zero");
    Ok(Some(match op {
        BinaryOp::Add => Value::from_bigint(a + b),
        BinaryOp::Sub => Value::from_bigint(a - b),
        BinaryOp::Mul => Value::from_bigint(a * b),
        BinaryOp::FloorDiv => Value::from_bigint(number::int_floordiv(a, b).ok_or_else(zero_div)?),
        BinaryOp::Mod => Value::from_bigint(
            number::int_mod(a, b).ok_or_else(|| vm.zero_division("integer modulo by zero"))?,
        ),
        BinaryOp::TrueDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            Value::Float(int_true_divide(vm, a, b)?)
        }
        BinaryOp::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
                }
                let base = number::int_to_f64(a)
                    .ok_or_else(|| vm.overflow_error("int too large to convert to float"))?;
                let exp = number::int_to_f64(b).unwrap_or(f64::NEG_INFINITY);
                return float_pow(vm, base, exp).map(Some);
            }
            let Some(exp) = b.to_u64() else {
                // Only 0, 1 and -1 have a representable power this large.
                if a.is_zero() || a == &BigInt::from(1) {
                    return Ok(Some(Value::from_bigint(a.clone())));
                }
                if a == &BigInt::from(-1) {
                    return Ok(Some(Value::Int(if (b % 2u8).is_zero() { 1 } else { -1 })));
                }
                return Err(vm.memory_error());
            };
            // Refuse results that could not fit in memory (CPython raises
            // MemoryError for absurd sizes too).
            let bits = (a.bits() as u128) * (exp as u128);
            if bits > MAX_INT_BITS as u128 {
                return Err(vm.memory_error());
            }
            Value::from_bigint(crate::object::int::pow_big(a, exp))
        }
        BinaryOp::LShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            if a.is_zero() {
                return Ok(Some(Value::Int(0)));
            }
            let shift = b
                .to_u64()
                .filter(|s| *s <= i64::MAX as u64)
                .ok_or_else(|| vm.overflow_error("too many digits in integer"))?;
            if a.bits().saturating_add(shift) > MAX_INT_BITS {
                return Err(vm.memory_error());
            }
            Value::from_bigint(a << shift)
        }
        BinaryOp::RShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_u64() {
                Some(shift) => Value::from_bigint(a >> shift),
                None => Value::Int(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinaryOp::And => big_bool_or_int(a & b, both_bool),
        BinaryOp::Or => big_bool_or_int(a | b, both_bool),
        BinaryOp::Xor => big_bool_or_int(a ^ b, both_bool),
        BinaryOp::MatMul => return Ok(None),
    }))
}

fn big_bool_or_int(v: BigInt, both_bool: bool) -> Value {
    if both_bool {
        Value::Bool(!v.is_zero())
    } else {
        Value::from_bigint(v)
    }
}

/// `a / b` for ints, correctly rounded (as CPython's `long_true_divide`).
fn int_true_divide(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if let (Some(x), Some(y)) = (number::int_to_f64(a), number::int_to_f64(b)) {
        const EXACT: f64 = 9007199254740992.0;
        if x.abs() <= EXACT && y.abs() <= EXACT {
            return Ok(x / y);
        }
    }
    // Scale so the quotient has 55+ significant bits, divide exactly, and let
    // the final conversion round once.
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let shift = 60i64 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 {
        (a << shift as u64, b.clone())
    } else {
        (a.clone(), b << (-shift) as u64)
    };
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    // Sticky bit: any remainder makes the quotient inexact.
    let q = if r.is_zero() {
        q
    } else {
        (q << 1u8) | BigInt::from(1)
    };
    let extra = if r.is_zero() { 0 } else { 1 };
    let mantissa = q.to_f64().unwrap_or(f64::INFINITY);
    let exp = -(shift as i32) - extra;
    let result = mantissa * 2f64.powi(exp.clamp(-1074, 1023));
    let result = if !(-1074..=1023).contains(&exp) {
        // Rare: fall back to scaling in two steps.
        mantissa * 2f64.powi(exp / 2) * 2f64.powi(exp - exp / 2)
    } else {
        result
    };
    if result.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -result } else { result })
}

fn float(vm: &Vm, op: BinaryOp, a: f64, b: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::TrueDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            a / b
        }
        BinaryOp::FloorDiv => {
            number::float_divmod(a, b)
                .ok_or_else(|| vm.zero_division("float floor division by zero"))?
                .0
        }
        BinaryOp::Mod => number::float_mod(a, b).ok_or_else(|| vm.zero_division("float modulo"))?,
        BinaryOp::Pow => return float_pow(vm, a, b),
        _ => unreachable!("bit operations are not defined on floats"),
    }))
}

pub fn float_pow(vm: &Vm, a: f64, b: f64) -> PyResult<Value> {
    match number::float_pow(a, b) {
        Ok(r) => Ok(Value::Float(r)),
        Err(number::PowError::ZeroToNegative) => {
            Err(vm.zero_division("0.0 cannot be raised to a negative power"))
        }
        Err(number::PowError::Overflow) => {
            Err(vm.overflow_error("(34, 'Numerical result out of range')"))
        }
        Err(number::PowError::Complex) => {
            // A negative base to a fractional power gives a complex result.
            let (re, im) = complex_pow((a, 0.0), (b, 0.0));
            Ok(new_complex(re, im))
        }
    }
}

fn complex(
    vm: &Vm,
    op: BinaryOp,
    (ar, ai): (f64, f64),
    (br, bi): (f64, f64),
) -> PyResult<Option<Value>> {
    let (re, im) = match op {
        BinaryOp::Add => (ar + br, ai + bi),
        BinaryOp::Sub => (ar - br, ai - bi),
        BinaryOp::Mul => (ar * br - ai * bi, ar * bi + ai * br),
        BinaryOp::TrueDiv => {
            if br == 0.0 && bi == 0.0 {
                return Err(vm.zero_division("complex division by zero"));
            }
            complex_div((ar, ai), (br, bi))
        }
        BinaryOp::Pow => {
            if ar == 0.0 && ai == 0.0 && (bi != 0.0 || br < 0.0) {
                return Err(vm.zero_division("0.0 to a negative or complex power"));
            }
            complex_pow((ar, ai), (br, bi))
        }
        BinaryOp::FloorDiv | BinaryOp::Mod => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'complex' and 'complex'",
                op.symbol()
            )))
        }
        _ => return Ok(None),
    };
    Ok(Some(new_complex(re, im)))
}

/// Smith's algorithm, as CPython's `_Py_c_quot`.
fn complex_div((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> (f64, f64) {
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    if abs_br >= abs_bi {
        let ratio = bi / br;
        let denom = br + bi * ratio;
        ((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
    } else {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        ((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
    }
}

fn complex_pow((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> (f64, f64) {
    // Small integer exponents multiply out exactly, as CPython does.
    if bi == 0.0 && br == br.floor() && br.abs() <= 100.0 {
        let n = br as i64;
        let power = complex_powu((ar, ai), n.unsigned_abs());
        return if n >= 0 {
            power
        } else {
            complex_div((1.0, 0.0), power)
        };
    }
    if br == 0.0 && bi == 0.0 {
        return (1.0, 0.0);
    }
    if ar == 0.0 && ai == 0.0 {
        return (0.0, 0.0);
    }
    let vabs = ar.hypot(ai);
    let mut len = vabs.powf(br);
    let at = ai.atan2(ar);
    let mut phase = at * br;
    if bi != 0.0 {
        len /= (at * bi).exp();
        phase += bi * vabs.ln();
    }
    (len * phase.cos(), len * phase.sin())
}

/// `x ** n` for a natural `n`, by repeated squaring.
fn complex_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let product = |(a, b): (f64, f64), (c, d): (f64, f64)| (a * c - b * d, a * d + b * c);
    let mut result = (1.0, 0.0);
    let mut power = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            result = product(result, power);
        }
        mask <<= 1;
        power = product(power, power);
    }
    result
}

/// `-x`, `+x`, `abs(x)`, `~x` on numbers.
pub fn unary(vm: &Vm, op: &str, v: &Value) -> PyResult<Option<Value>> {
    let Some(n) = Num::of(v) else {
        return Ok(None);
    };
    Ok(Some(match (op, n) {
        ("-", Num::Int(i)) => i
            .checked_neg()
            .map(Value::Int)
            .unwrap_or_else(|| Value::from_bigint(-BigInt::from(i))),
        ("-", Num::Big(b)) => Value::from_bigint(-b),
        ("-", Num::Float(f)) => Value::Float(-f),
        ("-", Num::Complex(re, im)) => new_complex(-re, -im),
        ("+", Num::Int(i)) => Value::Int(i),
        ("+", Num::Big(b)) => Value::from_bigint(b),
        ("+", Num::Float(f)) => Value::Float(f),
        ("+", Num::Complex(re, im)) => new_complex(re, im),
        ("abs", Num::Int(i)) => i
            .checked_abs()
            .map(Value::Int)
            .unwrap_or_else(|| Value::from_bigint(BigInt::from(i).abs())),
        ("abs", Num::Big(b)) => Value::from_bigint(b.abs()),
        ("abs", Num::Float(f)) => Value::Float(f.abs()),
        ("abs", Num::Complex(re, im)) => {
            let r = re.hypot(im);
            if r.is_infinite() && re.is_finite() && im.is_finite() {
                return Err(vm.overflow_error("absolute value too large"));
            }
            Value::Float(r)
        }
        ("~", Num::Int(i)) => Value::Int(!i),
        ("~", Num::Big(b)) => Value::from_bigint(-b - 1),
        _ => return Ok(None),
    }))
}

/// Compares two numbers exactly (ints against floats without rounding).
pub fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    let (x, y) = (Num::of(a)?, Num::of(b)?);
    use std::cmp::Ordering;
    match (&x, &y) {
        (Num::Int(i), Num::Int(j)) => Some(i.cmp(j)),
        (Num::Float(f), Num::Float(g)) => f.partial_cmp(g),
        (Num::Complex(..), _) | (_, Num::Complex(..)) => None,
        (Num::Float(f), _) => compare_float_int(*f, &y.big()),
        (_, Num::Float(g)) => compare_float_int(*g, &x.big()).map(Ordering::reverse),
        _ => Some(x.big().cmp(&y.big())),
    }
}

/// `==` on numbers, complex included.
pub fn equal(a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (Num::of(a)?, Num::of(b)?);
    match (&x, &y) {
        (Num::Complex(ar, ai), Num::Complex(br, bi)) => Some(ar == br && ai == bi),
        (Num::Complex(re, im), _) => {
            Some(*im == 0.0 && compare(&Value::Float(*re), b) == Some(std::cmp::Ordering::Equal))
        }
        (_, Num::Complex(re, im)) => {
            Some(*im == 0.0 && compare(a, &Value::Float(*re)) == Some(std::cmp::Ordering::Equal))
        }
        _ => Some(compare(a, b) == Some(std::cmp::Ordering::Equal)),
    }
}

fn compare_float_int(f: f64, i: &BigInt) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let fl = f.floor();
    let whole = BigInt::from_f64_exact(fl);
    match whole.cmp(i) {
        Ordering::Equal => Some(if f > fl {
            Ordering::Greater
        } else {
            Ordering::Equal
        }),
        other => Some(other),
    }
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        num_traits::FromPrimitive::from_f64(f).unwrap_or_default()
    }
}

/// The hash of a float, equal to the hash of an equal int (CPython's
/// `_Py_HashDouble`).
pub fn hash_float(v: f64) -> i64 {
    const BITS: u32 = 61;
    let modulus = crate::object::int::HASH_MODULUS;
    if !v.is_finite() {
        return if v.is_infinite() {
            if v > 0.0 {
                314159
            } else {
                -314159
            }
        } else {
            0
        };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & modulus) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        (e as u32) % BITS
    } else {
        BITS - 1 - (((-1 - e) as u32) % BITS)
    };
    x = ((x << e) & modulus) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1`.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: normalise first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_hash_matches_int_hash() {
        assert_eq!(hash_float(1.0), 1);
        assert_eq!(hash_float(0.5), 1152921504606846976);
        assert_eq!(hash_float(-1.0), -2);
        assert_eq!(
            hash_float(1e100),
            crate::object::int::hash_bigint(&num_traits::FromPrimitive::from_f64(1e100).unwrap())
        );
    }

    #[test]
    fn frexp_like_c() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(5e-324).1, -1073);
    }
}
