//! Code objects at run time.
//!
//! The compiler's `CodeObject` is plain data; the VM wraps it with what running
//! it needs: the constants as values (nested code objects become runtime code
//! objects themselves), the names as interned str objects, and the layout of the
//! fast-locals array.

use std::cell::RefCell;
use std::rc::Rc;

use pyrite_compiler::bytecode::{CodeFlags, ExceptionEntry};
use pyrite_compiler::{CodeObject, Constant, Opcode};

use super::{Object, Payload};
use crate::value::Value;
use crate::vm::Vm;

pub struct Code {
    /// The compiled code; its `consts` are moved into `consts` below.
    pub co: CodeObject,
    pub consts: Box<[Value]>,
    /// `co_names` as interned strs.
    pub names: Box<[Value]>,
    /// The name of every fast-locals slot (arguments, locals, cells, frees).
    pub localsplus: Box<[Value]>,
    /// The number of slots holding free variables (the last ones).
    pub nfree: usize,
    pub name: Value,
    pub qualname: Value,
    pub filename: Rc<str>,
    /// Where each global name (by `co_names` index) was last found, for
    /// `LOAD_GLOBAL`.
    pub global_cache: Box<[std::cell::Cell<GlobalCache>]>,
    /// Per name: where `LOAD_NAME`/`STORE_NAME` last found it in the locals
    /// dict (see `Dict::get_name_hinted`).
    pub name_hints: Box<[std::cell::Cell<u32>]>,
    /// For each instruction, the index of its inline cache in `attr_caches`
    /// (used by the attribute instructions only).
    pub attr_slot: Box<[u32]>,
    pub attr_caches: Box<[crate::interp::attr_cache::Slot]>,
}

/// A remembered `LOAD_GLOBAL` result: the entry index of the name in the
/// globals dict, or in the builtins dict while the globals dict's keys have
/// not changed (so the name is still absent from it).
#[derive(Clone, Copy, Default)]
pub enum GlobalCache {
    #[default]
    Empty,
    Global {
        index: usize,
    },
    Builtin {
        globals_keys: u64,
        index: usize,
    },
}

impl Code {
    /// Builds the runtime code object (and those nested in it).
    pub fn from_compiled(vm: &Vm, mut co: CodeObject) -> Rc<Code> {
        let consts: Vec<Value> = std::mem::take(&mut co.consts)
            .into_iter()
            .map(|c| constant_value(vm, c))
            .collect();
        let names = co.names.iter().map(|n| vm.intern(n)).collect();
        let localsplus = co.localsplus_names().iter().map(|n| vm.intern(n)).collect();
        let name = vm.intern(&co.name);
        let qualname = vm.intern(&co.qualname);
        let filename: Rc<str> = co.filename.as_str().into();
        let global_cache = (0..co.names.len()).map(|_| Default::default()).collect();
        let name_hints = (0..co.names.len()).map(|_| Default::default()).collect();
        let mut ncaches = 0;
        let attr_slot = co
            .instructions
            .iter()
            .map(|i| match i.op {
                Opcode::LOAD_ATTR | Opcode::STORE_ATTR | Opcode::LOAD_METHOD => {
                    ncaches += 1;
                    ncaches - 1
                }
                _ => u32::MAX,
            })
            .collect();
        let attr_caches = (0..ncaches).map(|_| Default::default()).collect();
        Rc::new(Code {
            global_cache,
            name_hints,
            attr_slot,
            attr_caches,
            nfree: co.freevars.len(),
            consts: consts.into_boxed_slice(),
            names,
            localsplus,
            name,
            qualname,
            filename,
            co,
        })
    }

    pub fn flags(&self) -> CodeFlags {
        self.co.flags
    }

    pub fn is_generator_like(&self) -> bool {
        self.co.flags.0
            & (CodeFlags::GENERATOR.0 | CodeFlags::COROUTINE.0 | CodeFlags::ASYNC_GENERATOR.0)
            != 0
    }

