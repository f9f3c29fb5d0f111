//! The methods `bytes` and `bytearray` share, written once over byte slices.
//!
//! Both types register the same functions; `Kind` says which type a method
//! was looked up on, so that `self` is checked against it and results are made
//! of it (`bytearray(b'a b').split()` gives bytearrays). Arguments may be any
//! bytes-like object: bytes, bytearray or memoryview (`buffer`).

use std::cell::Ref;
use std::ops::Deref;

use super::Payload;
use crate::object::function::{add_classmethod, add_method, add_static, Args};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The bytes of a bytes-like object, borrowed where they can be.
pub enum Buf<'a> {
    Slice(&'a [u8]),
    Shared(Ref<'a, [u8]>),
    Owned(Vec<u8>),
}

impl Deref for Buf<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Buf::Slice(s) => s,
            Buf::Shared(r) => r,
            Buf::Owned(v) => v,
        }
    }
}

/// The contents of a bytes, bytearray or (unreleased) memoryview.
pub fn buffer(v: &Value) -> Option<Buf<'_>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(Buf::Slice(b)),
        Payload::ByteArray(a) => Some(Buf::Shared(Ref::map(a.data.borrow(), Vec::as_slice))),
        Payload::MemoryView(m) => m.contents(),
        _ => None,
    }
}

/// A bytes-like argument, or "a bytes-like object is required".
pub fn bytes_like<'a>(vm: &Vm, v: &'a Value) -> PyResult<Buf<'a>> {
    buffer(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// Which of the two types a method belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }

    /// A new object of this kind (never of a subclass, as in CPython).
    pub fn make(self, data: Vec<u8>) -> Value {
        match self {
            Kind::Bytes => crate::object::bytes::new_bytes(data),
            Kind::ByteArray => crate::object::bytearray::new_bytearray(data),
        }
    }

    /// The kind of a bytes or bytearray value.
    pub fn of(v: &Value) -> Option<Kind> {
        match v.payload()? {
            Payload::Bytes(_) => Some(Kind::Bytes),
            Payload::ByteArray(_) => Some(Kind::ByteArray),
            _ => None,
        }
    }
}

/// `self` of a method of `kind`.
fn this<'a>(vm: &Vm, args: &Args<'a>, kind: Kind, method: &str) -> PyResult<Buf<'a>> {
    let Some(v) = args.pos.first() else {
        return Err(vm.type_error(format!(
            "descriptor '{method}' of '{}' object needs an argument",
            kind.name()
        )));
    };
    match Kind::of(v) {
        Some(k) if k == kind => Ok(buffer(v).unwrap_or(Buf::Owned(Vec::new()))),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' for '{}' objects doesn't apply to a '{}' object",
            kind.name(),
            vm.type_name(v)
        ))),
    }
}

/// ASCII whitespace as `bytes.isspace` and `split()` see it.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn byte_value(vm: &Vm, v: &Value) -> PyResult<u8> {
    let i = ops::index_value(vm, v)?;
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// The `sub` of find/count/index: bytes-like, or an int naming one byte.
fn sub_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b.to_vec());
    }
    if v.is_int() || crate::object::typ::lookup(&vm.type_of(v), "__index__").is_some() {
        return Ok(vec![byte_value(vm, v)?]);
    }
    Err(vm.type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        vm.type_name(v)
    )))
}

/// Optional `start`/`end` (slice semantics) over `len` bytes; `None` when
/// the start lies past the end (where nothing is found, not even b'').
fn span(
    vm: &Vm,
    len: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<Option<(usize, usize)>> {
    let len = len as i64;
    let resolve = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = ops::index_value(vm, v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i })
            }
        }
    };
    let start = resolve(start, 0)?;
    let end = resolve(end, len)?.min(len);
    if start > len {
        return Ok(None);
    }
    Ok(Some((start as usize, end.max(start) as usize)))
}

pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() == 1 {
        return hay.iter().position(|&b| b == needle[0]);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn count_sub(hay: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return hay.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find_sub(&hay[i..], needle) {
        n += 1;
        i += p + needle.len();
    }
    n
}

/// find/rfind/index/rindex/count: (sub, start, end) to the match found.
fn search(vm: &Vm, args: &Args, kind: Kind, name: &str, reverse: bool) -> PyResult<Option<usize>> {
    let pos = tuple_count(vm, args, name, 2, 4)?;
    let data = this(vm, args, kind, name)?;
    let sub = sub_arg(vm, &pos[1])?;
    let Some((start, end)) = span(vm, data.len(), pos.get(2), pos.get(3))? else {
        return Ok(None);
    };
    let hay = &data[start..end];
    let found = if reverse {
        rfind_sub(hay, &sub)
    } else {
        find_sub(hay, &sub)
    };
    Ok(found.map(|i| start + i))
}

/// The positional count of a method parsed CPython's tuple-format way
/// (`find() takes at least 1 argument (0 given)`); `min` and `max` count
/// the receiver, which the messages leave out.
fn tuple_count<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    args.no_kwargs(vm, name)?;
    arity(vm, args, name, min, max, "")
}

/// The positional count of a method that also takes keywords
/// (`split() takes at most 2 arguments (3 given)`).
fn keyword_count<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    arity(vm, args, name, min, max, "positional ")
}

fn arity<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
    kind: &str,
) -> PyResult<&'a [Value]> {
    let n = args.pos.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n == 0 {
        // Called unbound with no receiver at all.
        return args.count_kw(vm, name, min, max);
    }
    if n < min {
        return Err(vm.type_error(format!(
            "{name}() takes at least {} {kind}argument{} ({} given)",
            min - 1,
            plural(min - 1),
            n - 1
        )));
    }
    if n > max {
        return Err(vm.type_error(format!(
            "{name}() takes at most {} argument{} ({} given)",
            max.saturating_sub(1),
            plural(max.saturating_sub(1)),
            n - 1
        )));
    }
    Ok(args.pos)
}

fn find(vm: &Vm, args: Args, kind: Kind, name: &str, reverse: bool) -> PyResult<Value> {
    let found = search(vm, &args, kind, name, reverse)?;
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

fn index(vm: &Vm, args: Args, kind: Kind, name: &str, reverse: bool) -> PyResult<Value> {
    match search(vm, &args, kind, name, reverse)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn count(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let pos = tuple_count(vm, &args, "count", 2, 4)?;
    let data = this(vm, &args, kind, "count")?;
    let sub = sub_arg(vm, &pos[1])?;
    Ok(match span(vm, data.len(), pos.get(2), pos.get(3))? {
        Some((start, end)) => Value::from(count_sub(&data[start..end], &sub)),
        None => Value::Int(0),
    })
}

fn affix(vm: &Vm, args: Args, kind: Kind, name: &str, suffix: bool) -> PyResult<Value> {
    let pos = tuple_count(vm, &args, name, 2, 4)?;
    let data = this(vm, &args, kind, name)?;
    let Some((start, end)) = span(vm, data.len(), pos.get(2), pos.get(3))? else {
        return Ok(Value::Bool(false));
    };
    let hay = &data[start..end];
    let test = |a: &[u8]| {
        if suffix {
            hay.ends_with(a)
        } else {
            hay.starts_with(a)
        }
    };
    let wrong = |v: &Value| {
        vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            vm.type_name(v)
        ))
    };
    match pos[1].payload() {
        Some(Payload::Tuple(items)) => {
            for item in items.iter() {
                let a = buffer(item).ok_or_else(|| wrong(item))?;
                if test(&a) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        _ => {
            let a = buffer(&pos[1]).ok_or_else(|| wrong(&pos[1]))?;
            Ok(Value::Bool(test(&a)))
        }
    }
}

/// `sep` and `maxsplit` of split/rsplit, positional or by keyword.
fn split_args(vm: &Vm, args: &Args, name: &str) -> PyResult<(Option<Vec<u8>>, i64)> {
    args.only_kwargs(vm, name, &["sep", "maxsplit"])?;
    let pos = keyword_count(vm, args, name, 1, 3)?;
    let sep = match pos.get(1).or_else(|| args.kwarg("sep")) {
        None | Some(Value::None) => None,
        Some(v) => {
            let sep = bytes_like(vm, v)?.to_vec();
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(sep)
        }
    };
    let maxsplit = match pos.get(2).or_else(|| args.kwarg("maxsplit")) {
        None => -1,
        Some(v) => ops::index_value(vm, v)?,
    };
    Ok((sep, maxsplit))
}

/// Splits `data` at runs of whitespace or at `sep`, at most `maxsplit`
/// times (all when negative), from the left or from the right.
pub fn split_bytes<'a>(
    data: &'a [u8],
    sep: Option<&[u8]>,
    maxsplit: i64,
    from_right: bool,
) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut splits = 0;
    let more = |splits: i64| maxsplit < 0 || splits < maxsplit;
    match sep {
        None if !from_right => {
            let mut rest = trim(data, &[], true, false);
            while !rest.is_empty() {
                if !more(splits) {
                    parts.push(rest);
                    break;
                }
                let end = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = trim(&rest[end..], &[], true, false);
                splits += 1;
            }
        }
        None => {
            let mut rest = trim(data, &[], false, true);
            while !rest.is_empty() {
                if !more(splits) {
                    parts.push(rest);
                    break;
                }
                let start = rest.iter().rposition(|&b| is_space(b)).map_or(0, |i| i + 1);
                parts.push(&rest[start..]);
                rest = trim(&rest[..start], &[], false, true);
                splits += 1;
            }
            parts.reverse();
        }
        Some(sep) => {
            let mut rest = data;
            loop {
                let found = if !more(splits) {
                    None
                } else if from_right {
                    rfind_sub(rest, sep)
                } else {
                    find_sub(rest, sep)
                };
                let Some(i) = found else {
                    parts.push(rest);
                    break;
                };
                if from_right {
                    parts.push(&rest[i + sep.len()..]);
                    rest = &rest[..i];
                } else {
                    parts.push(&rest[..i]);
                    rest = &rest[i + sep.len()..];
                }
                splits += 1;
            }
            if from_right {
                parts.reverse();
            }
        }
    }
    parts
}

