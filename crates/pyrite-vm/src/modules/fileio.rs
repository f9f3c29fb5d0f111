//! `open()` and file objects.
//!
//! The operating system's side is native: open files live in a table of the
//! interpreter, and Python code sees small integer handles with `_open`,
//! `_read`, `_write`, `_seek` and `_close`. The file objects themselves (text
//! and binary, their `repr`s, line iteration, universal newlines, the
//! closed-file and unsupported-operation errors) are written in Python below.

use std::io::{Read, Seek, SeekFrom, Write};

use crate::object::function::Args;
use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyErr, PyResult, Vm};

const SOURCE: &str = r#"
class UnsupportedOperation(OSError, ValueError):
    pass

UnsupportedOperation.__module__ = "io"


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    if not isinstance(file, str):
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    kinds = set(mode)
    if len(kinds) != len(mode) or not kinds <= set("rwaxbt+") \
            or sum(c in kinds for c in "rwax") != 1 or ("b" in kinds and "t" in kinds):
        if sum(c in kinds for c in "rwax") > 1:
            raise ValueError("must have exactly one of create/read/write/append mode")
        raise ValueError(f"invalid mode: '{mode}'")
    binary = "b" in kinds
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    handle = _open(file, mode)
    if binary:
        if "+" in kinds:
            return BufferedRandom(handle, file, mode)
        if "r" in kinds:
            return BufferedReader(handle, file, mode)
        return BufferedWriter(handle, file, mode)
    return TextIOWrapper(handle, file, mode, encoding or "UTF-8")


class _File:
    def __init__(self, handle, name, mode):
        self._handle = handle
        self.name = name
        self.mode = mode
        self._readable = "r" in mode or "+" in mode
        self._writable = "r" not in mode or "+" in mode
        self._pending = b""
        self.closed = False

    def _check(self, want=None):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if want == "read" and not self._readable:
            raise UnsupportedOperation("not readable")
        if want == "write" and not self._writable:
            raise UnsupportedOperation("not writable")

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def seekable(self):
        self._check()
        return True

    def close(self):
        if not self.closed:
            self.closed = True
            _close(self._handle)

    def flush(self):
        self._check()

    def fileno(self):
        self._check()
        return self._handle

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        return list(self)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def _raw_all(self):
        data = self._pending + _read(self._handle, -1)
        self._pending = b""
        return data

    def _raw_line(self):
        while b"\n" not in self._pending:
            chunk = _read(self._handle, 8192)
            if not chunk:
                break
            self._pending += chunk
        at = self._pending.find(b"\n")
        if at < 0:
            line, self._pending = self._pending, b""
        else:
            line, self._pending = self._pending[:at + 1], self._pending[at + 1:]
        return line

    def seek(self, offset, whence=0):
        self._check()
        if whence == 1:
            offset -= len(self._pending)
        self._pending = b""
        return _seek(self._handle, offset, whence)

    def tell(self):
        self._check()
        return _seek(self._handle, 0, 1) - len(self._pending)


class BufferedReader(_File):
    def __repr__(self):
        return f"<_io.{type(self).__name__} name={self.name!r}>"

    def read(self, size=-1):
        self._check("read")
        if size is None or size < 0:
            return self._raw_all()
        while len(self._pending) < size:
            chunk = _read(self._handle, max(size - len(self._pending), 8192))
            if not chunk:
                break
            self._pending += chunk
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def readline(self, size=-1):
        self._check("read")
        return self._raw_line()

    def write(self, data):
        self._check("write")
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        return _write(self._handle, bytes(data))


class BufferedWriter(BufferedReader):
    pass


class BufferedRandom(BufferedReader):
    pass


class TextIOWrapper(_File):
    def __init__(self, handle, name, mode, encoding):
        super().__init__(handle, name, mode)
        self.encoding = encoding
        self._text = None

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} encoding={self.encoding!r}>"

    @staticmethod
    def _decode(data):
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")

    def _fill(self):
        # Text is decoded whole on first use: newlines are translated
        # ("\r\n" and "\r" read as "\n") across any chunk boundary.
        if self._text is None:
            self._text = self._decode(self._raw_all())

    def read(self, size=-1):
        self._check("read")
        self._fill()
        text = self._text + self._decode(self._raw_all())
        if size is None or size < 0:
            self._text = ""
            return text
        self._text = text[size:]
        return text[:size]

    def readline(self, size=-1):
        self._check("read")
        self._fill()
        at = self._text.find("\n")
        if at < 0:
            line, self._text = self._text, ""
        else:
            line, self._text = self._text[:at + 1], self._text[at + 1:]
        return line

    def seek(self, offset, whence=0):
        self._text = None
        return super().seek(offset, whence)

    def tell(self):
        # The bytes not yet handed out are still ahead (exact unless "\r\n"
        # was translated in what remains).
        position = super().tell()
        return position - len((self._text or "").encode("utf-8"))

    def write(self, text):
        self._check("write")
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _write(self._handle, text.encode("utf-8"))
        return len(text)
