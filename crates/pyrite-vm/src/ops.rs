//! The abstract object protocol: what `a + b`, `a < b`, `a[i]`, `a.x`, `f(x)`,
//! `hash(a)`, `repr(a)`, `iter(a)` and truth testing mean for any value.
//!
//! Each operation first tries the built-in types natively (no dict lookups, no
//! Python frames) and falls back to the special-method protocol (`__add__` and
//! `__radd__`, `__eq__`, `__getitem__`, descriptors, ...) when a user class is
//! involved, with CPython's rules for reflected operands and subclass priority.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::object::function::{Args, BuiltinKind, NativeFn};
use crate::object::typ::{self, is_subtype, lookup};
use crate::object::{Object, Payload};
use crate::value::{ObjRef, Value};
use crate::vm::{PyErr, PyResult, Vm};

// ----- operators ----------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinaryOp {
    /// The operator of `BINARY_OP`'s argument (CPython's `NB_*` order), and
    /// whether it is the in-place form.
    pub fn from_arg(arg: u32) -> (BinaryOp, bool) {
        use BinaryOp::*;
        const ORDER: [BinaryOp; 13] = [
            Add, And, FloorDiv, LShift, MatMul, Mul, Mod, Or, Pow, RShift, Sub, TrueDiv, Xor,
        ];
        (ORDER[(arg % 13) as usize], arg >= 13)
    }

    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            MatMul => "@",
            TrueDiv => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
            LShift => "<<",
            RShift => ">>",
            And => "&",
            Or => "|",
            Xor => "^",
        }
    }

    fn dunder(self) -> (&'static str, &'static str, &'static str) {
        use BinaryOp::*;
        match self {
            Add => ("__add__", "__radd__", "__iadd__"),
            Sub => ("__sub__", "__rsub__", "__isub__"),
            Mul => ("__mul__", "__rmul__", "__imul__"),
            MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            Mod => ("__mod__", "__rmod__", "__imod__"),
            Pow => ("__pow__", "__rpow__", "__ipow__"),
            LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            And => ("__and__", "__rand__", "__iand__"),
            Or => ("__or__", "__ror__", "__ior__"),
            Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    /// `COMPARE_OP`'s argument.
    pub fn from_arg(arg: u32) -> CompareOp {
        match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }

    pub fn holds(self, ord: Ordering) -> bool {
        match self {
            CompareOp::Lt => ord == Ordering::Less,
            CompareOp::Le => ord != Ordering::Greater,
            CompareOp::Eq => ord == Ordering::Equal,
            CompareOp::Ne => ord != Ordering::Equal,
            CompareOp::Gt => ord == Ordering::Greater,
            CompareOp::Ge => ord != Ordering::Less,
        }
    }

    fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            other => other,
        }
    }

    fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

pub fn not_implemented(vm: &Vm) -> Value {
    Value::Obj(vm.not_implemented.clone())
}

pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::NotImplemented))
}

/// Is this value of a type defined in Python (whose special methods must be
/// looked up), rather than an exact built-in?
pub(crate) fn is_user_typed(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o
            .explicit_class()
            .is_some_and(|c| c.as_type().is_some_and(|t| t.is_heap)),
        _ => false,
    }
}

/// `a op b`.
pub fn binary_op(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        // The hot path: both small ints, and the result fits.
        let fast = match op {
            BinaryOp::Add => x.checked_add(*y),
            BinaryOp::Sub => x.checked_sub(*y),
            BinaryOp::Mul => x.checked_mul(*y),
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(Value::Int(r));
        }
    }
    if !is_user_typed(a) && !is_user_typed(b) {
        let result = binary_op_native(vm, op, a, b)?;
        if !is_not_implemented(&result) {
            return Ok(result);
        }
        return Err(binary_type_error(vm, op, a, b, ""));
    }
    let result = binary_op_protocol(vm, op, a, b)?;
    if !is_not_implemented(&result) {
        return Ok(result);
    }
    Err(binary_type_error(vm, op, a, b, ""))
}

/// `a op= b`: `__iop__` first, then the plain operator.
pub fn inplace_op(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = a {
        if let Payload::List(items) = &o.payload {
            if !is_user_typed(a) {
                match op {
                    BinaryOp::Add => {
                        let extra = collect_iterable(vm, b)?;
                        items.borrow_mut().extend(extra);
                        return Ok(a.clone());
                    }
                    BinaryOp::Mul => {
                        let n = index_value(vm, b).map_err(|_| {
                            vm.type_error(format!(
                                "can't multiply sequence by non-int of type '{}'",
                                vm.type_name(b)
                            ))
                        })?;
                        let copy = items.borrow().clone();
                        // An empty list stays empty without looping `n` times
                        // (`x *= 10**18` is instant in CPython).
                        if n <= 0 || copy.is_empty() {
                            items.borrow_mut().clear();
                            return Ok(a.clone());
                        }
                        let extra = copy
                            .len()
                            .checked_mul(n as usize - 1)
                            .ok_or_else(|| vm.memory_error())?;
                        let mut v = items.borrow_mut();
                        vm.reserve(&mut v, extra)?;
                        for _ in 1..n {
                            v.extend_from_slice(&copy);
                        }
                        return Ok(a.clone());
                    }
                    _ => {}
                }
            }
        }
        if let Payload::Set(_) = &o.payload {
            if !is_user_typed(a)
                && matches!(
                    op,
                    BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor
                )
            {
                return crate::object::set::inplace(vm, op, a, b);
            }
        }
        if let Payload::ByteArray(bytes) = &o.payload {
            if !is_user_typed(a) && matches!(op, BinaryOp::Add | BinaryOp::Mul) {
                if op == BinaryOp::Add {
                    crate::object::bytearray::inplace_add(vm, bytes, b)?;
                } else {
                    crate::object::bytearray::inplace_mul(vm, bytes, b)?;
                }
                return Ok(a.clone());
            }
        }
        if let Payload::Dict(_) = &o.payload {
            if !is_user_typed(a) && op == BinaryOp::Or {
                dict_update_from(vm, a, b)?;
                return Ok(a.clone());
            }
        }
    }
    if is_user_typed(a) {
        let (_, _, iname) = op.dunder();
        if let Some(result) = call_special(vm, a, iname, std::slice::from_ref(b))? {
            if !is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    // (Two ints support every operator but `@`, whose error names `@=`.)
    if let (Value::Int(_), Value::Int(_), false) = (a, b, op == BinaryOp::MatMul) {
        return binary_op(vm, op, a, b);
    }
    let result = if !is_user_typed(a) && !is_user_typed(b) {
        binary_op_native(vm, op, a, b)?
    } else {
        binary_op_protocol(vm, op, a, b)?
    };
    if !is_not_implemented(&result) {
        return Ok(result);
    }
    Err(binary_type_error(vm, op, a, b, "="))
}

fn binary_type_error(vm: &Vm, op: BinaryOp, a: &Value, b: &Value, suffix: &str) -> PyErr {
    // Sequences report their own, more specific errors (`+=` too, on the
    // immutable ones, which fall back to concatenation).
    let inplace_list = !suffix.is_empty() && matches!(a.payload(), Some(Payload::List(_)));
    if op == BinaryOp::Add && !inplace_list {
        let kind = match a.payload() {
            Some(Payload::Str(_)) => Some("str"),
            Some(Payload::List(_)) => Some("list"),
            Some(Payload::Tuple(_)) => Some("tuple"),
            Some(Payload::Bytes(_)) => Some("bytes"),
            Some(Payload::ByteArray(_)) => Some("bytearray"),
            _ => None,
        };
        if let Some(kind) = kind {
            if !is_user_typed(b) {
                let what = if kind == "bytes" || kind == "bytearray" {
                    format!("can't concat {} to {kind}", vm.type_name(b))
                } else {
                    format!(
                        "can only concatenate {kind} (not \"{}\") to {kind}",
                        vm.type_name(b)
                    )
                };
                return vm.type_error(what);
            }
        }
    }
    if op == BinaryOp::Mul {
        let is_seq = |v: &Value| {
            matches!(
                v.payload(),
                Some(
                    Payload::Str(_)
                        | Payload::List(_)
                        | Payload::Tuple(_)
                        | Payload::Bytes(_)
                        | Payload::ByteArray(_)
                )
            )
        };
        if is_seq(a) && !b.is_int() {
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(b)
            ));
        }
        if is_seq(b) && !a.is_int() {
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                vm.type_name(a)
            ));
        }
    }
    let symbol = if op == BinaryOp::Pow && suffix.is_empty() {
        "** or pow()".to_string()
    } else {
        format!("{}{suffix}", op.symbol())
    };
    vm.type_error(format!(
        "unsupported operand type(s) for {symbol}: '{}' and '{}'",
        vm.type_name(a),
        vm.type_name(b)
    ))
}

/// The special-method protocol for binary operators (CPython's `binary_op1`).
fn binary_op_protocol(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, rname, _) = op.dunder();
    binary_protocol(vm, name, rname, a, b)
}

/// The methods `a op b` may call: `a`'s type's `name`, `b`'s type's
/// `rname` (when the types differ), and whether the latter goes first (`b`'s
/// type is a subclass of `a`'s that overrides the reflected method).
struct ProtocolSlots {
    left: Option<Value>,
    right: Option<Value>,
    right_first: bool,
}

fn protocol_slots(vm: &Vm, name: &str, rname: &str, a: &Value, b: &Value) -> ProtocolSlots {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let left = lookup(&ta, name);
    let right = if Rc::ptr_eq(&ta, &tb) {
        None
    } else {
        lookup(&tb, rname)
    };
    let right_first = match (&left, &right) {
        (Some(_), Some(rb)) => {
            let overrides = lookup(&ta, rname).is_none_or(|ra| !ra.is(rb));
            is_subtype(&tb, &ta) && overrides
        }
        _ => false,
    };
    ProtocolSlots {
        left,
        right,
        right_first,
    }
}