fn split(vm: &Vm, args: Args, kind: Kind, name: &str, from_right: bool) -> PyResult<Value> {
    let (sep, maxsplit) = split_args(vm, &args, name)?;
    let data = this(vm, &args, kind, name)?;
    let parts = split_bytes(&data, sep.as_deref(), maxsplit, from_right)
        .into_iter()
        .map(|p| kind.make(p.to_vec()))
        .collect();
    Ok(crate::object::list::new_list(parts))
}

/// `data` without leading/trailing bytes of `chars` (whitespace when empty).
fn trim<'a>(data: &'a [u8], chars: &[u8], left: bool, right: bool) -> &'a [u8] {
    let strip = |b: &u8| {
        if chars.is_empty() {
            is_space(*b)
        } else {
            chars.contains(b)
        }
    };
    let start = if left {
        data.iter().position(|b| !strip(b)).unwrap_or(data.len())
    } else {
        0
    };
    let end = if right {
        data.iter()
            .rposition(|b| !strip(b))
            .map_or(start, |e| e + 1)
    } else {
        data.len()
    };
    &data[start..end.max(start)]
}

fn strip(vm: &Vm, args: Args, kind: Kind, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let pos = args.count_method(vm, name, 1, 2)?;
    let data = this(vm, &args, kind, name)?;
    let chars = match pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_like(vm, v)?),
    };
    match chars {
        // An empty set of bytes strips nothing; `trim` reads it as whitespace.
        Some(c) if c.is_empty() => Ok(kind.make(data.to_vec())),
        c => Ok(kind.make(trim(&data, c.as_deref().unwrap_or(&[]), left, right).to_vec())),
    }
}

fn partition(vm: &Vm, args: Args, kind: Kind, name: &str, from_right: bool) -> PyResult<Value> {
    let [_, sep] = args.exact::<2>(vm, name)?;
    let data = this(vm, &args, kind, name)?;
    let sep = bytes_like(vm, sep)?.to_vec();
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if from_right {
        rfind_sub(&data, &sep)
    } else {
        find_sub(&data, &sep)
    };
    let parts = match found {
        Some(i) => [&data[..i], &sep[..], &data[i + sep.len()..]],
        None if from_right => [&[][..], &[][..], &data[..]],
        None => [&data[..], &[][..], &[][..]],
    };
    Ok(crate::object::tuple::new_tuple(
        parts.iter().map(|p| kind.make(p.to_vec())).collect(),
    ))
}

