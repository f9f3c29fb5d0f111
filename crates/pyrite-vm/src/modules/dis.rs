//! The `dis` module: `dis.dis(x)` prints the bytecode of a function, method,
//! class, module, code object or source string, in CPython 3.11's layout,
//! recursing into nested code objects. The listing is the compiler's own
//! (`pyrite dis` prints the same); this module finds the code to list.

use crate::object::code::Code;
use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};
use pyrite_compiler::{CodeObject, Constant, Opcode};

/// The parts of `dis` written in Python: the `Instruction` and `Positions`
/// tuples, `get_instructions`, `Bytecode` and the opcode tables, over the
/// native `_code`, `_instructions` and `_listing` below.
const SOURCE: &str = r#"
class _UnknownType:
    def __repr__(self):
        return "<unknown>"


_UNKNOWN = _UnknownType()
del _UnknownType


def _record(name, fields, defaults=()):
    """A tuple type with named fields, as collections.namedtuple makes."""
    first_default = len(fields) - len(defaults)

    def __new__(cls, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(
                f"{name}.__new__() takes {len(fields) + 1} positional arguments "
                f"but {len(args) + 1} were given"
            )
        values = list(args)
        for i in range(len(args), len(fields)):
            field = fields[i]
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif i >= first_default:
                values.append(defaults[i - first_default])
            else:
                raise TypeError(f"{name}.__new__() missing required argument: '{field}'")
        for key in kwargs:
            if key in fields:
                raise TypeError(f"{name}.__new__() got multiple values for argument '{key}'")
            raise TypeError(f"{name}.__new__() got an unexpected keyword argument '{key}'")
        return tuple.__new__(cls, values)

    def __repr__(self):
        body = ", ".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"{type(self).__name__}({body})"

    def _asdict(self):
        return dict(zip(fields, self))

    def _replace(self, **changes):
        values = [changes.pop(f, v) for f, v in zip(fields, self)]
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return type(self)(*values)

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": dict(zip(fields[first_default:], defaults)),
        "__new__": __new__,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "_replace": _replace,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for index, field in enumerate(fields):
        namespace[field] = property(lambda self, index=index: self[index])
    return type(name, (tuple,), namespace)


Positions = _record("Positions", ("lineno", "end_lineno", "col_offset", "end_col_offset"),
                    (None, None, None, None))
Positions.__module__ = "dis"
_Instruction = _record(
    "_Instruction",
    ("opname", "opcode", "arg", "argval", "argrepr", "offset", "starts_line",
     "is_jump_target", "positions"),
    (None,),
)


class Instruction(_Instruction):
    """Details for a bytecode operation."""

    __slots__ = ()


_FORMAT_CONVERTERS = (None, str, repr, ascii)


def _instructions_of(code, first_line):
    shift = 0 if first_line is None else first_line - code.co_firstlineno
    for raw in _instructions(code):
        opname, opcode, arg, argval, argrepr, offset, line, target, where = raw
        if opname == "FORMAT_VALUE":
            argval = (_FORMAT_CONVERTERS[arg & 3], bool(arg & 4))
        elif opname == "KW_NAMES":
            argval = _UNKNOWN
        if line is not None:
            line += shift
        yield Instruction(opname, opcode, arg, argval, argrepr, offset, line, target,
                          Positions(*where))


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    return _instructions_of(_code(x), first_line)


def findlinestarts(code):
    previous = None
    for start, _end, line in code.co_lines():
        if line is not None and line != previous:
            previous = line
            yield start, line


def _unpack_opargs(code):
    # Walks CPython's encoding (bytes such as co_code): inline caches are
    # skipped, EXTENDED_ARG prefixes widen the next argument, which is a
    # signed 32-bit number.
    prefix = 0
    skip = 0
    for i in range(0, len(code), 2):
        if skip:
            skip -= 1
            continue
        op = code[i]
        skip = _CACHES[op]
        if op < HAVE_ARGUMENT:
            prefix = 0
            yield i, op, None
            continue
        arg = code[i + 1] | prefix
        prefix = arg << 8 if op == EXTENDED_ARG else 0
        if prefix >= 1 << 31:
            prefix -= 1 << 32
        yield i, op, arg


def findlabels(code):
    labels = []
    for offset, op, arg in _unpack_opargs(code):
        if arg is None:
            continue
        if op in hasjrel:
            if "JUMP_BACKWARD" in opname[op]:
                arg = -arg
            label = offset + 2 + 2 * arg
        elif op in hasjabs:
            label = 2 * arg
        else:
            continue
        if label not in labels:
            labels.append(label)
    return labels


def show_code(co, *, file=None):
    print(code_info(co), file=file)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    print(_listing(co), end="", file=file)


class Bytecode:
    """The bytecode operations of a piece of code."""

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False,
                 adaptive=False):
        self.codeobj = co = _code(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self._original_object = x
        self.current_offset = current_offset
        self.show_caches = show_caches
        self.adaptive = adaptive

    def __iter__(self):
        return _instructions_of(self.codeobj, self.first_line)

    def __repr__(self):
        return f"{type(self).__name__}({self._original_object!r})"

    def info(self):
        return code_info(self.codeobj)

    def dis(self):
        return _listing(self.codeobj)


cmp_op = ("<", "<=", "==", "!=", ">", ">=")
hasconst = [100, 172]
hasname = [90, 91, 95, 96, 97, 98, 101, 106, 108, 109, 116, 160]
hasjrel = [93, 110, 111, 112, 114, 115, 123, 128, 129, 134, 140, 173, 174, 175, 176]
hasjabs = []
haslocal = [124, 125, 126]
hascompare = [107]
hasfree = [135, 136, 137, 138, 139, 148]
hasnargs = []
HAVE_ARGUMENT = 90
EXTENDED_ARG = 144
opmap = _opmap()
_CACHES = _cache_entries()
opname = ["<%r>" % (op,) for op in range(256)]
for _name, _op in opmap.items():
    opname[_op] = _name
del _name, _op
COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED", 2: "NEWLOCALS", 4: "VARARGS", 8: "VARKEYWORDS", 16: "NESTED",
    32: "GENERATOR", 64: "NOFREE", 128: "COROUTINE", 256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}