/// `a.name(b)`, else `b.rname(a)`, with a subclass's reflected method first.
fn binary_protocol(vm: &Vm, name: &str, rname: &str, a: &Value, b: &Value) -> PyResult<Value> {
    let slots = protocol_slots(vm, name, rname, a, b);
    let mut right = slots.right;
    if slots.right_first {
        if let Some(rb) = right.take() {
            let result = call_descriptor_method(vm, &rb, b, a)?;
            if !is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    if let Some(sa) = slots.left {
        let result = call_descriptor_method(vm, &sa, a, b)?;
        if !is_not_implemented(&result) {
            return Ok(result);
        }
    }
    if let Some(sb) = right {
        let result = call_descriptor_method(vm, &sb, b, a)?;
        if !is_not_implemented(&result) {
            return Ok(result);
        }
    }
    Ok(not_implemented(vm))
}

/// The method `a op b` calls first, when it is `a`'s type's `__op__` (and
/// not the reflected method of a subclass of it that `b` is an instance of),
/// with the reflected method of `b`'s type that comes next if it gives
/// NotImplemented: for the eval loop, which runs Python methods itself and
/// then finishes with `binary_after_first`.
pub fn binary_first_method(
    vm: &Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
) -> Option<(Value, Option<Value>)> {
    let (name, rname, _) = op.dunder();
    let slots = protocol_slots(vm, name, rname, a, b);
    if slots.right_first {
        return None;
    }
    Some((slots.left?, slots.right))
}

/// The rest of `a op b` once `a`'s method gave NotImplemented: `b`'s
/// reflected method, else the TypeError.
pub fn binary_after_first(
    vm: &Vm,
    op: BinaryOp,
    a: &Value,
    b: &Value,
    reflected: Option<Value>,
) -> PyResult<Value> {
    if let Some(method) = reflected {
        let result = call_descriptor_method(vm, &method, b, a)?;
        if !is_not_implemented(&result) {
            return Ok(result);
        }
    }
    Err(binary_type_error(vm, op, a, b, ""))
}

/// Calls a method found on a type with `receiver` and one argument.
fn call_descriptor_method(
    vm: &Vm,
    method: &Value,
    receiver: &Value,
    arg: &Value,
) -> PyResult<Value> {
    let args = [receiver.clone(), arg.clone()];
    call_unbound(vm, method, &args)
}

/// Calls an attribute found in a type's dict as a method of `args[0]`.
fn call_unbound(vm: &Vm, method: &Value, args: &[Value]) -> PyResult<Value> {
    match method.payload() {
        Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
            if let Some(Payload::Builtin(b)) = method.payload() {
                if b.kind != BuiltinKind::Method {
                    let bound = descriptor_get(vm, method, Some(&args[0]), None)?;
                    return call(vm, &bound, Args::positional(&args[1..]));
                }
            }
            call(vm, method, Args::positional(args))
        }
        _ => {
            let bound = descriptor_get(vm, method, Some(&args[0]), None)?;
            call(vm, &bound, Args::positional(&args[1..]))
        }
    }
}

/// The built-in types' own binary operators; NotImplemented when they do not
/// apply.
pub fn binary_op_native(vm: &Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(v) = crate::numeric::binary(vm, op, a, b)? {
        return Ok(v);
    }
    match op {
        BinaryOp::Add => match (a.payload(), b.payload()) {
            (Some(Payload::Str(x)), Some(Payload::Str(y))) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                return Ok(Value::from_string(s));
            }
            (Some(Payload::List(x)), Some(Payload::List(y))) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                return Ok(crate::object::list::new_list(v));
            }
            (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => {
                let v: Vec<Value> = x.iter().chain(y.iter()).cloned().collect();
                return Ok(crate::object::tuple::new_tuple(v));
            }
            (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => {
                let v = [&x[..], &y[..]].concat();
                return Ok(Value::Obj(Object::new(Payload::Bytes(
                    v.into_boxed_slice(),
                ))));
            }
            (Some(Payload::Bytes(_) | Payload::ByteArray(_)), _) => {
                use crate::object::bytes_methods::{buffer, Kind};
                if let (Some(kind), Some(y)) = (Kind::of(a), buffer(b)) {
                    let mut v = buffer(a).map(|x| x.to_vec()).unwrap_or_default();
                    v.extend_from_slice(&y);
                    return Ok(kind.make(v));
                }
            }
            _ => {}
        },
        BinaryOp::Mul => {
            let is_seq = |v: &Value| {
                matches!(
                    v.payload(),
                    Some(
                        Payload::Str(_)
                            | Payload::List(_)
                            | Payload::Tuple(_)
                            | Payload::Bytes(_)
                            | Payload::ByteArray(_)
                    )
                )
            };
            let (seq, n) = if is_seq(a) {
                (a, b)
            } else if is_seq(b) {
                (b, a)
            } else {
                return Ok(not_implemented(vm));
            };
            // The count is any integer, or an object with __index__.
            let count = match n.as_bigint() {
                Some(i) => i,
                None => match call_special(vm, n, "__index__", &[])? {
                    Some(r) if r.is_int() => r.as_bigint().unwrap_or_default(),
                    _ => return Ok(not_implemented(vm)),
                },
            };
            let count = if count.sign() == num_bigint::Sign::Minus {
                0
            } else {
                num_traits::ToPrimitive::to_usize(&count)
                    .filter(|&c| c <= isize::MAX as usize)
                    .ok_or_else(|| {
                        vm.overflow_error("cannot fit 'int' into an index-sized integer")
                    })?
            };
            return repeat_sequence(vm, seq, count);
        }
        BinaryOp::Mod => {
            if let Some(Payload::Str(s)) = a.payload() {
                return crate::format::percent_format(vm, s.as_str(), b).map(Value::from_string);
            }
            if let Some(kind) = crate::object::bytes_methods::Kind::of(a) {
                let fmt = crate::object::bytes_methods::buffer(a)
                    .map(|f| f.to_vec())
                    .unwrap_or_default();
                let out = crate::object::bytes_methods::percent_format(vm, &fmt, b)?;
                return Ok(kind.make(out));
            }
        }
        BinaryOp::Sub | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor
            if crate::object::iter::view_as_set(vm, a)?.is_some()
                || crate::object::iter::view_as_set(vm, b)?.is_some() =>
        {
            // Keys and items views combine like sets, with any iterable.
            let as_set = |v: &Value| -> PyResult<Value> {
                match crate::object::iter::view_as_set(vm, v)? {
                    Some(s) => Ok(s),
                    None => Ok(crate::object::set::new_set_value(
                        crate::object::set::from_iterable(vm, v)?,
                    )),
                }
            };
            if op == BinaryOp::And {
                return view_intersection(vm, a, b);
            }
            return crate::object::set::binary(vm, op, &as_set(a)?, &as_set(b)?);
        }
        BinaryOp::Sub | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => {
            let is_set =
                |v: &Value| matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)));
            if is_set(a) && is_set(b) {
                return crate::object::set::binary(vm, op, a, b);
            }
            if op == BinaryOp::Or {
                let union = crate::object::alias::union_or(vm, a, b)?;
                if !is_not_implemented(&union) {
                    return Ok(union);
                }
                if let (Some(Payload::Dict(x)), Some(Payload::Dict(_))) = (a.payload(), b.payload())
                {
                    let result = crate::object::dict::new_dict_value(x.borrow().clone());
                    dict_update_from(vm, &result, b)?;
                    return Ok(result);
                }
            }
        }
        _ => {}
    }
    Ok(not_implemented(vm))
}

/// `view & other` (either way round): the elements kept are the view's when
/// `other` is a set at least as large (or a larger view), else `other`'s, as
/// CPython picks the side it iterates (which matters for equal elements such
/// as 1 and 1.0).
fn view_intersection(vm: &Vm, a: &Value, b: &Value) -> PyResult<Value> {
    use crate::object::{iter, set};
    let (view, other) = match iter::view_as_set(vm, a)? {
        Some(view) => (view, b),
        None => (iter::view_as_set(vm, b)?.unwrap_or(Value::None), a),
    };
    let exact_set = matches!(other.payload(), Some(Payload::Set(_))) && !is_user_typed(other);
    let size = |v: &Value| set::set_cell(v).map_or(0, |c| c.borrow().len());
    let (from, within) = if let Some(other_view) = iter::view_as_set(vm, other)? {
        // Two views: the smaller is iterated (the right one on a tie).
        if size(&other_view) > size(&view) {
            (set::items(&view), other_view)
        } else {
            (set::items(&other_view), view)
        }
    } else if exact_set && size(&view) <= size(other) {
        (set::items(&view), other.clone())
    } else {
        (collect_iterable(vm, other)?, view)
    };
    let result = set::new_set_value(set::Set::default());
    let cell = set::set_cell(&result).expect("a new set");
    for item in from {
        if set::contains(vm, &within, &item)? {
            set::add(vm, cell, item)?;
        }
    }
    Ok(result)
}

fn repeat_sequence(vm: &Vm, seq: &Value, count: usize) -> PyResult<Value> {
    /// Copies of `items`, allocated fallibly.
    fn repeated<T: Clone>(vm: &Vm, items: &[T], count: usize) -> PyResult<Vec<T>> {
        let total = items
            .len()
            .checked_mul(count)
            .ok_or_else(|| vm.memory_error())?;
        let mut v = Vec::new();
        // Nothing to copy: no loop over a count that may be 10**18.
        if total == 0 {
            return Ok(v);
        }
        vm.reserve(&mut v, total)?;
        for _ in 0..count {
            v.extend_from_slice(items);
        }
        Ok(v)
    }
    match seq.payload() {
        Some(Payload::Str(s)) => {
            let text = s.as_str();
            let total = text
                .len()
                .checked_mul(count)
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(|| vm.overflow_error("repeated string is too long"))?;
            let mut out = String::new();
            if total == 0 {
                return Ok(Value::from_string(out));
            }
            vm.reserve_text(&mut out, total)?;
            for _ in 0..count {
                out.push_str(text);
            }
            Ok(Value::from_string(out))
        }
        Some(Payload::List(items)) => {
            let items = items.borrow().clone();
            Ok(crate::object::list::new_list(repeated(vm, &items, count)?))
        }
        Some(Payload::Tuple(items)) => {
            Ok(crate::object::tuple::new_tuple(repeated(vm, items, count)?))
        }
        Some(Payload::Bytes(b)) => Ok(Value::Obj(Object::new(Payload::Bytes(
            repeated(vm, b, count)?.into_boxed_slice(),
        )))),
        Some(Payload::ByteArray(b)) => {
            let copy = b.data.borrow().clone();
            Ok(crate::object::bytearray::new_bytearray(repeated(
                vm, &copy, count,
            )?))
        }
        _ => Ok(not_implemented(vm)),
    }
}

/// `divmod(a, b)`.
pub fn divmod(vm: &Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let result = if is_user_typed(a) || is_user_typed(b) {
        binary_protocol(vm, "__divmod__", "__rdivmod__", a, b)?
    } else {
        crate::builtins::divmod_native(vm, a, b)?
    };
    if is_not_implemented(&result) {
        return Err(vm.type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(a),
            vm.type_name(b)
        )));
    }
    Ok(result)
}

/// `-a`, `+a`, `~a`.
pub fn unary_op(vm: &Vm, op: &str, a: &Value) -> PyResult<Value> {
    if !is_user_typed(a) {
        if let Some(v) = crate::numeric::unary(vm, op, a)? {
            return Ok(v);
        }
    }
    let name = match op {
        "-" => "__neg__",
        "+" => "__pos__",
        "~" => "__invert__",
        _ => "__abs__",
    };
    if let Some(result) = call_special(vm, a, name, &[])? {
        return Ok(result);
    }
    let what = match op {
        "-" => "unary -",
        "+" => "unary +",
        "~" => "unary ~",
        _ => "abs()",
    };
    Err(vm.type_error(format!(
        "bad operand type for {what}: '{}'",
        vm.type_name(a)
    )))
}

// ----- comparison ---------------------------------------------------------------

/// `a == b` for the built-in types, without running Python code; `None` when a
/// user class is involved.
pub fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    native_eq_nested(a, b, 0)
}

/// Nested tuples are compared natively only so deep; deeper comparisons go
/// through `eq`, which counts against the recursion limit.
const NATIVE_EQ_DEPTH: u32 = 100;

