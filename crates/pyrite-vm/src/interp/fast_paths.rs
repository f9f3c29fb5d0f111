//! The eval loop's shortcuts for the operand types programs use most: small
//! ints and floats in `BINARY_OP` and `COMPARE_OP` (strs too in the latter),
//! and lists and tuples
//! indexed by a small int in `BINARY_SUBSCR` and `STORE_SUBSCR` (CPython
//! 3.11 specialises the same instructions for the same types:
//! `BINARY_OP_ADD_FLOAT`, `COMPARE_OP_INT_JUMP`, `BINARY_SUBSCR_LIST_INT`,
//! ...). Each answers `None` for anything it does not decide, and the general
//! protocol in `ops` then runs; in particular every case that raises (a zero
//! divisor, an index out of range, an int result that needs a big int) is
//! left to it, so the messages stay in one place.

use crate::object::Payload;
use crate::ops::CompareOp;
use crate::value::Value;

/// `a op b` for `BINARY_OP`'s argument (CPython's `NB_*` numbering, the
/// in-place forms 13 above the plain ones).
#[inline(always)]
pub fn binary_op(arg: u32, a: &Value, b: &Value) -> Option<Value> {
    const ADD: u32 = 0;
    const AND: u32 = 1;
    const FLOOR_DIVIDE: u32 = 2;
    const LSHIFT: u32 = 3;
    const MULTIPLY: u32 = 5;
    const REMAINDER: u32 = 6;
    const OR: u32 = 7;
    const POWER: u32 = 8;
    const RSHIFT: u32 = 9;
    const SUBTRACT: u32 = 10;
    const TRUE_DIVIDE: u32 = 11;
    const XOR: u32 = 12;
    const INPLACE: u32 = 13;
    let op = if arg >= INPLACE { arg - INPLACE } else { arg };
    // A float with an int operand converts the int first, as float's own
    // arithmetic does; `as` rounds to nearest, like CPython's conversion.
    let (x, y) = match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let r = match op {
                ADD => x.checked_add(y),
                SUBTRACT => x.checked_sub(y),
                MULTIPLY => x.checked_mul(y),
                // Two's complement bit operations are Python's on negative
                // ints too.
                AND => Some(x & y),
                OR => Some(x | y),
                XOR => Some(x ^ y),
                // Python rounds the quotient down and gives the remainder
                // the divisor's sign; Rust truncates toward zero.
                FLOOR_DIVIDE => x.checked_div(y).map(|q| {
                    if (x % y != 0) && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    }
                }),
                REMAINDER => x.checked_rem(y).map(|r| {
                    if r != 0 && ((r < 0) != (y < 0)) {
                        r + y
                    } else {
                        r
                    }
                }),
                RSHIFT if y >= 0 => Some(if y >= 64 { x >> 63 } else { x >> y }),
                LSHIFT if (0..64).contains(&y) => {
                    let shifted = x << y;
                    (shifted >> y == x).then_some(shifted)
                }
                _ => None,
            };
            return r.map(Value::Int);
        }
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        (Value::Float(x), Value::Int(y)) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) => (*x as f64, *y),
        _ => return None,
    };
    let r = match op {
        ADD => x + y,
        SUBTRACT => x - y,
        MULTIPLY => x * y,
        TRUE_DIVIDE if y != 0.0 => x / y,
        // A positive finite base to a finite power is the C library's pow,
        // as in CPython, unless it overflows (OverflowError); zero and
        // negative bases (ZeroDivisionError, complex results) go the long way.
        POWER if x > 0.0 && x.is_finite() && y.is_finite() => {
            let r = x.powf(y);
            if !r.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    };
    Some(Value::Float(r))
}

/// `a op b` for two small ints, two floats (IEEE comparison: every
/// comparison with a NaN is false but `!=`) or two exact strs (UTF-8 orders
/// as code points do). An int compared with a float is compared exactly by
/// the general protocol.
#[inline(always)]
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
            (Payload::Str(x_text), Payload::Str(y_text))
                if !x.has_explicit_class() && !y.has_explicit_class() =>
            {
                Some(op.holds(x_text.as_str().cmp(y_text.as_str())))
            }
            _ => None,
        },
        (Value::Int(x), Value::Int(y)) => Some(op.holds(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(match op {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        }),
        _ => None,
    }
}

/// The position `index` names in a sequence of `len` items (negative
/// indices count from the end), if it is in range.
#[inline(always)]
fn position(index: i64, len: usize) -> Option<usize> {
    let i = if index < 0 {
        index.checked_add(len as i64)?
    } else {
        index
    };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// `container[index]` for an exact list or tuple and a small int index.
#[inline(always)]
pub fn subscript(container: &Value, index: &Value) -> Option<Value> {
    let (Value::Obj(o), Value::Int(i)) = (container, index) else {
        return None;
    };
    if o.has_explicit_class() {
        return None;
    }
    match &o.payload {
        Payload::List(items) => {
            let items = items.borrow();
            position(*i, items.len()).map(|p| items[p].clone())
        }
        Payload::Tuple(items) => position(*i, items.len()).map(|p| items[p].clone()),
        _ => None,
    }
}

/// `container[index] = value` for an exact list and a small int index; gives
/// the value back when it does not apply.
#[inline(always)]
pub fn store_subscript(container: &Value, index: &Value, value: Value) -> Result<(), Value> {
    let (Value::Obj(o), Value::Int(i)) = (container, index) else {
        return Err(value);
    };
    match &o.payload {
        Payload::List(items) if !o.has_explicit_class() => {
            let mut items = items.borrow_mut();
            match position(*i, items.len()) {
                Some(p) => {
                    let old = std::mem::replace(&mut items[p], value);
                    // The old item may be the last reference to an object
                    // whose destructor touches this list.
                    drop(items);
                    drop(old);
                    Ok(())
                }
                None => Err(value),
            }
        }
        _ => Err(value),
    }
}