"#;

pub fn module(vm: &Vm) -> PyResult<ObjRef> {
    let m = crate::module::new_module("dis");
    crate::module::add_function(vm, &m, "dis", |vm, args| {
        args.only_kwargs(vm, "dis", &["file", "depth", "show_caches", "adaptive"])?;
        let pos = args.count_kw(vm, "dis", 0, 1)?;
        let Some(x) = pos.first().filter(|x| !x.is_none()) else {
            return Err(vm.new_error(&vm.types.runtime_error, "no last traceback to disassemble"));
        };
        let text = listing(vm, x)?;
        let file = args.kwarg("file").filter(|f| !f.is_none()).cloned();
        write(vm, file, &text)?;
        Ok(Value::None)
    });
    crate::module::add_function(vm, &m, "code_info", |vm, args| {
        let [x] = args.exact::<1>(vm, "code_info")?;
        let code = code_of(vm, x)?;
        Ok(Value::from_string(code_info(&to_compiled(&code))))
    });
    crate::module::add_function(vm, &m, "_code", |vm, args| {
        let [x] = args.exact::<1>(vm, "_code")?;
        match x.as_str() {
            Some(_) => Ok(crate::object::code::code_value(code_or_source(vm, x)?)),
            None => code_value_of(vm, x),
        }
    });
    crate::module::add_function(vm, &m, "_listing", |vm, args| {
        let [x] = args.exact::<1>(vm, "_listing")?;
        let mut text = String::new();
        pyrite_compiler::dis::disassemble_one(&to_compiled(&*code_or_source(vm, x)?), &mut text);
        Ok(Value::from_string(text))
    });
    crate::module::add_function(vm, &m, "_instructions", |vm, args| {
        let [x] = args.exact::<1>(vm, "_instructions")?;
        Ok(raw_instructions(&*code_of(vm, x)?))
    });
    crate::module::add_function(vm, &m, "_opmap", |vm, _args| {
        let map = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
        for op in Opcode::ALL.iter().filter(|op| (**op as u8) < 240) {
            ops::dict_set(vm, &map, Value::new_str(op.name()), Value::Int(*op as i64))?;
        }
        Ok(map)
    });
    crate::module::add_function(vm, &m, "_cache_entries", |_vm, _args| {
        let mut caches = vec![Value::Int(0); 256];
        for op in Opcode::ALL {
            caches[*op as usize] = Value::Int(op.cache_entries() as i64);
        }
        Ok(crate::object::list::new_list(caches))
    });
    crate::module::exec_source(vm, &m, SOURCE, "<frozen dis>")?;
    Ok(m)
}

