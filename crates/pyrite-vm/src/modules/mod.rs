//! Modules built into the interpreter (CPython's `sys.builtin_module_names`):
//! found by name before `sys.path` is searched.

use crate::value::ObjRef;
use crate::vm::Vm;

pub mod dis;
pub mod fileio;
pub mod gc;
pub mod math;
pub mod symtable;
pub mod time;
pub mod types;

/// The names of the built-in modules other than `sys`, `builtins` and
/// `importlib`, which exist from the start.
pub const NAMES: [&str; 7] = ["dis", "gc", "io", "math", "symtable", "time", "types"];

/// A fresh built-in module, if `name` is one.
pub fn create(vm: &Vm, name: &str) -> Option<crate::vm::PyResult<ObjRef>> {
    Some(match name {
        "dis" => dis::module(vm),
        "gc" => Ok(gc::module(vm)),
        "io" => fileio::module(vm),
        "math" => Ok(math::module(vm)),
        "symtable" => symtable::module(vm),
        "time" => Ok(time::module(vm)),
        "types" => types::module(vm),
        _ => return None,
    })
}