fn native_eq_nested(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if is_user_typed(a) || is_user_typed(b) {
        return None;
    }
    if let Some(eq) = crate::numeric::equal(a, b) {
        return Some(eq);
    }
    match (a.payload(), b.payload()) {
        (Some(Payload::Str(x)), Some(Payload::Str(y))) => Some(x.as_str() == y.as_str()),
        (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => Some(x == y),
        (
            Some(Payload::Bytes(_) | Payload::ByteArray(_)),
            Some(Payload::Bytes(_) | Payload::ByteArray(_)),
        ) => {
            let (x, y) = (
                crate::object::bytes_methods::buffer(a)?,
                crate::object::bytes_methods::buffer(b)?,
            );
            Some(*x == *y)
        }
        (Some(Payload::MemoryView(_)), _) | (_, Some(Payload::MemoryView(_))) => None,
        (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => {
            if x.len() != y.len() {
                return Some(false);
            }
            if depth >= NATIVE_EQ_DEPTH {
                return None;
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !native_eq_nested(p, q, depth + 1)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        (Some(Payload::FrozenSet(_) | Payload::Set(_)), _)
        | (_, Some(Payload::FrozenSet(_) | Payload::Set(_))) => None,
        (Some(Payload::List(_) | Payload::Dict(_)), _) => None,
        (Some(_), Some(_)) => {
            // Different built-in kinds (or objects compared by identity).
            let ka = std::mem::discriminant(a.payload()?);
            let kb = std::mem::discriminant(b.payload()?);
            if ka != kb {
                Some(false)
            } else {
                match a.payload()? {
                    Payload::BoundMethod(x) => {
                        let Some(Payload::BoundMethod(y)) = b.payload() else {
                            return Some(false);
                        };
                        // The same function bound to the same object; other
                        // callables wrapped as methods compare by their __eq__.
                        let plain = |f: &Value| {
                            matches!(
                                f.payload(),
                                Some(Payload::Function(_) | Payload::Builtin(_))
                            )
                        };
                        if !(plain(&x.func) && plain(&y.func)) {
                            return None;
                        }
                        Some(x.receiver.is(&y.receiver) && x.func.is(&y.func))
                    }
                    Payload::Builtin(x) => {
                        let Some(Payload::Builtin(y)) = b.payload() else {
                            return Some(false);
                        };
                        Some(same_builtin_method(x, y))
                    }
                    Payload::Instance
                    | Payload::Function(_)
                    | Payload::Type(_)
                    | Payload::Module(_)
                    | Payload::NotImplemented
                    | Payload::Ellipsis => Some(false),
                    _ => None,
                }
            }
        }
        _ => Some(false),
    }
}

/// Two built-in methods bound to the same object (`x.append == x.append`).
fn same_builtin_method(
    x: &crate::object::function::Builtin,
    y: &crate::object::function::Builtin,
) -> bool {
    let same_owner = match (&x.owner, &y.owner) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    x.kind != BuiltinKind::Function
        && x.kind == y.kind
        && x.name == y.name
        && same_owner
        && matches!((&x.receiver, &y.receiver), (Some(a), Some(b)) if a.is(b))
}

/// `a == b` as a bool.
pub fn eq(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = native_eq(a, b) {
        return Ok(r);
    }
    let result = rich_compare(vm, a, b, CompareOp::Eq)?;
    truthy(vm, &result)
}

/// `a op b` (the result of `__eq__` etc. need not be a bool).
pub fn rich_compare(vm: &Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(Value::Bool(op.holds(x.cmp(y))));
    }
    if !is_user_typed(a) && !is_user_typed(b) {
        if let Some(result) = native_compare(vm, a, b, op)? {
            return Ok(result);
        }
    }
    // Like CPython's PyObject_RichCompare, a comparison that dispatches to
    // the operands' methods is one level of recursion.
    vm.recursing(" in comparison", || compare_by_methods(vm, a, b, op))
}

/// `a op b` by `__eq__`/`__lt__`/... and their reflections.
fn compare_by_methods(vm: &Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let mut checked_reflected = false;
    if !Rc::ptr_eq(&ta, &tb) && is_subtype(&tb, &ta) {
        if let Some(method) = lookup(&tb, op.swapped().dunder()) {
            checked_reflected = true;
            let result = call_descriptor_method(vm, &method, b, a)?;
            if !is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    if let Some(method) = lookup(&ta, op.dunder()) {
        let result = call_descriptor_method(vm, &method, a, b)?;
        if !is_not_implemented(&result) {
            return Ok(result);
        }
    }
    if !checked_reflected {
        if let Some(method) = lookup(&tb, op.swapped().dunder()) {
            let result = call_descriptor_method(vm, &method, b, a)?;
            if !is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    match op {
        CompareOp::Eq => Ok(Value::Bool(a.is(b))),
        CompareOp::Ne => Ok(Value::Bool(!a.is(b))),
        _ => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            vm.type_name(a),
            vm.type_name(b)
        ))),
    }
}

/// Comparison of built-in values; `None` when the protocol must decide.
fn native_compare(vm: &Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Option<Value>> {
    if let Some(ord) = crate::numeric::compare(a, b) {
        return Ok(Some(Value::Bool(op.holds(ord))));
    }
    if matches!(op, CompareOp::Eq | CompareOp::Ne) {
        if let Some(eq) = crate::numeric::equal(a, b) {
            return Ok(Some(Value::Bool(eq == (op == CompareOp::Eq))));
        }
        // NaN: numbers that do not order are unequal.
        if crate::numeric::Num::of(a).is_some() && crate::numeric::Num::of(b).is_some() {
            return Ok(Some(Value::Bool(op == CompareOp::Ne)));
        }
    }
    // A NaN is neither less nor greater than any real number.
    let is_real = |v: &Value| {
        matches!(
            crate::numeric::Num::of(v),
            Some(
                crate::numeric::Num::Int(_)
                    | crate::numeric::Num::Big(_)
                    | crate::numeric::Num::Float(_)
            )
        )
    };
    if is_real(a) && is_real(b) {
        return Ok(Some(Value::Bool(false)));
    }
    match (a.payload(), b.payload()) {
        (Some(Payload::Str(x)), Some(Payload::Str(y))) => {
            Ok(Some(Value::Bool(op.holds(x.as_str().cmp(y.as_str())))))
        }
        (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => {
            Ok(Some(Value::Bool(op.holds(x.cmp(y)))))
        }
        (
            Some(Payload::Bytes(_) | Payload::ByteArray(_)),
            Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)),
        ) => {
            use crate::object::bytes_methods::buffer;
            match (buffer(a), buffer(b)) {
                (Some(x), Some(y)) => Ok(Some(Value::Bool(op.holds(x.cmp(&y))))),
                _ => Ok(None),
            }
        }
        (Some(Payload::List(x)), Some(Payload::List(y))) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            sequence_compare(vm, &x, &y, op).map(Some)
        }
        (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => {
            sequence_compare(vm, x, y, op).map(Some)
        }
        // Slices compare as the tuples (start, stop, step).
        (Some(Payload::Slice(x)), Some(Payload::Slice(y))) => {
            let (x, y) = (x.to_vec(), y.to_vec());
            sequence_compare(vm, &x, &y, op).map(Some)
        }
        // Cells compare by their contents; an empty cell comes first.
        (Some(Payload::Cell(x)), Some(Payload::Cell(y))) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            match (x, y) {
                (Some(x), Some(y)) => rich_compare(vm, &x, &y, op).map(Some),
                (x, y) => Ok(Some(Value::Bool(op.holds(x.is_some().cmp(&y.is_some()))))),
            }
        }
        (Some(Payload::Dict(_)), Some(Payload::Dict(_)))
            if matches!(op, CompareOp::Eq | CompareOp::Ne) =>
        {
            let equal = dict_eq(vm, a, b)?;
            Ok(Some(Value::Bool(equal == (op == CompareOp::Eq))))
        }
        (
            Some(Payload::Set(_) | Payload::FrozenSet(_)),
            Some(Payload::Set(_) | Payload::FrozenSet(_)),
        ) => crate::object::set::compare(vm, a, b, op).map(Some),
        (Some(Payload::Iter(_)), _) | (_, Some(Payload::Iter(_))) => {
            // Keys and items views compare like sets with sets and views.
            let x = crate::object::iter::view_as_set(vm, a)?;
            let y = crate::object::iter::view_as_set(vm, b)?;
            let is_set =
                |v: &Value| matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)));
            match (x, y) {
                (Some(x), Some(y)) => crate::object::set::compare(vm, &x, &y, op).map(Some),
                (Some(x), None) if is_set(b) => {
                    crate::object::set::compare(vm, &x, b, op).map(Some)
                }
                (None, Some(y)) if is_set(a) => {
                    crate::object::set::compare(vm, a, &y, op).map(Some)
                }
                _ => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// Lexicographic comparison of two sequences (CPython's list/tuple rule: find
/// the first unequal pair by `==`, then compare it with `op`).
fn sequence_compare(vm: &Vm, x: &[Value], y: &[Value], op: CompareOp) -> PyResult<Value> {
    vm.recursing(" in comparison", || {
        for (p, q) in x.iter().zip(y.iter()) {
            if !eq(vm, p, q)? {
                return match op {
                    CompareOp::Eq => Ok(Value::Bool(false)),
                    CompareOp::Ne => Ok(Value::Bool(true)),
                    _ => rich_compare(vm, p, q, op),
                };
            }
        }
        Ok(Value::Bool(op.holds(x.len().cmp(&y.len()))))
    })
}

/// `a < b` as a bool, for sorting.
pub fn less_than(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => {
            if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
                if !is_user_typed(a) && !is_user_typed(b) {
                    return Ok(x < y);
                }
            }
            let r = rich_compare(vm, a, b, CompareOp::Lt)?;
            truthy(vm, &r)
        }
    }
}

/// `x in container`.
pub fn contains(vm: &Vm, container: &Value, x: &Value) -> PyResult<bool> {
    if !is_user_typed(container) {
        match container.payload() {
            Some(Payload::Str(s)) => {
                let Some(sub) = x.as_str() else {
                    return Err(vm.type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        vm.type_name(x)
                    )));
                };
                return Ok(s.as_str().contains(sub));
            }
            Some(Payload::List(items)) => {
                let snapshot = items.borrow().clone();
                for item in &snapshot {
                    if eq(vm, item, x)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Some(Payload::Tuple(items)) => {
                for item in items.iter() {
                    if eq(vm, item, x)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Some(Payload::Dict(_)) => return Ok(dict_get(vm, container, x)?.is_some()),
            Some(Payload::Set(_) | Payload::FrozenSet(_)) => {
                return crate::object::set::contains(vm, container, x)
            }
            Some(Payload::Range(r)) => return r.contains(vm, x),
            Some(Payload::Bytes(b)) => return crate::object::bytes::contains(vm, b, x),
            Some(Payload::ByteArray(b)) => {
                let data = b.data.borrow().clone();
                return crate::object::bytes::contains(vm, &data, x);
            }
            _ => {}
        }
    }
    if special_is_none(vm, container, "__contains__") {
        return Err(vm.type_error(format!(
            "'{}' object is not a container",
            vm.type_name(container)
        )));
    }
    if let Some(result) = call_special(vm, container, "__contains__", std::slice::from_ref(x))? {
        return truthy(vm, &result);
    }
    // Fall back to iteration.
    let it = iter(vm, container).map_err(|_| {
        vm.type_error(format!(
            "argument of type '{}' is not iterable",
            vm.type_name(container)
        ))
    })?;
    while let Some(item) = next(vm, &it)? {
        if eq(vm, &item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ----- truth, hash, repr ------------------------------------------------------------

pub fn truthy(vm: &Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::None => Ok(false),
        Value::Bool(b) => Ok(*b),
        Value::Int(i) => Ok(*i != 0),
        Value::Float(f) => Ok(*f != 0.0),
        Value::Obj(o) => {
            if !is_user_typed(v) {
                match &o.payload {
                    Payload::Str(s) => return Ok(!s.is_empty()),
                    Payload::List(l) => return Ok(!l.borrow().is_empty()),
                    Payload::Tuple(t) => return Ok(!t.is_empty()),
                    Payload::Dict(d) => return Ok(!d.borrow().is_empty()),
                    Payload::Set(s) => return Ok(!s.borrow().is_empty()),
                    Payload::FrozenSet(s) => return Ok(!s.borrow().is_empty()),
                    Payload::Int(i) => return Ok(i.sign() != num_bigint::Sign::NoSign),
                    Payload::Float(f) => return Ok(*f != 0.0),
                    Payload::Complex(re, im) => return Ok(*re != 0.0 || *im != 0.0),
                    Payload::Bytes(b) => return Ok(!b.is_empty()),
                    Payload::ByteArray(b) => return Ok(!b.data.borrow().is_empty()),
                    Payload::Range(r) => return Ok(!r.is_empty()),
                    Payload::Iter(it) => {
                        if let Some(len) = it.borrow().view_len() {
                            return Ok(len != 0);
                        }
                        return Ok(true);
                    }
                    _ => {
                        if !matches!(o.payload, Payload::Instance) {
                            return Ok(true);
                        }
                    }
                }
            }
            if let Some(result) = call_special_set(vm, v, "__bool__", &[])? {
                return match result {
                    Value::Bool(b) => Ok(b),
                    other => Err(vm.type_error(format!(
                        "__bool__ should return bool, returned {}",
                        vm.type_name(&other)
                    ))),
                };
            }
            if let Some(result) = call_special_set(vm, v, "__len__", &[])? {
                let n = length_value(vm, &result)?;
                if n < 0 {
                    return Err(vm.value_error("__len__() should return >= 0"));
                }
                return Ok(n != 0);
            }
            Ok(true)
        }
    }
}

pub fn identity_hash(v: &Value) -> i64 {
    match v {
        Value::Obj(o) => {
            let addr = Rc::as_ptr(o) as usize;
            (addr >> 4 | addr << (usize::BITS - 4)) as i64
        }
        _ => 0,
    }
}

/// `hash(v)`.
pub fn hash(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::None => Ok(0x4e6f6e65),
        Value::Bool(b) => Ok(*b as i64),
        Value::Int(i) => Ok(crate::object::int::hash_i64(*i)),
        Value::Float(f) => Ok(crate::numeric::hash_float(*f)),
        Value::Obj(o) => {
            if !is_user_typed(v) {
                match &o.payload {
                    Payload::Str(s) => return Ok(s.hash()),
                    Payload::Int(i) => return Ok(crate::object::int::hash_bigint(i)),
                    Payload::Float(f) => return Ok(crate::numeric::hash_float(*f)),
                    Payload::Tuple(items) => return tuple_hash(vm, items),
                    Payload::Bytes(b) => {
                        return Ok(crate::object::str::hash_str(&String::from_utf8_lossy(b)))
                    }
                    Payload::FrozenSet(s) => return Ok(crate::object::set::frozenset_hash(s)),
                    // Equal ranges (the same items) hash alike: the length,
                    // then the first item and the step only where they matter.
                    Payload::Range(r) => {
                        let len = r.len();
                        let key = match len {
                            0 => [Value::Int(0), Value::None, Value::None],
                            1 => [Value::from(1usize), Value::Int(r.start), Value::None],
                            _ => [Value::from(len), Value::Int(r.start), Value::Int(r.step)],
                        };
                        return tuple_hash(vm, &key);
                    }
                    Payload::Complex(re, im) => {
                        let h = crate::numeric::hash_float(*re)
                            .wrapping_add(1000003i64.wrapping_mul(crate::numeric::hash_float(*im)));
                        return Ok(if h == -1 { -2 } else { h });
                    }
                    Payload::List(_)
                    | Payload::ByteArray(_)
                    | Payload::Dict(_)
                    | Payload::Set(_)
                    | Payload::Slice(_)
                    | Payload::Cell(_) => {
                        return Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))))
                    }
                    // Key and item views compare like sets: unhashable.
                    Payload::Iter(it)
                        if matches!(
                            &*it.borrow(),
                            crate::object::iter::Iter::DictView {
                                kind: crate::object::iter::DictIterKind::Keys
                                    | crate::object::iter::DictIterKind::Items,
                                ..
                            }
                        ) =>
                    {
                        return Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))))
                    }
                    // Equal methods (the same function bound to the same
                    // object) hash alike, as CPython's do.
                    Payload::BoundMethod(m) => {
                        let h = identity_hash(&m.receiver) ^ hash(vm, &m.func)?;
                        return Ok(if h == -1 { -2 } else { h });
                    }
                    Payload::Builtin(b) if b.kind != BuiltinKind::Function => {
                        if let Some(receiver) = &b.receiver {
                            let h = identity_hash(receiver) ^ crate::object::str::hash_str(b.name);
                            return Ok(if h == -1 { -2 } else { h });
                        }
                        return Ok(identity_hash(v));
                    }
                    Payload::GenericAlias(_)
                    | Payload::Union(_)
                    | Payload::Code(_)
                    | Payload::MemoryView(_) => {
                        let method = lookup(&vm.type_of(v), "__hash__").unwrap_or(Value::None);
                        let h = call_unbound(vm, &method, std::slice::from_ref(v))?;
                        return Ok(h.as_i64().unwrap_or(0));
                    }
                    _ => return Ok(identity_hash(v)),
                }
            }
            let t = vm.type_of(v);
            match lookup(&t, "__hash__") {
                Some(Value::None) => {
                    Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))))
                }
                Some(method) => {
                    let result = call_unbound(vm, &method, std::slice::from_ref(v))?;
                    match result.as_bigint() {
                        Some(i) => {
                            let h = match num_traits::ToPrimitive::to_i64(&i) {
                                Some(h) => h,
                                None => crate::object::int::hash_bigint(&i),
                            };
                            Ok(if h == -1 { -2 } else { h })
                        }
                        None => Err(vm.type_error("__hash__ method should return an integer")),
                    }
                }
                None => Ok(identity_hash(v)),
            }
        }
    }
}

