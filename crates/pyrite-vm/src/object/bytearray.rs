//! `bytearray`: a mutable byte string. The methods it shares with `bytes`
//! are in `bytes_methods`; here are construction and mutation.
//!
//! While a memoryview looks at a bytearray (`exports` > 0), its size is
//! fixed: anything that would move or resize the bytes raises BufferError, as
//! in CPython, so a view never sees freed memory.

use std::cell::{Cell, RefCell};

use super::bytes_methods::buffer;
use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub struct ByteArray {
    pub data: RefCell<Vec<u8>>,
    /// How many unreleased memoryviews look at the bytes.
    pub exports: Cell<usize>,
}

impl ByteArray {
    pub fn new(data: Vec<u8>) -> ByteArray {
        ByteArray {
            data: RefCell::new(data),
            exports: Cell::new(0),
        }
    }
}

pub fn new_bytearray(data: Vec<u8>) -> Value {
    Value::Obj(Object::new(Payload::ByteArray(Box::new(ByteArray::new(
        data,
    )))))
}

fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a ByteArray> {
    match v.payload() {
        Some(Payload::ByteArray(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'bytearray' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// Fails when the size may not change (a memoryview is looking).
fn check_resizable(vm: &Vm, b: &ByteArray) -> PyResult<()> {
    if b.exports.get() > 0 {
        return Err(vm.new_error(
            vm.types.exception("BufferError"),
            "Existing exports of data: object cannot be re-sized".to_string(),
        ));
    }
    Ok(())
}

fn byte_of(vm: &Vm, v: &Value) -> PyResult<u8> {
    let i = ops::index_value(vm, v)?;
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// The bytes an iterable of ints stands for (each in range(256)).
fn bytes_of_ints(vm: &Vm, iterable: &Value) -> PyResult<Vec<u8>> {
    let it = ops::iter(vm, iterable)?;
    let mut out = Vec::new();
    while let Some(item) = ops::next(vm, &it)? {
        out.push(byte_of(vm, &item)?);
    }
    Ok(out)
}

/// `bytearray.__new__`: an empty bytearray of the class; `__init__` fills it.
fn bytearray_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (cls, _) = args.split_first(vm, "bytearray.__new__")?;
    let payload = Payload::ByteArray(Box::new(ByteArray::new(Vec::new())));
    match &cls {
        Value::Obj(c) if std::rc::Rc::ptr_eq(c, &vm.types.bytearray) => {
            Ok(Value::Obj(Object::new(payload)))
        }
        Value::Obj(c) if c.as_type().is_some() => {
            let dict = c
                .as_type()
                .is_some_and(|t| t.has_instance_dict)
                .then(super::new_dict_object);
            Ok(Value::Obj(Object::with_class(payload, c.clone(), dict)))
        }
        _ => Err(vm.type_error("bytearray.__new__(X): X is not a type object")),
    }
}

fn bytearray_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (me, rest) = args.split_first(vm, "bytearray.__init__")?;
    let b = this(vm, &me, "__init__")?;
    rest.only_kwargs(vm, "bytearray", &["source", "encoding", "errors"])?;
    if rest.pos.len() + rest.kw_names.len() > 3 {
        return Err(vm.type_error(format!(
            "bytearray() takes at most 3 arguments ({} given)",
            rest.pos.len() + rest.kw_names.len()
        )));
    }
    let source = rest.pos.first().or_else(|| rest.kwarg("source"));
    let encoding = rest.pos.get(1).or_else(|| rest.kwarg("encoding"));
    let errors = rest.pos.get(2).or_else(|| rest.kwarg("errors"));
    let data = crate::object::bytes::from_source(vm, source, encoding, errors, "bytearray")?;
    check_resizable(vm, b)?;
    *b.data.borrow_mut() = data;
    Ok(Value::None)
}

/// `b[index] = value` for a bytearray.
pub fn setitem(vm: &Vm, b: &ByteArray, index: &Value, value: &Value) -> PyResult<()> {
    let len = b.data.borrow().len();
    let Some(Payload::Slice(slice)) = index.payload() else {
        let i = ops::normalize_index(vm, index, len, "bytearray")?;
        let byte = byte_of(vm, value)?;
        b.data.borrow_mut()[i] = byte;
        return Ok(());
    };
    let new = match buffer(value) {
        Some(data) => data.to_vec(),
        None if value.is_int() || value.as_str().is_some() => {
            return Err(vm.type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ))
        }
        None => bytes_of_ints(vm, value)?,
    };
    let (start, stop, step) = crate::object::list::slice_bounds(vm, slice, len)?;
    if step == 1 {
        let start = start as usize;
        let stop = (stop.max(start as i64)) as usize;
        if stop - start != new.len() {
            check_resizable(vm, b)?;
        }
        b.data.borrow_mut().splice(start..stop, new);
        return Ok(());
    }
    let indices = crate::object::list::slice_indices(vm, slice, len)?;
    if indices.len() != new.len() {
        return Err(vm.value_error(format!(
            "attempt to assign bytes of size {} to extended slice of size {}",
            new.len(),
            indices.len()
        )));
    }
    let mut data = b.data.borrow_mut();
    for (i, x) in indices.into_iter().zip(new) {
        data[i] = x;
    }
    Ok(())
}

/// `del b[index]` for a bytearray.
pub fn delitem(vm: &Vm, b: &ByteArray, index: &Value) -> PyResult<()> {
    let len = b.data.borrow().len();
    let mut doomed = match index.payload() {
        Some(Payload::Slice(slice)) => crate::object::list::slice_indices(vm, slice, len)?,
        _ => vec![ops::normalize_index(vm, index, len, "bytearray")?],
    };
    if doomed.is_empty() {
        return Ok(());
    }
    check_resizable(vm, b)?;
    doomed.sort_unstable();
    let mut data = b.data.borrow_mut();
    let mut next = doomed.iter().peekable();
    let mut i = 0;
    data.retain(|_| {
        let keep = next.peek() != Some(&&i);
        if !keep {
            next.next();
        }
        i += 1;
        keep
    });
    Ok(())
}

/// `b += other`: extends in place with any bytes-like object.
pub fn inplace_add(vm: &Vm, b: &ByteArray, other: &Value) -> PyResult<()> {
    let Some(extra) = buffer(other).map(|d| d.to_vec()) else {
        return Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(other))));
    };
    if !extra.is_empty() {
        check_resizable(vm, b)?;
    }
    b.data.borrow_mut().extend_from_slice(&extra);
    Ok(())
}