"#;

pub fn module(vm: &Vm) -> PyResult<ObjRef> {
    let m = crate::module::new_module("io");
    crate::module::add_function(vm, &m, "_open", native_open);
    crate::module::add_function(vm, &m, "_read", |vm, args| {
        let [handle, size] = args.exact::<2>(vm, "_read")?;
        let size = ops::index_value(vm, size)?;
        let mut data = Vec::new();
        with_file(vm, handle, |file| {
            if size < 0 {
                file.read_to_end(&mut data).map(|_| ())
            } else {
                data.resize(size as usize, 0);
                let n = file.read(&mut data)?;
                data.truncate(n);
                Ok(())
            }
        })?;
        Ok(Value::Obj(crate::object::Object::new(Payload::Bytes(
            data.into_boxed_slice(),
        ))))
    });
    crate::module::add_function(vm, &m, "_write", |vm, args| {
        let [handle, data] = args.exact::<2>(vm, "_write")?;
        let bytes = crate::object::bytes_methods::bytes_like(vm, data)?.to_vec();
        with_file(vm, handle, |file| file.write_all(&bytes))?;
        Ok(Value::from(bytes.len()))
    });
    crate::module::add_function(vm, &m, "_seek", |vm, args| {
        let [handle, offset, whence] = args.exact::<3>(vm, "_seek")?;
        let offset = ops::index_value(vm, offset)?;
        let from = match ops::index_value(vm, whence)? {
            0 => SeekFrom::Start(offset.max(0) as u64),
            1 => SeekFrom::Current(offset),
            2 => SeekFrom::End(offset),
            w => return Err(vm.value_error(format!("invalid whence ({w}, should be 0, 1 or 2)"))),
        };
        let mut position = 0;
        with_file(vm, handle, |file| {
            position = file.seek(from)?;
            Ok(())
        })?;
        Ok(Value::Int(position as i64))
    });
    crate::module::add_function(vm, &m, "_close", |vm, args| {
        let [handle] = args.exact::<1>(vm, "_close")?;
        let index = ops::index_value(vm, handle)? as usize;
        if let Some(slot) = vm.files.borrow_mut().get_mut(index) {
            *slot = None;
        }
        Ok(Value::None)
    });
    crate::module::exec_source(vm, &m, SOURCE, "<frozen io>")?;
    Ok(m)
}

fn with_file(
    vm: &Vm,
    handle: &Value,
    f: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> PyResult<()> {
    let index = ops::index_value(vm, handle)? as usize;
    let mut files = vm.files.borrow_mut();
    let Some(Some(file)) = files.get_mut(index) else {
        return Err(vm.value_error("I/O operation on closed file."));
    };
    f(file).map_err(|e| os_error(vm, &e, None))
}

/// `_open(path, mode)`: the handle of the opened file.
fn native_open(vm: &Vm, args: Args) -> PyResult<Value> {
    let [path, mode] = args.exact::<2>(vm, "_open")?;
    let path = ops::expect_str(vm, path, "path")?;
    let mode = ops::expect_str(vm, mode, "mode")?;
    let plus = mode.contains('+');
    let mut options = std::fs::OpenOptions::new();
    if mode.contains('r') {
        options.read(true).write(plus);
    } else if mode.contains('w') {
        options.write(true).create(true).truncate(true).read(plus);
    } else if mode.contains('a') {
        options.append(true).create(true).read(plus);
    } else {
        options.write(true).create_new(true).read(plus);
    }
    let file = options
        .open(&path)
        .map_err(|e| os_error(vm, &e, Some(&path)))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(vm, &e, Some(&path)));
    }
    let mut files = vm.files.borrow_mut();
    let index = match files.iter().position(Option::is_none) {
        Some(free) => {
            files[free] = Some(file);
            free
        }
        None => {
            files.push(Some(file));
            files.len() - 1
        }
    };
    Ok(Value::from(index))
}

/// The OSError subclass CPython raises for an I/O error, with errno,
/// strerror and filename.
fn os_error(vm: &Vm, e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let class = match errno {
        2 => "FileNotFoundError",
        13 | 1 => "PermissionError",
        17 => "FileExistsError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        _ => "OSError",
    };
    let strerror = crate::io_error_text(e);
    let mut args = vec![Value::Int(errno as i64), Value::new_str(&strerror)];
    if let Some(name) = filename {
        args.push(Value::new_str(name));
    }
    let class = Value::Obj(vm.types.exception(class).clone());
    match ops::call(vm, &class, Args::positional(&args)) {
        Ok(exc) => match exc {
            Value::Obj(obj) => PyErr(obj),
            _ => vm.new_error(&vm.types.os_error, strerror),
        },
        Err(err) => err,
    }
}