fn tuple_hash(vm: &Vm, items: &[Value]) -> PyResult<i64> {
    // CPython's tuple hash recurses without counting a level.
    vm.check_stack()?;
    tuple_hash_items(vm, items)
}

fn tuple_hash_items(vm: &Vm, items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for item in items {
        let lane = hash(vm, item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// `<__main__.C object at 0x...>`.
pub fn default_repr(vm: &Vm, v: &Value) -> String {
    let t = vm.type_of(v);
    let module = type_module(&t);
    let qualname = typ::type_qualname(&t);
    let addr = match v {
        Value::Obj(o) => Rc::as_ptr(o) as usize,
        _ => 0,
    };
    if module == "builtins" {
        format!("<{qualname} object at {addr:#x}>")
    } else {
        format!("<{module}.{qualname} object at {addr:#x}>")
    }
}

/// The `__module__` of a type.
pub fn type_module(t: &ObjRef) -> String {
    match t.as_type() {
        Some(data) if data.is_heap => t
            .dict
            .as_ref()
            .and_then(|d| match &d.payload {
                Payload::Dict(d) => d.borrow().get_str("__module__"),
                _ => None,
            })
            .and_then(|m| m.as_str().map(str::to_string))
            .unwrap_or_else(|| "builtins".to_string()),
        Some(data) => data.module.get().to_string(),
        None => "builtins".to_string(),
    }
}

pub fn repr_type(vm: &Vm, v: &Value) -> String {
    let Value::Obj(t) = v else {
        return default_repr(vm, v);
    };
    let module = type_module(t);
    let qualname = typ::type_qualname(t);
    if module == "builtins" {
        format!("<class '{qualname}'>")
    } else {
        format!("<class '{module}.{qualname}'>")
    }
}

/// `repr(v)`.
pub fn repr(vm: &Vm, v: &Value) -> PyResult<String> {
    if !is_user_typed(v) {
        if let Some(s) = crate::repr::repr_builtin(vm, v)? {
            return Ok(s);
        }
    }
    let result = vm.recursing(" while getting the repr of an object", || {
        call_special(vm, v, "__repr__", &[])
    });
    match result? {
        Some(r) => match r.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!(
                "__repr__ returned non-string (type {})",
                vm.type_name(&r)
            ))),
        },
        None => Ok(default_repr(vm, v)),
    }
}

/// `str(v)`.
pub fn str_of(vm: &Vm, v: &Value) -> PyResult<String> {
    if let Some(Payload::Str(s)) = v.payload() {
        if !is_user_typed(v) {
            return Ok(s.as_str().to_string());
        }
    }
    if !is_user_typed(v) {
        match v {
            Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => {
                return crate::object::exception::exception_str(vm, v);
            }
            Value::Obj(_) => {}
            _ => return repr(vm, v),
        }
        if !matches!(v.payload(), Some(Payload::Instance)) {
            return repr(vm, v);
        }
    }
    let result = vm.recursing(" while getting the str of an object", || {
        call_special(vm, v, "__str__", &[])
    });
    match result? {
        Some(r) => match r.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!(
                "__str__ returned non-string (type {})",
                vm.type_name(&r)
            ))),
        },
        None => repr(vm, v),
    }
}

pub fn expect_str(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))))
}

/// An integer argument (via `__index__`).
pub fn index_value(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => num_traits::ToPrimitive::to_i64(&index_bigint(vm, v)?).ok_or_else(|| {
            vm.new_error(
                vm.types.exception("OverflowError"),
                "Python int too large to convert to C ssize_t".to_string(),
            )
        }),
    }
}

/// What `__len__` returned, as a length (CPython's message when it is too
/// big for one).
pub fn length_value(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => num_traits::ToPrimitive::to_i64(&index_bigint(vm, v)?).ok_or_else(|| {
            vm.overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(v)
            ))
        }),
    }
}

/// An integer argument of any size: an int, or what `__index__` returns.
pub fn index_bigint(vm: &Vm, v: &Value) -> PyResult<num_bigint::BigInt> {
    if let Some(i) = v.as_bigint() {
        return Ok(i);
    }
    if let Some(result) = call_special(vm, v, "__index__", &[])? {
        return result.as_bigint().ok_or_else(|| {
            vm.type_error(format!(
                "__index__ returned non-int (type {})",
                vm.type_name(&result)
            ))
        });
    }
    Err(vm.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name(v)
    )))
}

// ----- attributes -------------------------------------------------------------------

/// Sets an attribute directly in a type's (or module's) dict.
pub fn set_attr_in_dict(vm: &Vm, obj: &ObjRef, name: &str, value: Value) {
    if let Some(dict) = &obj.dict {
        if let Payload::Dict(d) = &dict.payload {
            d.borrow_mut().insert_str_key(vm.intern(name), value);
        }
    }
}

pub(crate) fn dict_of(obj: &Object) -> Option<&std::cell::RefCell<crate::object::dict::Dict>> {
    match &obj.dict.as_ref()?.payload {
        Payload::Dict(d) => Some(d),
        _ => None,
    }
}