/// `b *= n`.
pub fn inplace_mul(vm: &Vm, b: &ByteArray, n: &Value) -> PyResult<()> {
    let n = ops::index_value(vm, n).map_err(|_| {
        vm.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(n)
        ))
    })?;
    let copy = b.data.borrow().clone();
    if n == 1 || copy.is_empty() {
        return Ok(());
    }
    check_resizable(vm, b)?;
    if n <= 0 {
        b.data.borrow_mut().clear();
        return Ok(());
    }
    let extra = copy
        .len()
        .checked_mul(n as usize - 1)
        .ok_or_else(|| vm.memory_error())?;
    let mut data = b.data.borrow_mut();
    vm.reserve(&mut data, extra)?;
    for _ in 1..n {
        data.extend_from_slice(&copy);
    }
    Ok(())
}

pub fn register(vm: &Vm) {
    let t = &vm.types.bytearray;
    add_static(vm, t, "__new__", bytearray_new);
    add_method(vm, t, "__init__", bytearray_init);
    ops::set_attr_in_dict(vm, t, "__hash__", Value::None);
    add_method(vm, t, "append", |vm, args| {
        let [b, x] = args.exact::<2>(vm, "append")?;
        let b = this(vm, b, "append")?;
        let byte = byte_of(vm, x)?;
        check_resizable(vm, b)?;
        b.data.borrow_mut().push(byte);
        Ok(Value::None)
    });
    add_method(vm, t, "extend", |vm, args| {
        let [b, source] = args.exact::<2>(vm, "extend")?;
        let b = this(vm, b, "extend")?;
        let extra = match buffer(source) {
            Some(data) => data.to_vec(),
            None => {
                if crate::object::typ::lookup(&vm.type_of(source), "__iter__").is_none()
                    && crate::object::typ::lookup(&vm.type_of(source), "__getitem__").is_none()
                {
                    return Err(vm.type_error(format!(
                        "can't extend bytearray with {}",
                        vm.type_name(source)
                    )));
                }
                bytes_of_ints(vm, source)?
            }
        };
        if !extra.is_empty() {
            check_resizable(vm, b)?;
        }
        b.data.borrow_mut().extend_from_slice(&extra);
        Ok(Value::None)
    });
    add_method(vm, t, "insert", |vm, args| {
        let [b, index, x] = args.exact::<3>(vm, "insert")?;
        let b = this(vm, b, "insert")?;
        let i = ops::index_value(vm, index)?;
        let byte = byte_of(vm, x)?;
        check_resizable(vm, b)?;
        let mut data = b.data.borrow_mut();
        let len = data.len() as i64;
        let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
        data.insert(at as usize, byte);
        Ok(Value::None)
    });
    add_method(vm, t, "pop", |vm, args| {
        let pos = args.count_method(vm, "pop", 1, 2)?;
        let b = this(vm, &pos[0], "pop")?;
        let len = b.data.borrow().len() as i64;
        if len == 0 {
            return Err(vm.index_error("pop from empty bytearray"));
        }
        let i = match pos.get(1) {
            Some(v) => ops::index_value(vm, v)?,
            None => -1,
        };
        let at = if i < 0 { i + len } else { i };
        if !(0..len).contains(&at) {
            return Err(vm.index_error("pop index out of range"));
        }
        check_resizable(vm, b)?;
        Ok(Value::Int(b.data.borrow_mut().remove(at as usize) as i64))
    });
    add_method(vm, t, "remove", |vm, args| {
        let [b, x] = args.exact::<2>(vm, "remove")?;
        let b = this(vm, b, "remove")?;
        let byte = byte_of(vm, x)?;
        let Some(at) = b.data.borrow().iter().position(|&c| c == byte) else {
            return Err(vm.value_error("value not found in bytearray"));
        };
        check_resizable(vm, b)?;
        b.data.borrow_mut().remove(at);
        Ok(Value::None)
    });
    add_method(vm, t, "reverse", |vm, args| {
        let [b] = args.exact::<1>(vm, "reverse")?;
        this(vm, b, "reverse")?.data.borrow_mut().reverse();
        Ok(Value::None)
    });
    add_method(vm, t, "clear", |vm, args| {
        let [b] = args.exact::<1>(vm, "clear")?;
        let b = this(vm, b, "clear")?;
        if !b.data.borrow().is_empty() {
            check_resizable(vm, b)?;
        }
        b.data.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(vm, t, "copy", |vm, args| {
        let [b] = args.exact::<1>(vm, "copy")?;
        Ok(new_bytearray(this(vm, b, "copy")?.data.borrow().clone()))
    });
    add_method(vm, t, "__alloc__", |vm, args| {
        let [b] = args.exact::<1>(vm, "__alloc__")?;
        let data = this(vm, b, "__alloc__")?.data.borrow();
        // CPython counts the trailing NUL it keeps.
        Ok(Value::from(data.capacity().max(data.len()) + 1))
    });
    add_method(vm, t, "__setitem__", |vm, args| {
        let [b, index, value] = args.exact::<3>(vm, "__setitem__")?;
        setitem(vm, this(vm, b, "__setitem__")?, index, value)?;
        Ok(Value::None)
    });
    add_method(vm, t, "__delitem__", |vm, args| {
        let [b, index] = args.exact::<2>(vm, "__delitem__")?;
        delitem(vm, this(vm, b, "__delitem__")?, index)?;
        Ok(Value::None)
    });
    add_method(vm, t, "__iadd__", |vm, args| {
        let [b, other] = args.exact::<2>(vm, "__iadd__")?;
        inplace_add(vm, this(vm, b, "__iadd__")?, other)?;
        Ok(b.clone())
    });
    add_method(vm, t, "__imul__", |vm, args| {
        let [b, n] = args.exact::<2>(vm, "__imul__")?;
        inplace_mul(vm, this(vm, b, "__imul__")?, n)?;
        Ok(b.clone())
    });
}