/// The code `get_instructions(x)` and `Bytecode(x)` read: `x`'s code, or
/// `x` compiled when it is source text.
fn code_or_source(vm: &Vm, x: &Value) -> PyResult<std::rc::Rc<Code>> {
    match x.as_str() {
        Some(source) => crate::compile_text(vm, source, "<disassembly>", "exec"),
        None => code_of(vm, x),
    }
}

/// Each instruction as `(opname, opcode, arg, argval, argrepr, offset,
/// starts_line, is_jump_target, positions)`; the Python side turns the
/// tuples into `Instruction`s.
fn raw_instructions(code: &Code) -> Value {
    let co = &to_compiled(code);
    let (offsets, _) = pyrite_compiler::dis::cpython_layout(co);
    let optional = |n: Option<u32>| n.map_or(Value::None, |n| Value::Int(n as i64));
    let items = pyrite_compiler::dis::instructions(co)
        .into_iter()
        .map(|d| {
            let arg = d.arg.map_or(Value::None, |a| Value::Int(a as i64));
            let (argval, location) = match d.index {
                Some(i) => (argval(code, &offsets, i, &arg), co.locations[i]),
                // An EXTENDED_ARG prefix has the position of its instruction.
                None => (arg.clone(), co.locations[locate_prefix(&offsets, d.offset)]),
            };
            let column = |c: u32| match c {
                pyrite_compiler::location::NO_COLUMN => Value::None,
                c => Value::Int(c as i64),
            };
            let positions = match location {
                Some(r) => vec![
                    Value::Int(r.start.line as i64),
                    Value::Int(r.end.line as i64),
                    column(r.start.col),
                    column(r.end.col),
                ],
                None => vec![Value::None; 4],
            };
            crate::object::tuple::new_tuple(vec![
                Value::new_str(d.opname),
                Value::Int(d.opcode as i64),
                arg,
                argval,
                Value::from_string(d.argrepr),
                Value::Int(d.offset as i64),
                optional(d.starts_line),
                Value::Bool(d.is_jump_target),
                crate::object::tuple::new_tuple(positions),
            ])
        })
        .collect();
    crate::object::list::new_list(items)
}

/// The instruction whose CPython encoding covers byte `offset`.
fn locate_prefix(offsets: &[u32], offset: u32) -> usize {
    offsets.partition_point(|&o| o <= offset).saturating_sub(1)
}

/// `Instruction.argval`: the constant, name or jump target the argument
/// stands for (CPython's `_get_instructions_bytes`).
fn argval(code: &Code, offsets: &[u32], index: usize, arg: &Value) -> Value {
    use Opcode::*;
    let instr = code.co.instructions[index];
    let n = instr.arg as usize;
    let name = |names: &[Value], i: usize| names.get(i).cloned().unwrap_or(Value::None);
    match instr.op {
        LOAD_CONST => code.consts.get(n).cloned().unwrap_or(Value::None),
        LOAD_GLOBAL => name(&code.names, n >> 1),
        STORE_NAME | DELETE_NAME | STORE_ATTR | DELETE_ATTR | STORE_GLOBAL | DELETE_GLOBAL
        | LOAD_NAME | LOAD_ATTR | IMPORT_NAME | IMPORT_FROM | LOAD_METHOD => name(&code.names, n),
        LOAD_FAST | STORE_FAST | DELETE_FAST | MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF
        | STORE_DEREF | DELETE_DEREF | LOAD_CLASSDEREF => name(&code.localsplus, n),
        COMPARE_OP => ["<", "<=", "==", "!=", ">", ">="]
            .get(n)
            .map_or(arg.clone(), |s| Value::new_str(s)),
        op if op.is_jump() => Value::Int(offsets[n] as i64),
        _ => arg.clone(),
    }
}