/// Is this a data descriptor (defines `__set__` or `__delete__`)?
pub(crate) fn is_data_descriptor(vm: &Vm, v: &Value) -> bool {
    match v.payload() {
        Some(Payload::Property(_)) => true,
        Some(_) if is_user_typed(v) => {
            let t = vm.type_of(v);
            lookup(&t, "__set__").is_some() || lookup(&t, "__delete__").is_some()
        }
        _ => false,
    }
}

/// A data descriptor that also reads: it takes precedence over the instance
/// dict on lookup. (One with `__set__` but no `__get__` does not: the
/// instance's value wins, else the descriptor itself is the attribute.)
fn is_reading_data_descriptor(vm: &Vm, v: &Value) -> bool {
    is_data_descriptor(vm, v) && (!is_user_typed(v) || lookup(&vm.type_of(v), "__get__").is_some())
}

/// `descr.__get__(obj, objtype)` for whatever `descr` is.
pub fn descriptor_get(
    vm: &Vm,
    descr: &Value,
    obj: Option<&Value>,
    objtype: Option<&Value>,
) -> PyResult<Value> {
    let class_of = || match (objtype, obj) {
        (Some(t), _) => t.clone(),
        (None, Some(o)) => Value::Obj(vm.type_of(o)),
        (None, None) => Value::None,
    };
    match descr.payload() {
        Some(Payload::Function(_)) => match obj {
            Some(o) => Ok(crate::object::function::new_bound_method(
                descr.clone(),
                o.clone(),
            )),
            None => Ok(descr.clone()),
        },
        Some(Payload::Builtin(b)) => match b.kind {
            BuiltinKind::Method => match obj {
                Some(o) => Ok(crate::object::function::new_bound_method(
                    descr.clone(),
                    o.clone(),
                )),
                None => Ok(descr.clone()),
            },
            BuiltinKind::ClassMethod => Ok(crate::object::function::new_bound_method(
                descr.clone(),
                class_of(),
            )),
            BuiltinKind::Function => Ok(descr.clone()),
        },
        Some(Payload::ClassMethod(f)) => {
            let class = class_of();
            // What it wraps binds to the class by its own __get__ (so that a
            // classmethod over a property gives the property's value).
            if !matches!(
                f.payload(),
                Some(Payload::Function(_) | Payload::Builtin(_))
            ) {
                if let Some(get) = lookup(&vm.type_of(f), "__get__") {
                    return call_unbound(vm, &get, &[f.clone(), class.clone(), class]);
                }
            }
            Ok(crate::object::function::new_bound_method(f.clone(), class))
        }
        Some(Payload::StaticMethod(f)) => Ok(f.clone()),
        Some(Payload::Property(p))
            if !is_user_typed(descr)
                || lookup(&vm.type_of(descr), "__get__")
                    .is_some_and(|g| matches!(g.payload(), Some(Payload::Builtin(_)))) =>
        {
            let Some(obj) = obj else {
                return Ok(descr.clone());
            };
            let fget = p.fget.borrow().clone();
            if fget.is_none() {
                return Err(vm.attribute_error(format!(
                    "{} of '{}' object has no getter",
                    p.describe(),
                    vm.type_name(obj)
                )));
            }
            call(vm, &fget, Args::positional(std::slice::from_ref(obj)))
        }
        Some(_) if is_user_typed(descr) => {
            let t = vm.type_of(descr);
            match lookup(&t, "__get__") {
                Some(get) => {
                    let owner = class_of();
                    let instance = obj.cloned().unwrap_or(Value::None);
                    call_unbound(vm, &get, &[descr.clone(), instance, owner])
                }
                None => Ok(descr.clone()),
            }
        }
        _ => Ok(descr.clone()),
    }
}

/// `obj.name`, raising AttributeError when missing. For classes defined in
/// Python this is `__getattribute__` (usually the generic lookup) and, when
/// that raises AttributeError, `__getattr__`.
pub fn getattr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let t = vm.type_of(obj);
    if !t.as_type().is_some_and(|d| d.is_heap) {
        return generic_getattr_opt(vm, obj, &t, name)?.ok_or_else(|| no_attribute(vm, obj, name));
    }
    let first = match lookup(&t, "__getattribute__") {
        Some(ga) if !matches!(ga.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object)) => {
            call_unbound(vm, &ga, &[obj.clone(), vm.intern(name)])
        }
        _ => generic_getattr_opt(vm, obj, &t, name)
            .and_then(|found| found.ok_or_else(|| no_attribute(vm, obj, name))),
    };
    match first {
        Err(e) if vm.err_matches(&e, &vm.types.attribute_error) => {
            match lookup(&t, "__getattr__") {
                Some(hook) => call_unbound(vm, &hook, &[obj.clone(), vm.intern(name)]),
                None => Err(e),
            }
        }
        other => other,
    }
}

pub fn no_attribute(vm: &Vm, obj: &Value, name: &str) -> PyErr {
    let err = no_attribute_message(vm, obj, name);
    set_attr_in_dict(vm, &err.0, "name", vm.intern(name));
    set_attr_in_dict(vm, &err.0, "obj", obj.clone());
    err
}

fn no_attribute_message(vm: &Vm, obj: &Value, name: &str) -> PyErr {
    match obj.payload() {
        Some(Payload::Module(m)) => {
            vm.attribute_error(format!("module '{}' has no attribute '{name}'", m.name))
        }
        Some(Payload::Type(t)) => vm.attribute_error(format!(
            "type object '{}' has no attribute '{name}'",
            t.name
        )),
        _ => vm.attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            vm.type_name(obj)
        )),
    }
}

/// `obj.name`, or `None` when it raises AttributeError (other errors
/// propagate).
pub fn getattr_opt(vm: &Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    let t = vm.type_of(obj);
    if !t.as_type().is_some_and(|d| d.is_heap) {
        return generic_getattr_opt(vm, obj, &t, name);
    }
    match getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, &vm.types.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `object.__getattribute__`.
pub fn generic_getattr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let t = vm.type_of(obj);
    match generic_getattr_opt(vm, obj, &t, name)? {
        Some(v) => Ok(v),
        // The error names the function a method forwards to.
        None => match obj.payload() {
            Some(Payload::BoundMethod(m)) => getattr(vm, &m.func, name),
            _ => Err(no_attribute(vm, obj, name)),
        },
    }
}

fn generic_getattr_opt(vm: &Vm, obj: &Value, t: &ObjRef, name: &str) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = obj {
        if let Payload::Type(_) = &o.payload {
            return type_getattr(vm, o, name);
        }
        if let Payload::Super(s) = &o.payload {
            return super_getattr(vm, s, obj, name);
        }
        if let Payload::Module(_) = &o.payload {
            if let Some(v) = dict_of(o).and_then(|d| d.borrow().get_str(name)) {
                return Ok(Some(v));
            }
        }
    }
    let class_attr = lookup(t, name);
    if let Some(descr) = &class_attr {
        if is_reading_data_descriptor(vm, descr) {
            return descriptor_get(vm, descr, Some(obj), None).map(Some);
        }
    }
    if let Some(v) = crate::attrs::builtin_attr(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Value::Obj(o) = obj {
        if let Some(d) = dict_of(o) {
            if let Some(v) = d.borrow().get_str(name) {
                return Ok(Some(v));
            }
        }
    }
    match class_attr {
        Some(descr) => descriptor_get(vm, &descr, Some(obj), None).map(Some),
        // A bound method has the attributes of its function too (`m.__code__`,
        // `m.__defaults__`, attributes set on the function).
        None => match obj.payload() {
            Some(Payload::BoundMethod(m)) => getattr_opt(vm, &m.func, name),
            _ => Ok(None),
        },
    }
}

/// Attribute lookup on a class: the metaclass's data descriptors, then the
/// class's own MRO (binding descriptors to the class), then the metaclass.
fn type_getattr(vm: &Vm, cls: &ObjRef, name: &str) -> PyResult<Option<Value>> {
    let meta = vm.type_of_obj(cls);
    let meta_attr = lookup(&meta, name);
    if let Some(descr) = &meta_attr {
        if is_reading_data_descriptor(vm, descr) {
            return descriptor_get(vm, descr, Some(&Value::Obj(cls.clone())), None).map(Some);
        }
    }
    if let Some(v) = crate::attrs::builtin_attr(vm, &Value::Obj(cls.clone()), name)? {
        return Ok(Some(v));
    }
    if let Some(attr) = lookup(cls, name) {
        let owner = Value::Obj(cls.clone());
        return match attr.payload() {
            Some(Payload::Function(_)) => Ok(Some(attr)),
            Some(Payload::Builtin(b)) if b.kind == BuiltinKind::Method => Ok(Some(attr)),
            _ => descriptor_get(vm, &attr, None, Some(&owner)).map(Some),
        };
    }
    match meta_attr {
        Some(descr) => descriptor_get(vm, &descr, Some(&Value::Obj(cls.clone())), None).map(Some),
        None => Ok(None),
    }
}

fn super_getattr(vm: &Vm, s: &typ::Super, sup: &Value, name: &str) -> PyResult<Option<Value>> {
    if name != "__class__" {
        let mro = s
            .obj_type
            .as_type()
            .map(|t| t.mro.borrow().clone())
            .unwrap_or_default();
        let start = mro
            .iter()
            .position(|c| Rc::ptr_eq(c, &s.this))
            .map_or(mro.len(), |i| i + 1);
        for class in &mro[start..] {
            if let Some(v) = dict_of(class).and_then(|d| d.borrow().get_str(name)) {
                let unbound = s.obj.is_none()
                    || matches!(&s.obj, Value::Obj(o) if Rc::ptr_eq(o, &s.obj_type));
                let obj = if unbound { None } else { Some(&s.obj) };
                let owner = Value::Obj(s.obj_type.clone());
                return descriptor_get(vm, &v, obj, Some(&owner)).map(Some);
            }
        }
    }
    let t = vm.type_of(sup);
    match lookup(&t, name) {
        Some(descr) => descriptor_get(vm, &descr, Some(sup), None).map(Some),
        // `__self__`, `__thisclass__`, `__self_class__`.
        None => crate::attrs::builtin_attr(vm, sup, name),
    }
}

/// `LOAD_METHOD`: for a method found on the type (a Python function or a
/// built-in method) and not shadowed in the instance, the unbound method and
/// the receiver, so that the call needs no bound-method object; otherwise
/// NULL (None) and the attribute.
pub fn load_method(vm: &Vm, obj: &Value, name: &Value) -> PyResult<(Value, Value)> {
    let name_str = name.as_str().unwrap_or("");
    let t = vm.type_of(obj);
    let plain = match obj {
        Value::Obj(o) => !matches!(
            o.payload,
            Payload::Type(_) | Payload::Module(_) | Payload::Super(_)
        ),
        _ => true,
    };
    let custom_getattribute = t.as_type().is_some_and(|d| d.is_heap)
        && lookup(&t, "__getattribute__").is_some_and(
            |ga| !matches!(ga.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object)),
        );
    if plain && !custom_getattribute {
        if let Some(descr) = lookup(&t, name_str) {
            let is_method = match descr.payload() {
                Some(Payload::Function(_)) => true,
                Some(Payload::Builtin(b)) => b.kind == BuiltinKind::Method,
                _ => false,
            };
            if is_method {
                let shadowed = match obj {
                    Value::Obj(o) => {
                        dict_of(o).is_some_and(|d| d.borrow().get_name(name).is_some())
                    }
                    _ => false,
                };
                if !shadowed {
                    return Ok((descr, obj.clone()));
                }
            }
        }
    }
    Ok((Value::None, getattr(vm, obj, name_str)?))
}