fn replace(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let pos = args.count_method(vm, "replace", 3, 4)?;
    let data = this(vm, &args, kind, "replace")?;
    let old = bytes_like(vm, &pos[1])?;
    let new = bytes_like(vm, &pos[2])?;
    let mut limit = match pos.get(3) {
        Some(v) => ops::index_value(vm, v)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(data.len());
    if old.is_empty() {
        for (i, &x) in data.iter().enumerate() {
            if limit == 0 {
                out.extend_from_slice(&data[i..]);
                return Ok(kind.make(out));
            }
            out.extend_from_slice(&new);
            out.push(x);
            limit -= 1;
        }
        if limit != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(kind.make(out));
    }
    let mut i = 0;
    while limit != 0 {
        let Some(p) = find_sub(&data[i..], &old) else {
            break;
        };
        out.extend_from_slice(&data[i..i + p]);
        out.extend_from_slice(&new);
        i += p + old.len();
        limit -= 1;
    }
    out.extend_from_slice(&data[i..]);
    Ok(kind.make(out))
}

fn join(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [_, items] = args.exact::<2>(vm, "join")?;
    let items = ops::collect_iterable(vm, items)?;
    let sep = this(vm, &args, kind, "join")?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let Some(b) = buffer(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(item)
            )));
        };
        out.extend_from_slice(&b);
    }
    Ok(kind.make(out))
}

fn affix_removal(vm: &Vm, args: Args, kind: Kind, name: &str, suffix: bool) -> PyResult<Value> {
    let [_, affix] = args.exact::<2>(vm, name)?;
    let data = this(vm, &args, kind, name)?;
    let affix = bytes_like(vm, affix)?;
    let rest = if suffix {
        data.strip_suffix(&affix[..])
    } else {
        data.strip_prefix(&affix[..])
    };
    Ok(kind.make(rest.unwrap_or(&data).to_vec()))
}

/// center/ljust/rjust.
fn pad(vm: &Vm, args: Args, kind: Kind, name: &str) -> PyResult<Value> {
    let pos = args.count_method(vm, name, 2, 3)?;
    let data = this(vm, &args, kind, name)?;
    let width = ops::index_value(vm, &pos[1])?;
    let fill = match pos.get(2) {
        None => b' ',
        Some(v) => match buffer(v) {
            Some(b) if b.len() == 1 && !matches!(v.payload(), Some(Payload::MemoryView(_))) => b[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    let len = data.len() as i64;
    if width <= len {
        return Ok(kind.make(data.to_vec()));
    }
    let total = (width - len) as usize;
    let left = match name {
        "ljust" => 0,
        "rjust" => total,
        // CPython's rounding: the odd byte goes left when the width is odd.
        _ => total / 2 + (total & width as usize & 1),
    };
    let mut out = Vec::new();
    vm.reserve(&mut out, width as usize)?;
    out.resize(left, fill);
    out.extend_from_slice(&data);
    out.resize(width as usize, fill);
    Ok(kind.make(out))
}

fn zfill(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [_, width] = args.exact::<2>(vm, "zfill")?;
    let data = this(vm, &args, kind, "zfill")?;
    let width = ops::index_value(vm, width)?;
    if width <= data.len() as i64 {
        return Ok(kind.make(data.to_vec()));
    }
    let fill = width as usize - data.len();
    let sign = matches!(data.first(), Some(b'+' | b'-')) as usize;
    let mut out = Vec::new();
    vm.reserve(&mut out, width as usize)?;
    out.extend_from_slice(&data[..sign]);
    out.resize(sign + fill, b'0');
    out.extend_from_slice(&data[sign..]);
    Ok(kind.make(out))
}

fn expandtabs(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    args.only_kwargs(vm, "expandtabs", &["tabsize"])?;
    let pos = keyword_count(vm, &args, "expandtabs", 1, 2)?;
    let data = this(vm, &args, kind, "expandtabs")?;
    let tabsize = match pos.get(1).or_else(|| args.kwarg("tabsize")) {
        Some(v) => ops::index_value(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut column = 0usize;
    for &b in data.iter() {
        match b {
            b'\t' => {
                if tabsize > 0 {
                    let spaces = tabsize as usize - column % tabsize as usize;
                    vm.reserve(&mut out, spaces)?;
                    out.resize(out.len() + spaces, b' ');
                    column += spaces;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                column = 0;
            }
            _ => {
                out.push(b);
                column += 1;
            }
        }
    }
    Ok(kind.make(out))
}

fn splitlines(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    args.only_kwargs(vm, "splitlines", &["keepends"])?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "splitlines() takes at most 1 argument ({} given)",
            args.pos.len() - 1
        )));
    }
    let data = this(vm, &args, kind, "splitlines")?;
    let keepends = match args.pos.get(1).or_else(|| args.kwarg("keepends")) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let end = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' | b'\n' => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let keep = if keepends { end } else { i };
        lines.push(kind.make(data[start..keep].to_vec()));
        start = end;
        i = end;
    }
    if start < data.len() {
        lines.push(kind.make(data[start..].to_vec()));
    }
    Ok(crate::object::list::new_list(lines))
}

/// Bytes mapped one by one (lower, upper, swapcase).
fn map_bytes(vm: &Vm, args: Args, kind: Kind, name: &str, f: fn(u8) -> u8) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, name)?;
    let data = this(vm, &args, kind, name)?;
    Ok(kind.make(data.iter().map(|&b| f(b)).collect()))
}