    /// Does a call with `n` positional arguments and no keywords bind them
    /// to the parameters one for one, with nothing else to do?
    pub fn takes_positional(&self, n: usize) -> bool {
        let flags = self.co.flags.0;
        self.co.argcount as usize == n
            && self.co.kwonlyargcount == 0
            && flags & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) == 0
    }

    /// Does a call with `n` positional arguments and no keywords bind them
    /// to the first parameters, and the last `ndefaults` defaults to the
    /// rest, with nothing else to do? (`takes_positional` when `n` is the
    /// parameter count.)
    pub fn takes_positional_with_defaults(&self, n: usize, ndefaults: usize) -> bool {
        let flags = self.co.flags.0;
        let argcount = self.co.argcount as usize;
        n <= argcount
            && argcount - n <= ndefaults
            && self.co.kwonlyargcount == 0
            && flags & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) == 0
    }

    pub fn nlocalsplus(&self) -> usize {
        self.localsplus.len()
    }

    /// The handler protecting instruction `index`, if any.
    pub fn handler_for(&self, index: usize) -> Option<&ExceptionEntry> {
        let index = index as u32;
        self.co
            .exception_table
            .iter()
            .find(|e| e.start <= index && index < e.end)
    }

    /// The line of instruction `index` (the first line for instructions without
    /// one).
    pub fn line_of(&self, index: usize) -> u32 {
        self.co
            .locations
            .get(index)
            .copied()
            .flatten()
            .map_or(self.co.firstlineno, |l| l.start.line)
    }

    /// The localsplus slot name as a Rust string.
    pub fn slot_name(&self, slot: usize) -> &str {
        self.localsplus[slot].as_str().unwrap_or("")
    }
}

pub fn code_value(code: Rc<Code>) -> Value {
    Value::Obj(Object::new(Payload::Code(code)))
}

/// The value of a constant.
pub fn constant_value(vm: &Vm, c: Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Ellipsis => Value::Obj(vm.ellipsis.clone()),
        Constant::Bool(b) => Value::Bool(b),
        Constant::Int(i) => Value::from_bigint(i),
        Constant::Float(f) => Value::Float(f),
        Constant::Complex { real, imag } => crate::numeric::new_complex(real, imag),
        Constant::Str(s) => vm.intern(&s),
        Constant::Bytes(b) => Value::Obj(Object::new(Payload::Bytes(b.into_boxed_slice()))),
        Constant::Tuple(items) => {
            if items.is_empty() {
                return Value::Obj(vm.empty_tuple.clone());
            }
            crate::object::tuple::new_tuple(
                items.into_iter().map(|c| constant_value(vm, c)).collect(),
            )
        }
        Constant::FrozenSet(items) => {
            // CPython builds the frozenset from the items in source order, then
            // rebuilds it from that set's iteration order when it merges the
            // code object's constants; the slot layout (and so the iteration
            // order) depends on both steps.
            let first = RefCell::new(crate::object::set::Set::new());
            for item in items {
                // Constants are hashable and compare natively: this cannot fail.
                let _ = crate::object::set::add(vm, &first, constant_value(vm, item));
            }
            let second = RefCell::new(crate::object::set::Set::new());
            for key in first.into_inner().keys() {
                let _ = crate::object::set::add(vm, &second, key);
            }
            crate::object::set::new_frozenset_value(second.into_inner())
        }
        Constant::Code(code) => code_value(Code::from_compiled(vm, *code)),
    }
}