/// `obj.name = value` (or `del obj.name` when `value` is None).
pub fn setattr(vm: &Vm, obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let t = vm.type_of(obj);
    if t.as_type().is_some_and(|d| d.is_heap) {
        let hook = if value.is_some() {
            "__setattr__"
        } else {
            "__delattr__"
        };
        if let Some(method) = lookup(&t, hook) {
            let is_default = matches!(method.payload(), Some(Payload::Builtin(b))
                if b.owner_is(&vm.types.object) || b.owner_is(&vm.types.type_));
            if !is_default {
                let mut args = vec![obj.clone(), vm.intern(name)];
                args.extend(value);
                call_unbound(vm, &method, &args)?;
                return Ok(());
            }
        }
    }
    generic_setattr(vm, obj, name, value)
}

/// `object.__setattr__` / `object.__delattr__`.
pub fn generic_setattr(vm: &Vm, obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let t = vm.type_of(obj);
    if let Some(descr) = lookup(&t, name) {
        if is_data_descriptor(vm, &descr) {
            return descriptor_set(vm, &descr, obj, value);
        }
    }
    if crate::attrs::set_builtin_attr(vm, obj, name, &value)? {
        return Ok(());
    }
    let Value::Obj(o) = obj else {
        return Err(readonly_attr(vm, obj, name));
    };
    if let Payload::Type(data) = &o.payload {
        if !data.is_heap {
            return Err(vm.type_error(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                data.name
            )));
        }
        if name == "__del__" {
            crate::object::note_finalizers_possible();
        }
    }
    if let Some(slots) = t.as_type().and_then(|d| d.slots.as_ref()) {
        if !slots.iter().any(|s| s == name) {
            return Err(vm.attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                vm.type_name(obj)
            )));
        }
    }
    match dict_of(o) {
        Some(d) => {
            let mut d = d.borrow_mut();
            match value {
                Some(v) => d.insert_str_key(vm.intern(name), v),
                None => {
                    let hash = crate::object::str::hash_str(name);
                    match d.index_of_str(name, hash) {
                        Some(i) => {
                            d.remove_at(i);
                        }
                        None => {
                            drop(d);
                            return Err(no_attribute(vm, obj, name));
                        }
                    }
                }
            }
            Ok(())
        }
        None => Err(readonly_attr(vm, obj, name)),
    }
}

fn readonly_attr(vm: &Vm, obj: &Value, name: &str) -> PyErr {
    if let Some(err) = crate::attrs::not_writable(vm, obj, name) {
        return err;
    }
    let t = vm.type_of(obj);
    if lookup(&t, name).is_some() {
        return vm.attribute_error(format!(
            "'{}' object attribute '{name}' is read-only",
            vm.type_name(obj)
        ));
    }
    vm.attribute_error(format!(
        "'{}' object has no attribute '{name}'",
        vm.type_name(obj)
    ))
}

fn descriptor_set(vm: &Vm, descr: &Value, obj: &Value, value: Option<Value>) -> PyResult<()> {
    if let Some(Payload::Property(p)) = descr.payload() {
        let f = if value.is_some() {
            p.fset.borrow().clone()
        } else {
            p.fdel.borrow().clone()
        };
        if f.is_none() {
            let what = if value.is_some() { "setter" } else { "deleter" };
            return Err(vm.attribute_error(format!(
                "{} of '{}' object has no {what}",
                p.describe(),
                vm.type_name(obj)
            )));
        }
        let mut args = vec![obj.clone()];
        args.extend(value);
        call(vm, &f, Args::positional(&args))?;
        return Ok(());
    }
    let t = vm.type_of(descr);
    let (hook, args) = match value {
        Some(v) => ("__set__", vec![descr.clone(), obj.clone(), v]),
        None => ("__delete__", vec![descr.clone(), obj.clone()]),
    };
    match lookup(&t, hook) {
        Some(method) => {
            call_unbound(vm, &method, &args)?;
            Ok(())
        }
        None => Err(vm.attribute_error(format!("__{}__", &hook[2..hook.len() - 2]))),
    }
}

/// Like `call_special`, but a method set to None is called too (and fails
/// with "'NoneType' object is not callable", as CPython's slots do for
/// `__bool__ = None` or `__len__ = None`).
pub fn call_special_set(
    vm: &Vm,
    obj: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let t = vm.type_of(obj);
    let Some(method) = lookup(&t, name) else {
        return Ok(None);
    };
    if method.is_none() {
        return Err(not_callable(vm, &method));
    }
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(obj.clone());
    all.extend_from_slice(args);
    call_unbound(vm, &method, &all).map(Some)
}

/// Whether `type(obj)` sets the special method `name` to None (which turns
/// its protocol off: `__iter__ = None` makes instances not iterable).
pub fn special_is_none(vm: &Vm, obj: &Value, name: &str) -> bool {
    lookup(&vm.type_of(obj), name).is_some_and(|m| m.is_none())
}

/// Looks up and calls `type(obj).name(obj, *args)`; `None` if the type has no
/// such method.
pub fn call_special(vm: &Vm, obj: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let t = vm.type_of(obj);
    let Some(method) = lookup(&t, name) else {
        return Ok(None);
    };
    if method.is_none() {
        return Ok(None);
    }
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(obj.clone());
    all.extend_from_slice(args);
    call_unbound(vm, &method, &all).map(Some)
}

// ----- calls ------------------------------------------------------------------------

/// `f(*args, **kwargs)`.
pub fn call(vm: &Vm, f: &Value, args: Args) -> PyResult<Value> {
    let Value::Obj(obj) = f else {
        return Err(not_callable(vm, f));
    };
    match &obj.payload {
        Payload::Function(_) => crate::interp::call_function(vm, obj, args),
        Payload::Builtin(b) => {
            let result = match &b.receiver {
                Some(receiver) if b.kind != BuiltinKind::Function => {
                    let pos = with_first(receiver.clone(), args.pos);
                    (b.func)(vm, Args { pos: &pos, ..args })
                }
                _ => (b.func)(vm, args),
            };
            result.map_err(|e| qualify_call_error(vm, b, e))
        }
        Payload::BoundMethod(m) => {
            let pos = with_first(m.receiver.clone(), args.pos);
            call(vm, &m.func, Args { pos: &pos, ..args })
        }
        Payload::Type(_) => call_type(vm, f, args),
        _ => {
            let t = vm.type_of(f);
            match lookup(&t, "__call__") {
                // CPython counts calling an object through its type's
                // `__call__` as one level of recursion.
                Some(method) => vm.recursing(" while calling a Python object", || {
                    let pos = with_first(f.clone(), args.pos);
                    match method.payload() {
                        Some(Payload::Function(_) | Payload::Builtin(_)) => {
                            call(vm, &method, Args { pos: &pos, ..args })
                        }
                        _ => {
                            let bound = descriptor_get(vm, &method, Some(f), None)?;
                            call(vm, &bound, args)
                        }
                    }
                }),
                None => Err(not_callable(vm, f)),
            }
        }
    }
}

/// CPython names methods of built-in types by their qualified name in
/// argument errors (`list.pop() takes no keyword arguments`); the native
/// functions report the bare name, which is qualified here when the error
/// comes straight from the call (it has no traceback yet).
pub(crate) fn qualify_call_error(
    vm: &Vm,
    b: &crate::object::function::Builtin,
    err: PyErr,
) -> PyErr {
    let Some(owner) = &b.owner else {
        return err;
    };
    if b.kind == BuiltinKind::Function || !vm.err_matches(&err, &vm.types.type_error) {
        return err;
    }
    let Payload::Exception(data) = &err.0.payload else {
        return err;
    };
    let mut data = data.borrow_mut();
    if !data.traceback.is_none() || data.args.len() != 1 {
        drop(data);
        return err;
    }
    let prefix = format!("{}() takes ", b.name);
    // Only the one-argument and no-argument calling conventions are
    // qualified; argument-clinic messages keep the bare name.
    let qualifies = |rest: &str| {
        [
            "no arguments",
            "exactly one argument",
            "no keyword arguments",
        ]
        .iter()
        .any(|form| rest.starts_with(form))
    };
    let message = data.args[0].as_str().and_then(|m| m.strip_prefix(&prefix));
    if let Some(rest) = message.filter(|rest| qualifies(rest)) {
        let qualified = format!("{}.{}() takes {rest}", typ::type_name(owner), b.name);
        data.args[0] = Value::from_string(qualified);
    }
    drop(data);
    err
}

pub fn call0(vm: &Vm, f: &Value) -> PyResult<Value> {
    call(vm, f, Args::positional(&[]))
}

pub fn call1(vm: &Vm, f: &Value, a: Value) -> PyResult<Value> {
    call(vm, f, Args::positional(&[a]))
}

fn not_callable(vm: &Vm, f: &Value) -> PyErr {
    vm.type_error(format!("'{}' object is not callable", vm.type_name(f)))
}

/// Calling a class: `type(cls).__call__`, which by default runs `__new__` and
/// then `__init__`.
pub fn call_type(vm: &Vm, cls: &Value, args: Args) -> PyResult<Value> {
    let Value::Obj(class) = cls else {
        return Err(not_callable(vm, cls));
    };
    let meta = vm.type_of_obj(class);
    if !Rc::ptr_eq(&meta, &vm.types.type_) {
        if let Some(method) = lookup(&meta, "__call__") {
            let is_default = matches!(method.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.type_));
            if !is_default {
                let pos = with_first(cls.clone(), args.pos);
                return call(vm, &method, Args { pos: &pos, ..args });
            }
        }
    }
    type_call(vm, cls, args)
}

/// `type.__call__(cls, ...)`: `__new__`, then `__init__` if the result is an
/// instance of `cls`.
pub fn type_call(vm: &Vm, cls: &Value, args: Args) -> PyResult<Value> {
    let Value::Obj(class) = cls else {
        return Err(not_callable(vm, cls));
    };
    if Rc::ptr_eq(class, &vm.types.type_) && args.pos.len() == 1 && args.kw_names.is_empty() {
        return Ok(Value::Obj(vm.type_of(&args.pos[0])));
    }
    match typ::call_plan(vm, class) {
        // The usual Python class: object's `__new__`, a Python `__init__`.
        typ::CallPlan::PythonInit(init) => {
            let obj = typ::new_instance(vm, class)?;
            let pos = with_first(obj.clone(), args.pos);
            let result = call(vm, &init, Args { pos: &pos, ..args })?;
            return init_result(vm, result).map(|()| obj);
        }
        // A built-in type: its `__new__`, and its own `__init__` if it has
        // one, when the result is an instance of the type itself (a subclass
        // instance takes the general path's `__init__` lookup).
        typ::CallPlan::Native { new, init } => {
            let mut pos = with_first(cls.clone(), args.pos);
            let obj = call(vm, &new, Args { pos: &pos, ..args })?;
            let exact = Rc::ptr_eq(&vm.type_of(&obj), class);
            if exact || !vm.is_instance(&obj, class) {
                if let (true, Some(init)) = (exact, init) {
                    pos[0] = obj.clone();
                    init_result(vm, call(vm, &init, Args { pos: &pos, ..args })?)?;
                }
                return Ok(obj);
            }
            return finish_instance(vm, class, &new, obj, pos, args);
        }
        typ::CallPlan::General => {}
    }
    let new = lookup(class, "__new__").ok_or_else(|| {
        vm.type_error(format!(
            "cannot create '{}' instances",
            typ::type_name(class)
        ))
    })?;
    let new = match new.payload() {
        Some(Payload::StaticMethod(f)) => f.clone(),
        _ => new,
    };
    let pos = with_first(cls.clone(), args.pos);
    let obj = call(vm, &new, Args { pos: &pos, ..args })?;
    if !vm.is_instance(&obj, class) {
        return Ok(obj);
    }
    finish_instance(vm, class, &new, obj, pos, args)
}