fn swap_case(b: u8) -> u8 {
    if b.is_ascii_alphabetic() {
        b ^ 0x20
    } else {
        b
    }
}

fn capitalize(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, "capitalize")?;
    let data = this(vm, &args, kind, "capitalize")?;
    let out = data
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(kind.make(out))
}

fn title(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, "title")?;
    let data = this(vm, &args, kind, "title")?;
    let mut after_letter = false;
    let out = data
        .iter()
        .map(|&b| {
            let out = if after_letter {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            after_letter = b.is_ascii_alphabetic();
            out
        })
        .collect();
    Ok(kind.make(out))
}

fn predicate(
    vm: &Vm,
    args: Args,
    kind: Kind,
    name: &str,
    pred: fn(&u8) -> bool,
) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, name)?;
    let data = this(vm, &args, kind, name)?;
    Ok(Value::Bool(!data.is_empty() && data.iter().all(pred)))
}

/// islower/isupper: some cased byte, and none of the other case.
fn case_predicate(vm: &Vm, args: Args, kind: Kind, name: &str, upper: bool) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, name)?;
    let data = this(vm, &args, kind, name)?;
    let has = |wanted_upper: bool| {
        data.iter().any(|b| {
            if wanted_upper {
                b.is_ascii_uppercase()
            } else {
                b.is_ascii_lowercase()
            }
        })
    };
    Ok(Value::Bool(has(upper) && !has(!upper)))
}

fn istitle(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [_] = args.exact::<1>(vm, "istitle")?;
    let data = this(vm, &args, kind, "istitle")?;
    let mut cased = false;
    let mut after_cased = false;
    for &b in data.iter() {
        if b.is_ascii_uppercase() {
            if after_cased {
                return Ok(Value::Bool(false));
            }
            after_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !after_cased {
                return Ok(Value::Bool(false));
            }
            cased = true;
        } else {
            after_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// `hex(sep=None, bytes_per_sep=1)`, for bytes, bytearray and memoryview.
pub fn hex(vm: &Vm, data: &[u8], args: &Args, first: usize) -> PyResult<Value> {
    args.only_kwargs(vm, "hex", &["sep", "bytes_per_sep"])?;
    let pos = keyword_count(vm, args, "hex", first, first + 2)?;
    let sep = match pos.get(first).or_else(|| args.kwarg("sep")) {
        None => None,
        Some(v) => {
            let sep = match (v.as_str(), buffer(v)) {
                (Some(s), _) => s.as_bytes().to_vec(),
                (None, Some(b)) => b.to_vec(),
                _ => {
                    return Err(
                        vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v)))
                    )
                }
            };
            if sep.len() != 1 || !sep[0].is_ascii() {
                return Err(vm.value_error(if sep.len() != 1 {
                    "sep must be length 1."
                } else {
                    "sep must be ASCII."
                }));
            }
            Some(sep[0] as char)
        }
    };
    let per = match pos.get(first + 1).or_else(|| args.kwarg("bytes_per_sep")) {
        Some(v) => ops::index_value(vm, v)?,
        None => 1,
    };
    let digits = |b: &u8| format!("{b:02x}");
    let Some(sep) = sep.filter(|_| per != 0 && data.len() > 1) else {
        return Ok(Value::from_string(data.iter().map(digits).collect()));
    };
    let group = per.unsigned_abs() as usize;
    // Groups are counted from the right for a positive count, from the left
    // for a negative one.
    let chunks: Vec<&[u8]> = if per > 0 {
        let first_len = match data.len() % group {
            0 => group.min(data.len()),
            r => r,
        };
        std::iter::once(&data[..first_len])
            .chain(data[first_len..].chunks(group))
            .collect()
    } else {
        data.chunks(group).collect()
    };
    let parts: Vec<String> = chunks
        .iter()
        .map(|c| c.iter().map(digits).collect())
        .collect();
    Ok(Value::from_string(parts.join(&sep.to_string())))
}