fn code_arg<'a>(vm: &Vm, v: &'a Value, method: &str) -> crate::vm::PyResult<&'a Rc<Code>> {
    match v.payload() {
        Some(Payload::Code(code)) => Ok(code),
        _ => Err(vm.type_error(format!(
            "descriptor '{method}' requires a 'code' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn opt_int(v: Option<u32>) -> Value {
    v.map_or(Value::None, |n| Value::Int(n as i64))
}

/// CPython 3.11's code equality: everything that affects running the code
/// (name, counts, flags, first line, instructions, constants, names, positions,
/// exception table), but not the file name or the qualified name.
fn same_code(a: &Code, b: &Code) -> bool {
    let a = crate::modules::dis::to_compiled(a);
    let mut b = crate::modules::dis::to_compiled(b);
    b.qualname.clone_from(&a.qualname);
    b.filename.clone_from(&a.filename);
    b.stacksize = a.stacksize;
    a.same_as(&b)
}

fn code_compare(
    vm: &Vm,
    args: crate::object::function::Args,
    name: &str,
    equal: bool,
) -> crate::vm::PyResult<Value> {
    let [this, other] = args.exact::<2>(vm, name)?;
    let code = code_arg(vm, this, name)?;
    Ok(match other.payload() {
        Some(Payload::Code(other)) => Value::Bool(same_code(code, other) == equal),
        _ => crate::ops::not_implemented(vm),
    })
}

/// The methods of code objects: `co_lines()`, `co_positions()`, `replace()`,
/// equality and hash.
pub fn register(vm: &Vm) {
    use crate::object::function::add_method;
    use crate::object::tuple::new_tuple;
    let t = vm.types.code.clone();
    add_method(vm, &t, "__eq__", |vm, args| {
        code_compare(vm, args, "__eq__", true)
    });
    add_method(vm, &t, "__ne__", |vm, args| {
        code_compare(vm, args, "__ne__", false)
    });
    add_method(vm, &t, "__hash__", |vm, args| {
        let [this] = args.exact::<1>(vm, "__hash__")?;
        let code = code_arg(vm, this, "__hash__")?;
        let co = &code.co;
        let mut h: i64 = crate::object::str::hash_str(&co.name);
        for part in [
            co.argcount,
            co.flags.0,
            co.instructions.len() as u32,
            co.names.len() as u32,
        ] {
            h = h.wrapping_mul(1_000_003) ^ part as i64;
        }
        Ok(Value::Int(if h == -1 { -2 } else { h }))
    });
    add_method(vm, &t, "co_lines", |vm, args| {
        let [this] = args.exact::<1>(vm, "co_lines")?;
        let code = code_arg(vm, this, "co_lines")?;
        let co = crate::modules::dis::to_compiled(code);
        let items = pyrite_compiler::dis::line_ranges(&co)
            .into_iter()
            .map(|(start, end, line)| {
                new_tuple(vec![
                    Value::Int(start as i64),
                    Value::Int(end as i64),
                    opt_int(line),
                ])
            })
            .collect();
        crate::ops::iter(vm, &crate::object::list::new_list(items))
    });
    add_method(vm, &t, "co_positions", |vm, args| {
        let [this] = args.exact::<1>(vm, "co_positions")?;
        let code = code_arg(vm, this, "co_positions")?;
        let co = crate::modules::dis::to_compiled(code);
        let items = pyrite_compiler::dis::unit_positions(&co)
            .into_iter()
            .map(|(line, end_line, col, end_col)| {
                new_tuple(vec![
                    opt_int(line),
                    opt_int(end_line),
                    opt_int(col),
                    opt_int(end_col),
                ])
            })
            .collect();
        crate::ops::iter(vm, &crate::object::list::new_list(items))
    });
    add_method(vm, &t, "replace", |vm, args| {
        let this = args.pos.first().cloned().unwrap_or(Value::None);
        let code = code_arg(vm, &this, "replace")?;
        if args.pos.len() > 1 {
            return Err(vm.type_error("replace() takes no positional arguments"));
        }
        let mut co = crate::modules::dis::to_compiled(code);
        let mut consts = None;
        for (key, value) in args.kw_names.iter().zip(args.kw_values) {
            let key = key.as_str().unwrap_or("");
            let text = |v: &Value| crate::ops::expect_str(vm, v, key);
            let number = |v: &Value| -> crate::vm::PyResult<u32> {
                u32::try_from(crate::ops::index_value(vm, v)?)
                    .map_err(|_| vm.value_error(format!("{key} must be a non-negative int")))
            };
            match key {
                "co_name" => co.name = text(value)?,
                "co_qualname" => co.qualname = text(value)?,
                "co_filename" => co.filename = text(value)?,
                "co_firstlineno" => co.firstlineno = number(value)?,
                "co_flags" => co.flags = pyrite_compiler::bytecode::CodeFlags(number(value)?),
                "co_names" | "co_varnames" => {
                    let names = crate::ops::collect_iterable(vm, value)?
                        .iter()
                        .map(|n| crate::ops::expect_str(vm, n, key))
                        .collect::<crate::vm::PyResult<Vec<_>>>()?;
                    let target = if key == "co_names" {
                        &mut co.names
                    } else {
                        &mut co.varnames
                    };
                    if names.len() != target.len() {
                        return Err(vm.value_error(format!(
                            "Pyrite's code.replace() keeps the number of {key}"
                        )));
                    }
                    *target = names;
                }
                "co_consts" => match value.payload() {
                    Some(Payload::Tuple(items)) => consts = Some(items.to_vec()),
                    _ => {
                        return Err(vm.type_error(format!(
                            "replace() argument 'co_consts' must be tuple, not {}",
                            vm.type_name(value)
                        )))
                    }
                },
                "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals"
                | "co_stacksize" | "co_code" | "co_freevars" | "co_cellvars" | "co_linetable"
                | "co_exceptiontable" => {
                    return Err(
                        vm.value_error(format!("Pyrite's code.replace() cannot change {key} yet"))
                    )
                }
                other => {
                    return Err(vm.type_error(format!(
                        "'{other}' is an invalid keyword argument for replace()"
                    )))
                }
            }
        }
        let mut new = Code::from_compiled(vm, co);
        if let Some(consts) = consts {
            if consts.len() != new.consts.len() {
                return Err(vm.value_error("Pyrite's code.replace() keeps the number of co_consts"));
            }
            // Just built: nothing else holds it yet.
            if let Some(code) = Rc::get_mut(&mut new) {
                code.consts = consts.into_boxed_slice();
            }
        }
        Ok(code_value(new))
    });
}