/// `type.__call__` once `__new__` made `obj`, an instance of `class`: its
/// type's `__init__`, with `pos` the call's positional arguments after a
/// first slot for the instance.
fn finish_instance(
    vm: &Vm,
    class: &ObjRef,
    new: &Value,
    obj: Value,
    mut pos: Vec<Value>,
    args: Args,
) -> PyResult<Value> {
    let obj_type = vm.type_of(&obj);
    if let Some(init) = lookup(&obj_type, "__init__") {
        let is_default =
            matches!(init.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object));
        // object's `__init__` ignores the arguments of a class whose
        // `__new__` is its own; only a class written in Python could make
        // calling it observable (by overriding `__init__` in a subclass, which
        // is then not the default), so built-in types like `range` skip it.
        let builtin_new = !class.as_type().is_some_and(|t| t.is_heap)
            && !matches!(new.payload(), Some(Payload::Builtin(b)) if b.owner_is(&vm.types.object));
        let no_args = args.pos.is_empty() && args.kw_names.is_empty();
        if !is_default || !(no_args || builtin_new) {
            pos[0] = obj.clone();
            let result = match init.payload() {
                Some(Payload::Function(_) | Payload::Builtin(_)) => {
                    call(vm, &init, Args { pos: &pos, ..args })?
                }
                _ => {
                    let bound = descriptor_get(vm, &init, Some(&obj), None)?;
                    call(vm, &bound, args)?
                }
            };
            init_result(vm, result)?;
        }
    }
    Ok(obj)
}

/// `first`, then `rest`: the arguments of a call that puts a receiver or a
/// class before the caller's.
fn with_first(first: Value, rest: &[Value]) -> Vec<Value> {
    let mut all = Vec::with_capacity(rest.len() + 1);
    all.push(first);
    all.extend_from_slice(rest);
    all
}

/// Checks what `__init__` returned.
pub(crate) fn init_result(vm: &Vm, result: Value) -> PyResult<()> {
    if result.is_none() {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "__init__() should return None, not '{}'",
        vm.type_name(&result)
    )))
}

// ----- items ------------------------------------------------------------------------

/// Resolves an index against a length (negative counts from the end).
pub fn normalize_index(vm: &Vm, index: &Value, len: usize, what: &str) -> PyResult<usize> {
    index_in(vm, index, len, what, || {
        format!("{what} index out of range")
    })
}

/// `normalize_index` with the two messages given apart (bytes say "byte
/// indices must be integers" but plain "index out of range").
pub fn item_index(
    vm: &Vm,
    index: &Value,
    len: usize,
    what: &str,
    out_of_range: &str,
) -> PyResult<usize> {
    index_in(vm, index, len, what, || out_of_range.to_string())
}

/// `item_index` with the out-of-range message made only when it is needed
/// (indexing is hot; the message is not).
fn index_in(
    vm: &Vm,
    index: &Value,
    len: usize,
    what: &str,
    out_of_range: impl FnOnce() -> String,
) -> PyResult<usize> {
    let i = match index {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => item_index_of(vm, index, what)?,
    };
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(vm.index_error(out_of_range()));
    }
    Ok(j as usize)
}

/// An index that is not an int: what its `__index__` gives, when it fits.
#[cold]
fn item_index_of(vm: &Vm, index: &Value, what: &str) -> PyResult<i64> {
    let indexable = index.as_bigint().is_some()
        || crate::object::typ::lookup(&vm.type_of(index), "__index__").is_some();
    if !indexable {
        return Err(vm.type_error(if what == "string" {
            format!(
                "string indices must be integers, not '{}'",
                vm.type_name(index)
            )
        } else {
            format!(
                "{what} indices must be integers or slices, not {}",
                vm.type_name(index)
            )
        }));
    }
    num_traits::ToPrimitive::to_i64(&index_bigint(vm, index)?).ok_or_else(|| {
        vm.index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            vm.type_name(index)
        ))
    })
}

/// `obj[index]`.
pub fn getitem(vm: &Vm, obj: &Value, index: &Value) -> PyResult<Value> {
    if !is_user_typed(obj) {
        if let Some(v) = getitem_builtin(vm, obj, index)? {
            return Ok(v);
        }
    }
    if let Some(result) = call_special(vm, obj, "__getitem__", std::slice::from_ref(index))? {
        return Ok(result);
    }
    // `type[args]` (generic alias) for classes with __class_getitem__.
    if let Value::Obj(o) = obj {
        if o.as_type().is_some() {
            if let Some(hook) = lookup(o, "__class_getitem__") {
                let bound = descriptor_get(vm, &hook, None, Some(obj))?;
                return call1(vm, &bound, index.clone());
            }
            return Err(vm.type_error(format!("type '{}' is not subscriptable", typ::type_name(o))));
        }
    }
    Err(vm.type_error(format!(
        "'{}' object is not subscriptable",
        vm.type_name(obj)
    )))
}

/// Indexing of the built-in sequences and mappings by their data (also for
/// instances of subclasses, whose inherited `__getitem__` lands here);
/// `None` for other objects.
pub fn getitem_builtin(vm: &Vm, obj: &Value, index: &Value) -> PyResult<Option<Value>> {
    let slice = match index.payload() {
        Some(Payload::Slice(s)) => Some(s),
        _ => None,
    };
    let value = match obj.payload() {
        Some(Payload::List(items)) => {
            let items = items.borrow();
            match slice {
                Some(s) => {
                    let picked = crate::object::list::slice_indices(vm, s, items.len())?
                        .into_iter()
                        .map(|i| items[i].clone())
                        .collect();
                    crate::object::list::new_list(picked)
                }
                None => items[normalize_index(vm, index, items.len(), "list")?].clone(),
            }
        }
        Some(Payload::Tuple(items)) => match slice {
            Some(s) => {
                let picked = crate::object::list::slice_indices(vm, s, items.len())?
                    .into_iter()
                    .map(|i| items[i].clone())
                    .collect();
                crate::object::tuple::new_tuple(picked)
            }
            None => items[normalize_index(vm, index, items.len(), "tuple")?].clone(),
        },
        Some(Payload::Str(s)) => match slice {
            Some(sl) => Value::from_string(crate::object::list::slice_str(vm, s, sl)?),
            None => {
                let i = normalize_index(vm, index, s.len(), "string")?;
                vm.char_str(s.char_at(i))
            }
        },
        Some(Payload::Dict(_)) => dict_getitem(vm, obj, index)?,
        Some(Payload::Range(r)) => r.getitem(vm, index)?,
        Some(Payload::Bytes(b)) => match slice {
            Some(s) => {
                let picked: Vec<u8> = crate::object::list::slice_indices(vm, s, b.len())?
                    .into_iter()
                    .map(|i| b[i])
                    .collect();
                Value::Obj(Object::new(Payload::Bytes(picked.into_boxed_slice())))
            }
            None => {
                Value::Int(b[item_index(vm, index, b.len(), "byte", "index out of range")?] as i64)
            }
        },
        Some(Payload::ByteArray(b)) => {
            let data = b.data.borrow();
            match slice {
                Some(s) => {
                    let picked: Vec<u8> = crate::object::list::slice_indices(vm, s, data.len())?
                        .into_iter()
                        .map(|i| data[i])
                        .collect();
                    crate::object::bytearray::new_bytearray(picked)
                }
                None => {
                    Value::Int(data[normalize_index(vm, index, data.len(), "bytearray")?] as i64)
                }
            }
        }
        Some(Payload::MemoryView(m)) => crate::object::memoryview::getitem(vm, m, index)?,
        _ => return Ok(None),
    };
    Ok(Some(value))
}

/// `obj[index] = value`.
pub fn setitem(vm: &Vm, obj: &Value, index: Value, value: Value) -> PyResult<()> {
    if !is_user_typed(obj) {
        match obj.payload() {
            Some(Payload::ByteArray(b)) => {
                return crate::object::bytearray::setitem(vm, b, &index, &value)
            }
            Some(Payload::MemoryView(m)) => {
                return crate::object::memoryview::setitem(vm, m, &index, &value)
            }
            Some(Payload::List(items)) => {
                if let Some(Payload::Slice(s)) = index.payload() {
                    return crate::object::list::set_slice(vm, items, s, &value);
                }
                let len = items.borrow().len();
                let i = normalize_index(vm, &index, len, "list assignment")?;
                items.borrow_mut()[i] = value;
                return Ok(());
            }
            Some(Payload::Dict(_)) => return dict_set(vm, obj, index, value),
            _ => {}
        }
    }
    if call_special(vm, obj, "__setitem__", &[index, value])?.is_some() {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "'{}' object does not support item assignment",
        vm.type_name(obj)
    )))
}

/// `del obj[index]`.
pub fn delitem(vm: &Vm, obj: &Value, index: &Value) -> PyResult<()> {
    if !is_user_typed(obj) {
        match obj.payload() {
            Some(Payload::ByteArray(b)) => return crate::object::bytearray::delitem(vm, b, index),
            Some(Payload::List(items)) => {
                if let Some(Payload::Slice(s)) = index.payload() {
                    let len = items.borrow().len();
                    let mut doomed = crate::object::list::slice_indices(vm, s, len)?;
                    doomed.sort_unstable();
                    doomed.dedup();
                    let mut items = items.borrow_mut();
                    for i in doomed.into_iter().rev() {
                        items.remove(i);
                    }
                    return Ok(());
                }
                let len = items.borrow().len();
                let i = normalize_index(vm, index, len, "list assignment")?;
                items.borrow_mut().remove(i);
                return Ok(());
            }
            Some(Payload::Dict(_)) => {
                return match dict_pop(vm, obj, index)? {
                    Some(_) => Ok(()),
                    None => Err(vm.key_error(index.clone())),
                }
            }
            _ => {}
        }
    }
    if call_special(vm, obj, "__delitem__", std::slice::from_ref(index))?.is_some() {
        return Ok(());
    }
    // (CPython words it one way for containers, another for the rest.)
    let container = lookup(&vm.type_of(obj), "__getitem__").is_some();
    Err(vm.type_error(format!(
        "'{}' object {} support item deletion",
        vm.type_name(obj),
        if container { "doesn't" } else { "does not" }
    )))
}

// ----- dicts --------------------------------------------------------------------------

