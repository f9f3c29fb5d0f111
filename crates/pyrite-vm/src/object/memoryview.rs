//! `memoryview`: a window on the bytes of a bytes or bytearray object, without
//! copying them. One-dimensional views of one-byte items (formats `B`, `b`,
//! `c`), sliced with any step; writable over a bytearray.
//!
//! A view over a bytearray counts as an export of it (`ByteArray::exports`)
//! until it is released (`release()`, the end of a `with` block, or its
//! destruction), and the bytearray cannot change size meanwhile.

use std::cell::{Cell, Ref};

use super::bytes_methods::{buffer, bytes_like, Buf};
use super::{Object, Payload};
use crate::object::function::{add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub struct MemoryView {
    /// The exporter: a bytes or bytearray object.
    pub obj: Value,
    /// The byte offset of the first item, the number of items, and the
    /// distance between items in bytes.
    start: usize,
    len: usize,
    step: isize,
    /// The struct-module format of the items: `B`, `b` or `c`.
    format: u8,
    /// Writes are refused (always, over bytes; after `toreadonly()`).
    readonly: bool,
    released: Cell<bool>,
}

impl MemoryView {
    fn new(obj: Value, start: usize, len: usize, step: isize, format: u8) -> MemoryView {
        if let Some(Payload::ByteArray(b)) = obj.payload() {
            b.exports.set(b.exports.get() + 1);
        }
        MemoryView {
            readonly: !matches!(obj.payload(), Some(Payload::ByteArray(_))),
            obj,
            start,
            len,
            step,
            format,
            released: Cell::new(false),
        }
    }

    /// Another view of the same exporter, as writable as this one.
    fn sub_view(&self, start: usize, len: usize, step: isize, format: u8) -> Value {
        let mut view = MemoryView::new(self.obj.clone(), start, len, step, format);
        view.readonly = self.readonly;
        new_view(view)
    }

    pub fn readonly(&self) -> bool {
        self.readonly
    }

    /// The byte offset of item `i`.
    fn offset(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    /// The bytes the view shows, in order; `None` once released.
    pub fn contents(&self) -> Option<Buf<'_>> {
        if self.released.get() {
            return None;
        }
        let whole = buffer(&self.obj)?;
        if self.step == 1 {
            let end = self.start + self.len;
            return Some(match whole {
                Buf::Slice(s) => Buf::Slice(s.get(self.start..end).unwrap_or(&[])),
                Buf::Shared(r) => {
                    Buf::Shared(Ref::map(r, |s| s.get(self.start..end).unwrap_or(&[])))
                }
                Buf::Owned(v) => Buf::Owned(v.get(self.start..end).unwrap_or(&[]).to_vec()),
            });
        }
        Some(Buf::Owned(
            (0..self.len)
                .filter_map(|i| whole.get(self.offset(i)).copied())
                .collect(),
        ))
    }

    fn release(&self) {
        if !self.released.replace(true) {
            if let Some(Payload::ByteArray(b)) = self.obj.payload() {
                b.exports.set(b.exports.get().saturating_sub(1));
            }
        }
    }

    /// Item `byte` as the format shows it.
    fn item(&self, byte: u8) -> Value {
        match self.format {
            b'b' => Value::Int(byte as i8 as i64),
            b'c' => crate::object::bytes::new_bytes(vec![byte]),
            _ => Value::Int(byte as i64),
        }
    }
}

impl Drop for MemoryView {
    fn drop(&mut self) {
        self.release();
    }
}

fn released_error(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("operation forbidden on released memoryview object")
}

/// The view of a memoryview argument, unreleased.
fn this<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a MemoryView> {
    match v.payload() {
        Some(Payload::MemoryView(m)) if m.released.get() && method != "release" => {
            Err(released_error(vm))
        }
        Some(Payload::MemoryView(m)) => Ok(m),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for 'memoryview' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

fn new_view(view: MemoryView) -> Value {
    Value::Obj(Object::new(Payload::MemoryView(Box::new(view))))
}

/// `memoryview(obj)`.
pub fn memoryview_of(vm: &Vm, obj: &Value) -> PyResult<Value> {
    match obj.payload() {
        Some(Payload::Bytes(b)) => Ok(new_view(MemoryView::new(obj.clone(), 0, b.len(), 1, b'B'))),
        Some(Payload::ByteArray(b)) => {
            let len = b.data.borrow().len();
            Ok(new_view(MemoryView::new(obj.clone(), 0, len, 1, b'B')))
        }
        Some(Payload::MemoryView(m)) => {
            if m.released.get() {
                return Err(released_error(vm));
            }
            Ok(m.sub_view(m.start, m.len, m.step, m.format))
        }
        _ => Err(vm.type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        ))),
    }
}

/// The attributes of a view (`obj`, `nbytes`, `shape`, ...).
pub fn attr(vm: &Vm, m: &MemoryView, name: &str) -> PyResult<Option<Value>> {
    let tuple = crate::object::tuple::new_tuple;
    let known = matches!(
        name,
        "obj"
            | "nbytes"
            | "readonly"
            | "itemsize"
            | "format"
            | "ndim"
            | "shape"
            | "strides"
            | "suboffsets"
            | "c_contiguous"
            | "f_contiguous"
            | "contiguous"
    );
    if !known {
        return Ok(None);
    }
    if m.released.get() {
        return Err(released_error(vm));
    }
    let contiguous = m.step == 1 || m.len <= 1;
    Ok(Some(match name {
        "obj" => m.obj.clone(),
        "nbytes" => Value::from(m.len),
        "readonly" => Value::Bool(m.readonly()),
        "itemsize" => Value::Int(1),
        "format" => Value::from_string((m.format as char).to_string()),
        "ndim" => Value::Int(1),
        "shape" => tuple(vec![Value::from(m.len)]),
        "strides" => tuple(vec![Value::Int(m.step as i64)]),
        "suboffsets" => tuple(Vec::new()),
        _ => Value::Bool(contiguous),
    }))
}

/// `m[index]`: an item, or a view of a slice.
pub fn getitem(vm: &Vm, m: &MemoryView, index: &Value) -> PyResult<Value> {
    if m.released.get() {
        return Err(released_error(vm));
    }
    if let Some(Payload::Slice(slice)) = index.payload() {
        let (start, _, step) = crate::object::list::slice_bounds(vm, slice, m.len)?;
        let count = crate::object::list::slice_indices(vm, slice, m.len)?.len();
        let first = if count == 0 {
            0
        } else {
            m.offset(start as usize)
        };
        return Ok(m.sub_view(first, count, m.step * step as isize, m.format));
    }
    if !index.is_int() && crate::object::typ::lookup(&vm.type_of(index), "__index__").is_none() {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = item_index(vm, m, index)?;
    let data = buffer(&m.obj).ok_or_else(|| released_error(vm))?;
    Ok(m.item(data.get(m.offset(i)).copied().unwrap_or(0)))
}

fn item_index(vm: &Vm, m: &MemoryView, index: &Value) -> PyResult<usize> {
    let i = ops::index_value(vm, index)?;
    let j = if i < 0 { i + m.len as i64 } else { i };
    if j < 0 || j >= m.len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

/// `m[index] = value`, writing through to the bytearray.
pub fn setitem(vm: &Vm, m: &MemoryView, index: &Value, value: &Value) -> PyResult<()> {
    if m.released.get() {
        return Err(released_error(vm));
    }
    let Some(Payload::ByteArray(target)) = m.obj.payload().filter(|_| !m.readonly) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let invalid = || {
        vm.value_error(format!(
            "memoryview: invalid value for format '{}'",
            m.format as char
        ))
    };
    if let Some(Payload::Slice(slice)) = index.payload() {
        let indices = crate::object::list::slice_indices(vm, slice, m.len)?;
        let new = bytes_like(vm, value)?.to_vec();
        if new.len() != indices.len() {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut data = target.data.borrow_mut();
        for (i, b) in indices.into_iter().zip(new) {
            let at = m.offset(i);
            if let Some(slot) = data.get_mut(at) {
                *slot = b;
            }
        }
        return Ok(());
    }
    if !index.is_int() && crate::object::typ::lookup(&vm.type_of(index), "__index__").is_none() {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = item_index(vm, m, index)?;
    let byte = match m.format {
        b'c' => match value.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => b[0],
            _ => return Err(invalid()),
        },
        format => {
            if !value.is_int() {
                return Err(vm.type_error(format!(
                    "memoryview: invalid type for format '{}'",
                    format as char
                )));
            }
            let n = ops::index_value(vm, value).map_err(|_| invalid())?;
            if format == b'b' {
                i8::try_from(n).map_err(|_| invalid())? as u8
            } else {
                u8::try_from(n).map_err(|_| invalid())?
            }
        }
    };
    if let Some(slot) = target.data.borrow_mut().get_mut(m.offset(i)) {
        *slot = byte;
    }
    Ok(())
}

/// `m == other`: equal items, compared as their values.
pub fn equal(vm: &Vm, m: &MemoryView, other: &Value) -> PyResult<Option<bool>> {
    if m.released.get() {
        // A released view equals only itself.
        return Ok(Some(false));
    }
    let Some(theirs) = buffer(other) else {
        return Ok(None);
    };
    let other_format = match other.payload() {
        Some(Payload::MemoryView(o)) => o.format,
        _ => b'B',
    };
    let mine = m.contents().ok_or_else(|| released_error(vm))?;
    if mine.len() != theirs.len() {
        return Ok(Some(false));
    }
    let value = |format: u8, b: u8| match format {
        b'b' => b as i8 as i64,
        b'c' => -1000 - b as i64,
        _ => b as i64,
    };
    Ok(Some(mine.iter().zip(theirs.iter()).all(|(&a, &b)| {
        value(m.format, a) == value(other_format, b)
    })))
}

pub fn register(vm: &Vm) {
    let t = &vm.types.memoryview;
    add_static(vm, t, "__new__", |vm, args| {
        let (_, rest) = args.split_first(vm, "memoryview.__new__")?;
        rest.only_kwargs(vm, "memoryview", &["object"])?;
        match rest.pos.first().or_else(|| rest.kwarg("object")) {
            Some(obj) if rest.pos.len() + rest.kw_names.len() == 1 => memoryview_of(vm, obj),
            Some(_) => Err(vm.type_error(format!(
                "memoryview() takes at most 1 argument ({} given)",
                rest.pos.len() + rest.kw_names.len()
            ))),
            None => Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)")),
        }
    });
    add_method(vm, t, "tobytes", |vm, args| {
        args.only_kwargs(vm, "tobytes", &["order"])?;
        let pos = args.count_kw(vm, "tobytes", 1, 2)?;
        let m = this(vm, &pos[0], "tobytes")?;
        let data = m.contents().ok_or_else(|| released_error(vm))?;
        Ok(crate::object::bytes::new_bytes(data.to_vec()))
    });
    add_method(vm, t, "tolist", |vm, args| {
        let [m] = args.exact::<1>(vm, "tolist")?;
        let m = this(vm, m, "tolist")?;
        let data = m.contents().ok_or_else(|| released_error(vm))?;
        Ok(crate::object::list::new_list(
            data.iter().map(|&b| m.item(b)).collect(),
        ))
    });
    add_method(vm, t, "hex", |vm, args| {
        let m = this(vm, args.pos.first().unwrap_or(&Value::None), "hex")?;
        let data = m.contents().ok_or_else(|| released_error(vm))?;
        super::bytes_methods::hex(vm, &data, &args, 1)
    });
    add_method(vm, t, "release", |vm, args| {
        let [m] = args.exact::<1>(vm, "release")?;
        this(vm, m, "release")?.release();
        Ok(Value::None)
    });
    add_method(vm, t, "toreadonly", |vm, args| {
        let [m] = args.exact::<1>(vm, "toreadonly")?;
        let m = this(vm, m, "toreadonly")?;
        let mut view = MemoryView::new(m.obj.clone(), m.start, m.len, m.step, m.format);
        view.readonly = true;
        Ok(new_view(view))
    });
    add_method(vm, t, "cast", |vm, args| {
        args.only_kwargs(vm, "cast", &["format", "shape"])?;
        let pos = args.count_kw(vm, "cast", 2, 3)?;
        let m = this(vm, &pos[0], "cast")?;
        let format = ops::expect_str(vm, &pos[1], "cast() argument 'format'")?;
        if m.step != 1 && m.len > 1 {
            return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
        }
        let format = match format.as_str() {
            "B" | "b" | "c" => format.as_bytes()[0],
            "@B" | "@b" | "@c" => format.as_bytes()[1],
            other if other.len() == 1 && "hHiIlLqQnNfdP?e".contains(other) => {
                let size = match other {
                    "h" | "H" | "e" => 2,
                    "i" | "I" | "f" => 4,
                    "?" => 1,
                    _ => 8,
                };
                if m.len % size != 0 {
                    return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
                }
                return Err(vm.new_error(
                    vm.types.exception("NotImplementedError"),
                    format!("Pyrite's memoryview.cast() supports one-byte formats only, not '{other}'"),
                ))
            }
            _ => {
                return Err(vm.value_error(
                    "memoryview: destination format must be a native single character format prefixed with an optional '@'",
                ))
            }
        };
        if pos.len() > 2 || args.kwarg("shape").is_some() {
            return Err(vm.new_error(
                vm.types.exception("NotImplementedError"),
                "Pyrite's memoryview.cast() supports one-dimensional views only".to_string(),
            ));
        }
        Ok(m.sub_view(m.start, m.len, 1, format))
    });
    add_method(vm, t, "__enter__", |vm, args| {
        let [m] = args.exact::<1>(vm, "__enter__")?;
        this(vm, m, "__enter__")?;
        Ok(m.clone())
    });
    add_method(vm, t, "__exit__", |vm, args| {
        let m = args.pos.first().unwrap_or(&Value::None);
        this(vm, m, "release")?.release();
        Ok(Value::None)
    });
    add_method(vm, t, "__len__", |vm, args| {
        let [m] = args.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, m, "__len__")?.len))
    });
    add_method(vm, t, "__getitem__", |vm, args| {
        let [m, i] = args.exact::<2>(vm, "__getitem__")?;
        getitem(vm, this(vm, m, "__getitem__")?, i)
    });
    add_method(vm, t, "__setitem__", |vm, args| {
        let [m, i, v] = args.exact::<3>(vm, "__setitem__")?;
        setitem(vm, this(vm, m, "__setitem__")?, i, v)?;
        Ok(Value::None)
    });
    add_method(vm, t, "__iter__", |vm, args| {
        let [m] = args.exact::<1>(vm, "__iter__")?;
        let view = this(vm, m, "__iter__")?;
        let data = view.contents().ok_or_else(|| released_error(vm))?;
        let items = crate::object::list::new_list(data.iter().map(|&b| view.item(b)).collect());
        ops::iter(vm, &items)
    });
    add_method(vm, t, "__repr__", |vm, args| {
        let [m] = args.exact::<1>(vm, "__repr__")?;
        let Some(Payload::MemoryView(view)) = m.payload() else {
            return Err(vm.type_error("descriptor '__repr__' requires a 'memoryview' object"));
        };
        let state = if view.released.get() {
            "released memory"
        } else {
            "memory"
        };
        Ok(Value::from_string(format!(
            "<{state} at {:#x}>",
            crate::repr::address(m)
        )))
    });
    add_method(vm, t, "__hash__", |vm, args| {
        let [m] = args.exact::<1>(vm, "__hash__")?;
        let view = this(vm, m, "__hash__")?;
        if !view.readonly() {
            return Err(vm.value_error("cannot hash writable memoryview object"));
        }
        let data = view.contents().ok_or_else(|| released_error(vm))?.to_vec();
        ops::hash(vm, &crate::object::bytes::new_bytes(data)).map(Value::Int)
    });
    add_method(vm, t, "__eq__", eq_method);
    add_method(vm, t, "__ne__", ne_method);
}

fn compare(vm: &Vm, args: Args, name: &str, want: bool) -> PyResult<Value> {
    let [m, other] = args.exact::<2>(vm, name)?;
    let Some(Payload::MemoryView(view)) = m.payload() else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'memoryview' object"
        )));
    };
    if m.is(other) {
        return Ok(Value::Bool(want));
    }
    Ok(match equal(vm, view, other)? {
        Some(eq) => Value::Bool(eq == want),
        None => ops::not_implemented(vm),
    })
}

fn eq_method(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, "__eq__", true)
}

fn ne_method(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, "__ne__", false)
}