/// `fromhex(string)`: pairs of hex digits, whitespace allowed between pairs.
fn parse_hex(vm: &Vm, s: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = s.chars().collect();
    let bad = |i: usize| {
        vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() || chars[i] == '\x0b' {
            i += 1;
            continue;
        }
        let high = chars[i].to_digit(16).ok_or_else(|| bad(i))?;
        let low = chars
            .get(i + 1)
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| bad(i + 1))?;
        out.push((high * 16 + low) as u8);
        i += 2;
    }
    Ok(out)
}

fn fromhex(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    let [cls, s] = args.exact::<2>(vm, "fromhex")?;
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(s)
        )));
    };
    let value = kind.make(parse_hex(vm, text)?);
    let exact = match kind {
        Kind::Bytes => &vm.types.bytes,
        Kind::ByteArray => &vm.types.bytearray,
    };
    // A subclass is built from the result, as CPython does.
    match cls {
        Value::Obj(c) if !std::rc::Rc::ptr_eq(c, exact) => {
            ops::call(vm, cls, Args::positional(std::slice::from_ref(&value)))
        }
        _ => Ok(value),
    }
}

fn translate(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    args.only_kwargs(vm, "translate", &["delete"])?;
    let pos = keyword_count(vm, &args, "translate", 2, 3)?;
    let data = this(vm, &args, kind, "translate")?;
    let table = match &pos[1] {
        Value::None => None,
        t => {
            let t = bytes_like(vm, t)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t.to_vec())
        }
    };
    let delete = match pos.get(2).or_else(|| args.kwarg("delete")) {
        Some(d) => bytes_like(vm, d)?.to_vec(),
        None => Vec::new(),
    };
    let out = data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    Ok(kind.make(out))
}

fn maketrans(vm: &Vm, args: Args) -> PyResult<Value> {
    let [from, to] = args.count(vm, "maketrans", 2, 2)? else {
        unreachable!("count checked the length")
    };
    let (from, to) = (bytes_like(vm, from)?, bytes_like(vm, to)?);
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(to.iter()) {
        table[f as usize] = t;
    }
    Ok(crate::object::bytes::new_bytes(table))
}

fn decode(vm: &Vm, args: Args, kind: Kind) -> PyResult<Value> {
    args.only_kwargs(vm, "decode", &["encoding", "errors"])?;
    let pos = keyword_count(vm, &args, "decode", 1, 3)?;
    let data = this(vm, &args, kind, "decode")?;
    let encoding = match pos.get(1).or_else(|| args.kwarg("encoding")) {
        Some(e) => ops::expect_str(vm, e, "decode() argument 'encoding'")?,
        None => "utf-8".to_string(),
    };
    let errors = pos.get(2).or_else(|| args.kwarg("errors"));
    let mode = crate::object::bytes::error_mode(vm, errors)?;
    crate::object::bytes::decode(vm, &data, &encoding, mode)
}