fn dict_cell<'a>(
    vm: &Vm,
    d: &'a Value,
) -> PyResult<&'a std::cell::RefCell<crate::object::dict::Dict>> {
    match d.payload() {
        Some(Payload::Dict(cell)) => Ok(cell),
        _ => Err(vm.type_error(format!("expected a dict, got {}", vm.type_name(d)))),
    }
}

/// Finds a key's entry, running Python `__eq__` outside the borrow and
/// restarting if the dict changed meanwhile.
fn dict_find(
    vm: &Vm,
    cell: &std::cell::RefCell<crate::object::dict::Dict>,
    key: &Value,
    hash: i64,
) -> PyResult<Option<usize>> {
    use crate::object::dict::Probe;
    loop {
        let (probe, version) = {
            let d = cell.borrow();
            (d.probe(hash, key), d.version)
        };
        match probe {
            Probe::Found(i) => return Ok(Some(i)),
            Probe::Missing => return Ok(None),
            Probe::Undecided(candidates) => {
                let mut restart = false;
                for (index, candidate) in candidates {
                    let equal = eq(vm, &candidate, key)?;
                    if cell.borrow().version != version {
                        restart = true;
                        break;
                    }
                    if equal {
                        return Ok(Some(index));
                    }
                }
                if !restart {
                    return Ok(None);
                }
            }
        }
    }
}

pub fn dict_get(vm: &Vm, d: &Value, key: &Value) -> PyResult<Option<Value>> {
    let cell = dict_cell(vm, d)?;
    if let Some(s) = key.as_str() {
        if !is_user_typed(key) {
            return Ok(cell.borrow().get_str(s));
        }
    }
    let h = hash(vm, key)?;
    let found = dict_find(vm, cell, key, h)?;
    Ok(found.and_then(|i| cell.borrow().entry(i).map(|e| e.value.clone())))
}

/// `d[key]` with `__missing__` for dict subclasses.
pub fn dict_getitem(vm: &Vm, d: &Value, key: &Value) -> PyResult<Value> {
    if let Some(v) = dict_get(vm, d, key)? {
        return Ok(v);
    }
    if is_user_typed(d) {
        if let Some(v) = call_special(vm, d, "__missing__", std::slice::from_ref(key))? {
            return Ok(v);
        }
    }
    Err(vm.key_error(key.clone()))
}

pub fn dict_set(vm: &Vm, d: &Value, key: Value, value: Value) -> PyResult<()> {
    let cell = dict_cell(vm, d)?;
    if key.as_str().is_some() && !is_user_typed(&key) {
        cell.borrow_mut().insert_str_key(key, value);
        return Ok(());
    }
    let h = hash(vm, &key)?;
    match dict_find(vm, cell, &key, h)? {
        Some(i) => cell.borrow_mut().set_value(i, value),
        None => cell.borrow_mut().insert_new(h, key, value),
    }
    Ok(())
}

pub fn dict_pop(vm: &Vm, d: &Value, key: &Value) -> PyResult<Option<Value>> {
    let cell = dict_cell(vm, d)?;
    let h = hash(vm, key)?;
    match dict_find(vm, cell, key, h)? {
        Some(i) => Ok(cell.borrow_mut().remove_at(i).map(|e| e.value)),
        None => Ok(None),
    }
}

pub fn dict_eq(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let (x, y) = (dict_cell(vm, a)?, dict_cell(vm, b)?);
    if x.borrow().len() != y.borrow().len() {
        return Ok(false);
    }
    let items = x.borrow().items();
    for (k, v) in items {
        match dict_get(vm, b, &k)? {
            Some(other) => {
                if !eq(vm, &v, &other)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// `d.update(source)`: a mapping (with `keys`) or an iterable of pairs.
pub fn dict_update_from(vm: &Vm, d: &Value, source: &Value) -> PyResult<()> {
    if let Some(Payload::Dict(src)) = source.payload() {
        if !is_user_typed(source) {
            let items = src.borrow().items();
            for (k, v) in items {
                dict_set(vm, d, k, v)?;
            }
            return Ok(());
        }
    }
    if let Some(keys) = getattr_opt(vm, source, "keys")? {
        let keys = call0(vm, &keys)?;
        for k in collect_iterable(vm, &keys)? {
            let v = getitem(vm, source, &k)?;
            dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    for (i, item) in collect_iterable(vm, source)?.into_iter().enumerate() {
        let pair = collect_iterable(vm, &item).map_err(|_| {
            vm.type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            ))
        })?;
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        let (k, v) = (
            pair.next().unwrap_or(Value::None),
            pair.next().unwrap_or(Value::None),
        );
        dict_set(vm, d, k, v)?;
    }
    Ok(())
}

// ----- iteration ----------------------------------------------------------------------

/// `iter(v)`.
pub fn iter(vm: &Vm, v: &Value) -> PyResult<Value> {
    if !is_user_typed(v) {
        if let Some(it) = crate::object::iter::builtin_iter(v)? {
            return Ok(it);
        }
    }
    if special_is_none(vm, v, "__iter__") {
        return Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v))));
    }
    if let Some(it) = call_special(vm, v, "__iter__", &[])? {
        let t = vm.type_of(&it);
        if lookup(&t, "__next__").is_none()
            && !matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
        {
            return Err(vm.type_error(format!(
                "iter() returned non-iterator of type '{}'",
                vm.type_name(&it)
            )));
        }
        return Ok(it);
    }
    if lookup(&vm.type_of(v), "__getitem__").is_some() {
        return Ok(crate::object::iter::sequence_iter(v.clone()));
    }
    Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v))))
}

/// `next(it)`: `Some(item)`, or `None` when exhausted (StopIteration is consumed).
pub fn next(vm: &Vm, it: &Value) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = it {
        match &o.payload {
            Payload::Iter(state) if !is_user_typed(it) => {
                return crate::object::iter::next_builtin(vm, state);
            }
            Payload::Generator(_) => return crate::object::generator::next(vm, it),
            _ => {}
        }
    }
    match call_special(vm, it, "__next__", &[]) {
        Ok(Some(v)) => Ok(Some(v)),
        Ok(None) => Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it)))),
        Err(e) if vm.err_matches(&e, &vm.types.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// All the items of an iterable.
pub fn collect_iterable(vm: &Vm, v: &Value) -> PyResult<Vec<Value>> {
    if !is_user_typed(v) {
        match v.payload() {
            Some(Payload::List(items)) => return Ok(items.borrow().clone()),
            Some(Payload::Tuple(items)) => return Ok(items.to_vec()),
            _ => {}
        }
    }
    let it = iter(vm, v)?;
    let mut out = Vec::new();
    // Like CPython, allocate what the iterator says it will produce up front:
    // an impossible size is a MemoryError, not a long loop.
    if let Some(Payload::Iter(state)) = it.payload() {
        if let Some(n) = state.borrow().length_hint() {
            vm.reserve(&mut out, n)?;
        }
    }
    while let Some(item) = next(vm, &it)? {
        out.push(item);
    }
    Ok(out)
}

// ----- special-method wrappers of the built-in types ----------------------------------------

/// 1 for ints (and bools), 2 for floats, 3 for complex numbers, 0 for the rest.
fn numeric_rank(v: &Value) -> u8 {
    match v {
        Value::Int(_) | Value::Bool(_) => 1,
        Value::Float(_) => 2,
        Value::Obj(o) => match &o.payload {
            Payload::Int(_) => 1,
            Payload::Float(_) => 2,
            Payload::Complex(..) => 3,
            _ => 0,
        },
        Value::None => 0,
    }
}

macro_rules! numeric_wrappers {
    ($( $name:literal => $op:ident, $reflected:expr; )*) => {
        /// The native function behind `int.__add__` etc.: the built-in operator,
        /// NotImplemented for other operand types.
        pub fn numeric_dunder(name: &str) -> NativeFn {
            match name {
                $( $name => |vm, args| {
                    let [a, b] = args.exact::<2>(vm, $name)?;
                    if numeric_rank(b) > numeric_rank(a) && numeric_rank(a) > 0 {
                        // int's methods know only ints, float's ints and floats.
                        return Ok(not_implemented(vm));
                    }
                    if $reflected {
                        binary_op_native(vm, BinaryOp::$op, b, a)
                    } else {
                        binary_op_native(vm, BinaryOp::$op, a, b)
                    }
                }, )*
                "__divmod__" => |vm, args| {
                    let [a, b] = args.exact::<2>(vm, "__divmod__")?;
                    if numeric_rank(b) > numeric_rank(a) && numeric_rank(a) > 0 {
                        return Ok(not_implemented(vm));
                    }
                    crate::builtins::divmod_native(vm, a, b)
                },
                _ => |vm, args| {
                    let [a, b] = args.exact::<2>(vm, "__rdivmod__")?;
                    if numeric_rank(b) > numeric_rank(a) && numeric_rank(a) > 0 {
                        return Ok(not_implemented(vm));
                    }
                    crate::builtins::divmod_native(vm, b, a)
                },
            }
        }
    };
}

numeric_wrappers! {
    "__add__" => Add, false;
    "__radd__" => Add, true;
    "__sub__" => Sub, false;
    "__rsub__" => Sub, true;
    "__mul__" => Mul, false;
    "__rmul__" => Mul, true;
    "__truediv__" => TrueDiv, false;
    "__rtruediv__" => TrueDiv, true;
    "__floordiv__" => FloorDiv, false;
    "__rfloordiv__" => FloorDiv, true;
    "__mod__" => Mod, false;
    "__rmod__" => Mod, true;
    "__pow__" => Pow, false;
    "__rpow__" => Pow, true;
    "__lshift__" => LShift, false;
    "__rlshift__" => LShift, true;
    "__rshift__" => RShift, false;
    "__rrshift__" => RShift, true;
    "__and__" => And, false;
    "__rand__" => And, true;
    "__or__" => Or, false;
    "__ror__" => Or, true;
    "__xor__" => Xor, false;
    "__rxor__" => Xor, true;
}

/// The native function behind `int.__lt__` etc.
pub fn compare_dunder(name: &str) -> NativeFn {
    fn run(vm: &Vm, args: Args, op: CompareOp) -> PyResult<Value> {
        let [a, b] = args.exact::<2>(vm, op.dunder())?;
        Ok(native_compare(vm, a, b, op)?.unwrap_or_else(|| not_implemented(vm)))
    }
    match name {
        "__eq__" => |vm, a| run(vm, a, CompareOp::Eq),
        "__ne__" => |vm, a| run(vm, a, CompareOp::Ne),
        "__lt__" => |vm, a| run(vm, a, CompareOp::Lt),
        "__le__" => |vm, a| run(vm, a, CompareOp::Le),
        "__gt__" => |vm, a| run(vm, a, CompareOp::Gt),
        _ => |vm, a| run(vm, a, CompareOp::Ge),
    }
}

/// The native function behind `int.__neg__` etc.
pub fn unary_dunder(name: &str) -> NativeFn {
    fn run(vm: &Vm, args: Args, op: &str) -> PyResult<Value> {
        let [a] = args.exact::<1>(vm, "unary operator")?;
        Ok(crate::numeric::unary(vm, op, a)?.unwrap_or_else(|| not_implemented(vm)))
    }
    match name {
        "__neg__" => |vm, a| run(vm, a, "-"),
        "__pos__" => |vm, a| run(vm, a, "+"),
        "__invert__" => |vm, a| run(vm, a, "~"),
        _ => |vm, a| run(vm, a, "abs"),
    }
}
