//! The value representation.
//!
//! A `Value` is two words. The values programs create most (small ints, floats,
//! bools and None) live inline and cost no allocation; everything else is a
//! reference-counted heap object. An int that leaves the `i64` range is promoted
//! to a heap big int, and a big int result that fits is demoted again, so the
//! inline form is always used when it can be: two equal ints are either both
//! inline or both big.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::object::{Object, Payload};

pub type ObjRef = Rc<Object>;

pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjRef),
}

impl Value {
    /// The int value of a big int result, inline when it fits.
    pub fn from_bigint(i: BigInt) -> Value {
        match i.to_i64() {
            Some(small) => Value::Int(small),
            None => Value::Obj(Object::new(Payload::Int(i))),
        }
    }

    pub fn obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn payload(&self) -> Option<&Payload> {
        self.obj().map(|o| &o.payload)
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Are both the same heap object? (`is` for the keys of name lookups,
    /// which are str objects: one pointer comparison.)
    #[inline(always)]
    pub fn same_object(&self, other: &Value) -> bool {
        matches!((self, other), (Value::Obj(a), Value::Obj(b)) if Rc::ptr_eq(a, b))
    }

    /// Identity (`is`): the same heap object, or equal inline values of the same
    /// kind (CPython caches small ints; we extend that to all inline values).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The object if it is a str (exact or subclass).
    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// An int's value as `i64`, for ints (and bools) that fit.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Obj(o) => match &o.payload {
                Payload::Int(i) => i.to_i64(),
                _ => None,
            },
            _ => None,
        }
    }

    /// An int's value as a `BigInt`, for ints and bools.
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Value::Int(i) => Some(BigInt::from(*i)),
            Value::Bool(b) => Some(BigInt::from(*b as u8)),
            Value::Obj(o) => match &o.payload {
                Payload::Int(i) => Some(i.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Is this an int (or bool, or int subclass instance)?
    pub fn is_int(&self) -> bool {
        match self {
            Value::Int(_) | Value::Bool(_) => true,
            Value::Obj(o) => matches!(o.payload, Payload::Int(_)),
            _ => false,
        }
    }

    pub fn new_str(s: &str) -> Value {
        Value::Obj(Object::new(Payload::Str(crate::object::str::PyStr::new(s))))
    }

    pub fn from_string(s: String) -> Value {
        Value::Obj(Object::new(Payload::Str(
            crate::object::str::PyStr::from_string(s),
        )))
    }
}

impl Clone for Value {
    /// A heap object gains a reference; every other variant is plain data,
    /// copied as it stands. (The derived clone matches on all five variants,
    /// an indirect jump on every `LOAD_FAST` and `LOAD_CONST`.)
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Obj(o) => Value::Obj(Rc::clone(o)),
            // SAFETY: the other variants own nothing (a bool, an i64, an f64
            // or no data), so a bitwise copy is an independent, valid value,
            // exactly what copying their fields would give.
            _ => unsafe { std::ptr::read(self) },
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<usize> for Value {
    fn from(i: usize) -> Value {
        match i64::try_from(i) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::from_bigint(BigInt::from(i)),
        }
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}