/// `b'...' % values`: printf-style formatting over bytes.
pub fn percent_format(vm: &Vm, fmt: &[u8], values: &Value) -> PyResult<Vec<u8>> {
    // The str formatter does the work over the bytes as Latin-1 text; every
    // char it puts out is below 256.
    let text: String = fmt.iter().map(|&b| b as char).collect();
    let out = crate::format::percent_format_bytes(vm, &text, values)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// The `%s`/`%b` operand of bytes formatting, as Latin-1 text.
pub fn percent_operand(vm: &Vm, v: &Value) -> PyResult<String> {
    if let Some(b) = buffer(v) {
        return Ok(b.iter().map(|&x| x as char).collect());
    }
    if let Some(result) = ops::call_special(vm, v, "__bytes__", &[])? {
        return match buffer(&result) {
            Some(b) if matches!(result.payload(), Some(Payload::Bytes(_))) => {
                Ok(b.iter().map(|&x| x as char).collect())
            }
            _ => Err(vm.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&result)
            ))),
        };
    }
    Err(vm.type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        vm.type_name(v)
    )))
}

/// The `%c` operand of bytes formatting.
pub fn percent_char(vm: &Vm, v: &Value) -> PyResult<char> {
    if let Some(b) = buffer(v) {
        if b.len() == 1 && !matches!(v.payload(), Some(Payload::MemoryView(_))) {
            return Ok(b[0] as char);
        }
    } else if v.is_int() {
        let i =
            ops::index_value(vm, v).map_err(|_| vm.overflow_error("%c arg not in range(256)"))?;
        return u8::try_from(i)
            .map(|b| b as char)
            .map_err(|_| vm.overflow_error("%c arg not in range(256)"));
    }
    Err(vm.type_error("%c requires an integer in range(256) or a single byte"))
}

/// Registers `$f` on both types, with the kind each one passes.
macro_rules! shared {
    ($vm:expr, $name:literal, $f:expr) => {
        add_method($vm, &$vm.types.bytes, $name, |vm, args| {
            $f(vm, args, Kind::Bytes)
        });
        add_method($vm, &$vm.types.bytearray, $name, |vm, args| {
            $f(vm, args, Kind::ByteArray)
        });
    };
}