fn write(vm: &Vm, file: Option<Value>, text: &str) -> PyResult<()> {
    let stream = match file {
        Some(f) => f,
        None => ops::getattr(vm, &Value::Obj(vm.sys.clone()), "stdout")?,
    };
    let write = ops::getattr(vm, &stream, "write")?;
    ops::call(
        vm,
        &write,
        crate::object::function::Args::positional(&[Value::new_str(text)]),
    )?;
    Ok(())
}

/// What `dis.dis(x)` prints.
fn listing(vm: &Vm, x: &Value) -> PyResult<String> {
    // A class or a module: each thing in its namespace that has code.
    let is_namespace = matches!(x.payload(), Some(Payload::Type(_) | Payload::Module(_)));
    if is_namespace {
        let dict = ops::getattr(vm, x, "__dict__")?;
        let items = ops::call0(vm, &ops::getattr(vm, &dict, "items")?)?;
        let mut items = ops::collect_iterable(vm, &items)?;
        let mut pairs = Vec::new();
        for item in items.drain(..) {
            let pair = ops::collect_iterable(vm, &item)?;
            if let [key, value] = pair.as_slice() {
                pairs.push((ops::str_of(vm, key)?, value.clone()));
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::new();
        for (name, value) in pairs {
            if !has_code(&value) {
                continue;
            }
            out.push_str(&format!("Disassembly of {name}:\n"));
            match listing(vm, &value) {
                Ok(text) => out.push_str(&text),
                Err(err) if vm.err_matches(&err, &vm.types.type_error) => {
                    let msg = ops::str_of(vm, &Value::Obj(err.0.clone()))?;
                    out.push_str(&format!("Sorry: {msg}\n"));
                }
                Err(err) => return Err(err),
            }
            out.push('\n');
        }
        return Ok(out);
    }
    if let Some(source) = x.as_str() {
        let code = crate::compile_text(vm, source, "<dis>", "exec")?;
        return Ok(pyrite_compiler::dis::disassemble(&to_compiled(&code)));
    }
    let code = code_of(vm, x)?;
    Ok(pyrite_compiler::dis::disassemble(&to_compiled(&code)))
}

/// Things `dis` lists inside a class or module (CPython's `_have_code`).
fn has_code(v: &Value) -> bool {
    matches!(
        v.payload(),
        Some(
            Payload::Function(_)
                | Payload::BoundMethod(_)
                | Payload::Code(_)
                | Payload::ClassMethod(_)
                | Payload::StaticMethod(_)
                | Payload::Type(_)
        )
    )
}

/// The code object of a function, method, classmethod, staticmethod,
/// generator or code object.
fn code_of(vm: &Vm, x: &Value) -> PyResult<std::rc::Rc<Code>> {
    match code_value_of(vm, x)?.payload() {
        Some(Payload::Code(code)) => Ok(code.clone()),
        _ => unreachable!("code_value_of returns code objects"),
    }
}

/// The code object `x` disassembles as (itself, a function's `__code__`,
/// a generator's `gi_code`, ...), the very object, not a copy.
fn code_value_of(vm: &Vm, x: &Value) -> PyResult<Value> {
    let mut current = x.clone();
    for _ in 0..8 {
        match current.payload() {
            Some(Payload::Code(_)) => return Ok(current),
            Some(Payload::ClassMethod(f) | Payload::StaticMethod(f)) => {
                current = f.clone();
                continue;
            }
            Some(Payload::Generator(_)) => {
                for attr in ["gi_code", "cr_code", "ag_code"] {
                    if let Some(code) = ops::getattr_opt(vm, &current, attr)? {
                        current = code;
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        if let Some(func) = ops::getattr_opt(vm, &current, "__func__")? {
            current = func;
            continue;
        }
        if let Some(code) = ops::getattr_opt(vm, &current, "__code__")? {
            current = code;
            continue;
        }
        break;
    }
    Err(vm.type_error(format!(
        "don't know how to disassemble {} objects",
        vm.type_name(x)
    )))
}

/// The compiler's view of a runtime code object, constants included.
pub fn to_compiled(code: &Code) -> CodeObject {
    let mut co = code.co.clone();
    co.consts = code.consts.iter().map(constant_of).collect();
    co
}

fn constant_of(v: &Value) -> Constant {
    match v {
        Value::None => return Constant::None,
        Value::Bool(b) => return Constant::Bool(*b),
        Value::Int(i) => return Constant::Int((*i).into()),
        Value::Float(f) => return Constant::Float(*f),
        _ => {}
    }
    match v.payload() {
        Some(Payload::Int(i)) => Constant::Int(i.clone()),
        Some(Payload::Float(f)) => Constant::Float(*f),
        Some(Payload::Complex(real, imag)) => Constant::Complex {
            real: *real,
            imag: *imag,
        },
        Some(Payload::Str(s)) => Constant::Str(s.as_str().to_string()),
        Some(Payload::Bytes(b)) => Constant::Bytes(b.to_vec()),
        Some(Payload::Tuple(items)) => Constant::Tuple(items.iter().map(constant_of).collect()),
        Some(Payload::FrozenSet(set)) => {
            Constant::FrozenSet(set.borrow().keys().iter().map(constant_of).collect())
        }
        Some(Payload::Code(code)) => {
            let mut co = to_compiled(code);
            co.address = Some(crate::repr::address(v));
            Constant::Code(Box::new(co))
        }
        Some(Payload::Ellipsis) => Constant::Ellipsis,
        // Constants are only ever the kinds above.
        _ => Constant::None,
    }
}

/// `dis.code_info(x)`: the code object's attributes, as CPython formats them.
fn code_info(co: &CodeObject) -> String {
    let mut lines = vec![
        format!("Name:              {}", co.name),
        format!("Filename:          {}", co.filename),
        format!("Argument count:    {}", co.argcount),
        format!("Positional-only arguments: {}", co.posonlyargcount),
        format!("Kw-only arguments: {}", co.kwonlyargcount),
        format!("Number of locals:  {}", co.varnames.len()),
        format!("Stack size:        {}", co.stacksize),
        format!("Flags:             {}", flag_names(co.flags.0)),
    ];
    if !co.consts.is_empty() {
        lines.push("Constants:".into());
        for (i, c) in co.consts.iter().enumerate() {
            let text = match c {
                Constant::Code(child) => pyrite_compiler::dis::code_repr(child),
                other => other.repr(),
            };
            lines.push(format!("{i:>4}: {text}"));
        }
    }
    for (title, names) in [
        ("Names", &co.names),
        ("Variable names", &co.varnames),
        ("Free variables", &co.freevars),
        ("Cell variables", &co.cellvars),
    ] {
        if !names.is_empty() {
            lines.push(format!("{title}:"));
            for (i, n) in names.iter().enumerate() {
                lines.push(format!("{i:>4}: {n}"));
            }
        }
    }
    lines.join("\n")
}

fn flag_names(flags: u32) -> String {
    const NAMES: [(u32, &str); 10] = [
        (0x1, "OPTIMIZED"),
        (0x2, "NEWLOCALS"),
        (0x4, "VARARGS"),
        (0x8, "VARKEYWORDS"),
        (0x10, "NESTED"),
        (0x20, "GENERATOR"),
        (0x40, "NOFREE"),
        (0x80, "COROUTINE"),
        (0x100, "ITERABLE_COROUTINE"),
        (0x200, "ASYNC_GENERATOR"),
    ];
    let mut names: Vec<String> = NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| name.to_string())
        .collect();
    let known = NAMES.iter().fold(0, |acc, (bit, _)| acc | bit);
    if flags & !known != 0 {
        names.push(format!("{:#x}", flags & !known));
    }
    names.join(", ")
}
