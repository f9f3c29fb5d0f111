//! Python's arithmetic rules on plain numbers, where they differ from Rust's:
//! floor division and modulo take the sign of the divisor, float `//` and `%`
//! follow CPython's `float_divmod`, and int-to-float conversion can overflow.
//! Shared by constant folding (compile time) and the VM (run time).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// `a // b` for ints (floor division); `None` if `b` is zero.
pub fn int_floordiv(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() {
        return None;
    }
    let (q, r) = (a / b, a % b);
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// `a % b` for ints (result has the sign of `b`); `None` if `b` is zero.
pub fn int_mod(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() {
        return None;
    }
    let r = a % b;
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// `i64` floor division and modulo; `None` on division by zero or overflow.
pub fn i64_floordiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 || (a == i64::MIN && b == -1) {
        return None;
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

pub fn i64_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// CPython's `float_divmod`: the floor quotient and the remainder with the
/// divisor's sign, snapped to an integral quotient. `None` if `w` is zero.
pub fn float_divmod(v: f64, w: f64) -> Option<(f64, f64)> {
    if w == 0.0 {
        return None;
    }
    let mut modulo = v % w;
    let mut div = (v - modulo) / w;
    if modulo != 0.0 {
        if (w < 0.0) != (modulo < 0.0) {
            modulo += w;
            div -= 1.0;
        }
    } else {
        modulo = 0.0f64.copysign(w);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(v / w)
    };
    Some((floordiv, modulo))
}

/// CPython's `float_rem`: just the remainder (also defined when the quotient
/// would overflow).
pub fn float_mod(v: f64, w: f64) -> Option<f64> {
    if w == 0.0 {
        return None;
    }
    let mut modulo = v % w;
    if modulo != 0.0 {
        if (w < 0.0) != (modulo < 0.0) {
            modulo += w;
        }
    } else {
        modulo = 0.0f64.copysign(w);
    }
    Some(modulo)
}

/// An int as a float; `None` when it is too large ("int too large to convert to
/// float"). Rounds to nearest, ties to even, like CPython.
pub fn int_to_f64(i: &BigInt) -> Option<f64> {
    let f = i.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

/// Why a float power has no real float result.
#[derive(Debug, PartialEq, Eq)]
pub enum PowError {
    /// `0.0 ** negative`: ZeroDivisionError.
    ZeroToNegative,
    /// `negative ** fractional`: the result is complex.
    Complex,
    /// The result overflows: OverflowError.
    Overflow,
}

/// `v ** w` for floats, with CPython's special cases.
pub fn float_pow(v: f64, w: f64) -> Result<f64, PowError> {
    if w == 0.0 {
        return Ok(1.0);
    }
    if v.is_nan() {
        return Ok(if w == 0.0 { 1.0 } else { v });
    }
    if w.is_nan() {
        return Ok(if v == 1.0 { 1.0 } else { w });
    }
    if v == 0.0 && w < 0.0 && w.is_finite() {
        return Err(PowError::ZeroToNegative);
    }
    if v < 0.0 && w.is_finite() && w.fract() != 0.0 {
        return Err(PowError::Complex);
    }
    let r = v.powf(w);
    if r.is_infinite() && v.is_finite() && w.is_finite() {
        return Err(PowError::Overflow);
    }
    Ok(r)
}

/// The number of bits of an int's magnitude (`int.bit_length()`).
pub fn bit_length(i: &BigInt) -> u64 {
    i.bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_takes_the_divisors_sign() {
        assert_eq!(i64_floordiv(-7, 2), Some(-4));
        assert_eq!(i64_mod(-7, 2), Some(1));
        assert_eq!(i64_mod(7, -2), Some(-1));
        assert_eq!(i64_floordiv(i64::MIN, -1), None);
        assert_eq!(
            int_floordiv(&BigInt::from(-7), &BigInt::from(2)),
            Some(BigInt::from(-4))
        );
        assert_eq!(
            int_mod(&BigInt::from(7), &BigInt::from(-2)),
            Some(BigInt::from(-1))
        );
    }

    #[test]
    fn float_divmod_matches_cpython() {
        assert_eq!(float_divmod(7.5, 2.0), Some((3.0, 1.5)));
        assert_eq!(float_divmod(-7.5, 2.0), Some((-4.0, 0.5)));
        let (q, r) = float_divmod(1.0, -0.3).unwrap();
        assert_eq!(q, -4.0);
        assert!((r - -0.19999999999999996).abs() < 1e-17);
        assert_eq!(float_mod(-0.0, 1.0).unwrap().to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn float_pow_special_cases() {
        assert_eq!(float_pow(0.0, -1.0), Err(PowError::ZeroToNegative));
        assert_eq!(float_pow(-8.0, 1.0 / 3.0), Err(PowError::Complex));
        assert_eq!(float_pow(10.0, 400.0), Err(PowError::Overflow));
        assert_eq!(float_pow(2.0, 0.5), Ok(std::f64::consts::SQRT_2));
    }
}