pub fn register(vm: &Vm) {
    shared!(vm, "find", |vm, a, k| find(vm, a, k, "find", false));
    shared!(vm, "rfind", |vm, a, k| find(vm, a, k, "rfind", true));
    shared!(vm, "index", |vm, a, k| index(vm, a, k, "index", false));
    shared!(vm, "rindex", |vm, a, k| index(vm, a, k, "rindex", true));
    shared!(vm, "count", count);
    shared!(vm, "startswith", |vm, a, k| affix(
        vm,
        a,
        k,
        "startswith",
        false
    ));
    shared!(vm, "endswith", |vm, a, k| affix(vm, a, k, "endswith", true));
    shared!(vm, "split", |vm, a, k| split(vm, a, k, "split", false));
    shared!(vm, "rsplit", |vm, a, k| split(vm, a, k, "rsplit", true));
    shared!(vm, "strip", |vm, a, k| strip(vm, a, k, "strip", true, true));
    shared!(vm, "lstrip", |vm, a, k| strip(
        vm, a, k, "lstrip", true, false
    ));
    shared!(vm, "rstrip", |vm, a, k| strip(
        vm, a, k, "rstrip", false, true
    ));
    shared!(vm, "partition", |vm, a, k| partition(
        vm,
        a,
        k,
        "partition",
        false
    ));
    shared!(vm, "rpartition", |vm, a, k| partition(
        vm,
        a,
        k,
        "rpartition",
        true
    ));
    shared!(vm, "replace", replace);
    shared!(vm, "join", join);
    shared!(vm, "removeprefix", |vm, a, k| affix_removal(
        vm,
        a,
        k,
        "removeprefix",
        false
    ));
    shared!(vm, "removesuffix", |vm, a, k| affix_removal(
        vm,
        a,
        k,
        "removesuffix",
        true
    ));
    shared!(vm, "center", |vm, a, k| pad(vm, a, k, "center"));
    shared!(vm, "ljust", |vm, a, k| pad(vm, a, k, "ljust"));
    shared!(vm, "rjust", |vm, a, k| pad(vm, a, k, "rjust"));
    shared!(vm, "zfill", zfill);
    shared!(vm, "expandtabs", expandtabs);
    shared!(vm, "splitlines", splitlines);
    shared!(vm, "lower", |vm, a, k| map_bytes(vm, a, k, "lower", |b| b
        .to_ascii_lowercase()));
    shared!(vm, "upper", |vm, a, k| map_bytes(vm, a, k, "upper", |b| b
        .to_ascii_uppercase()));
    shared!(vm, "swapcase", |vm, a, k| map_bytes(
        vm, a, k, "swapcase", swap_case
    ));
    shared!(vm, "capitalize", capitalize);
    shared!(vm, "title", title);
    shared!(vm, "isalnum", |vm, a, k| predicate(
        vm,
        a,
        k,
        "isalnum",
        u8::is_ascii_alphanumeric
    ));
    shared!(vm, "isalpha", |vm, a, k| predicate(
        vm,
        a,
        k,
        "isalpha",
        u8::is_ascii_alphabetic
    ));
    shared!(vm, "isdigit", |vm, a, k| predicate(
        vm,
        a,
        k,
        "isdigit",
        u8::is_ascii_digit
    ));
    shared!(vm, "isspace", |vm, a, k| predicate(
        vm,
        a,
        k,
        "isspace",
        |b: &u8| is_space(*b)
    ));
    shared!(vm, "isascii", |vm, a: Args, k| {
        let [_] = a.exact::<1>(vm, "isascii")?;
        Ok(Value::Bool(this(vm, &a, k, "isascii")?.is_ascii()))
    });
    shared!(vm, "islower", |vm, a, k| case_predicate(
        vm, a, k, "islower", false
    ));
    shared!(vm, "isupper", |vm, a, k| case_predicate(
        vm, a, k, "isupper", true
    ));
    shared!(vm, "istitle", istitle);
    shared!(vm, "hex", |vm, a: Args, k| {
        let data = this(vm, &a, k, "hex")?;
        hex(vm, &data, &a, 1)
    });
    shared!(vm, "translate", translate);
    shared!(vm, "decode", decode);
    add_classmethod(vm, &vm.types.bytes, "fromhex", |vm, a| {
        fromhex(vm, a, Kind::Bytes)
    });
    add_classmethod(vm, &vm.types.bytearray, "fromhex", |vm, a| {
        fromhex(vm, a, Kind::ByteArray)
    });
    add_static(vm, &vm.types.bytes, "maketrans", maketrans);
    add_static(vm, &vm.types.bytearray, "maketrans", maketrans);
    shared!(vm, "__len__", |vm, a: Args, k| {
        let [_] = a.exact::<1>(vm, "__len__")?;
        Ok(Value::from(this(vm, &a, k, "__len__")?.len()))
    });
    shared!(vm, "__contains__", |vm, a: Args, k| {
        let [_, x] = a.exact::<2>(vm, "__contains__")?;
        let data = this(vm, &a, k, "__contains__")?;
        crate::object::bytes::contains(vm, &data, x).map(Value::Bool)
    });
    shared!(vm, "__iter__", |vm, a: Args, k| {
        let [b] = a.exact::<1>(vm, "__iter__")?;
        this(vm, &a, k, "__iter__")?;
        crate::object::iter::builtin_iter(b).map(|it| it.unwrap_or(Value::None))
    });
    shared!(vm, "__getitem__", |vm, a: Args, k: Kind| {
        let [b, i] = a.exact::<2>(vm, "__getitem__")?;
        this(vm, &a, k, "__getitem__")?;
        match ops::getitem_builtin(vm, b, i)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!(
                "{} indices must be integers or slices, not {}",
                if k == Kind::Bytes {
                    "byte"
                } else {
                    "bytearray"
                },
                vm.type_name(i)
            ))),
        }
    });
    shared!(vm, "__repr__", |vm, a: Args, k| {
        let [b] = a.exact::<1>(vm, "__repr__")?;
        this(vm, &a, k, "__repr__")?;
        Ok(Value::from_string(crate::repr::bytes_like_repr(vm, b)))
    });
    for name in ["__add__", "__mul__", "__rmul__", "__mod__", "__rmod__"] {
        add_method(vm, &vm.types.bytes, name, ops::numeric_dunder(name));
        add_method(vm, &vm.types.bytearray, name, ops::numeric_dunder(name));
    }
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(vm, &vm.types.bytes, name, ops::compare_dunder(name));
        add_method(vm, &vm.types.bytearray, name, ops::compare_dunder(name));
    }
}
