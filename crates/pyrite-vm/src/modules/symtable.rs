//! The `symtable` module: CPython's interface to the symbol table, backed by
//! Pyrite's own pass 1. A native function hands the finished table over as
//! plain data (nested tuples and dicts); the classes programs use are written
//! in Python below, as CPython's are.

use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyResult, Vm};
use pyrite_compiler::symtable::{ScopeId, ScopeKind, SymbolScope, SymbolTable};

const SOURCE: &str = r#"
# Each block arrives as (type, name, lineno, nested, children, symbols, id);
# symbols maps a name to (flags, scope), with CPython's flag bits and scope
# numbers.
USE = 16
DEF_GLOBAL, DEF_LOCAL, DEF_PARAM, DEF_NONLOCAL = 1, 2, 4, 8
DEF_IMPORT, DEF_ANNOT = 128, 256
DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT
LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE, CELL = 1, 2, 3, 4, 5


def symtable(code, filename, compile_type):
    if compile_type not in ("exec", "eval", "single"):
        raise ValueError("symtable() arg 3 must be 'exec' or 'eval' or 'single'")
    return _wrap(_table(code, filename, compile_type), filename)


def _wrap(block, filename):
    cls = {"function": Function, "class": Class}.get(block[0], SymbolTable)
    return cls(block, filename)


class SymbolTable:
    def __init__(self, raw_table, filename):
        self._table = raw_table
        self._filename = filename
        self._symbols = {}

    def __repr__(self):
        kind = "" if type(self) is SymbolTable else type(self).__name__ + " "
        if self.get_name() == "top":
            return f"<{kind}SymbolTable for module {self._filename}>"
        return f"<{kind}SymbolTable for {self.get_name()} in {self._filename}>"

    def get_type(self):
        return self._table[0]

    def get_id(self):
        return self._table[6]

    def get_name(self):
        return self._table[1]

    def get_lineno(self):
        return self._table[2]

    def is_optimized(self):
        return self.get_type() == "function"

    def is_nested(self):
        return self._table[3]

    def has_children(self):
        return len(self._table[4]) > 0

    def get_identifiers(self):
        return self._table[5].keys()

    def lookup(self, name):
        if name not in self._symbols:
            flags, scope = self._table[5][name]
            spaces = [_wrap(b, self._filename) for b in self._table[4] if b[1] == name]
            self._symbols[name] = Symbol(name, flags, scope, spaces, self.get_name() == "top")
        return self._symbols[name]

    def get_symbols(self):
        return [self.lookup(name) for name in self.get_identifiers()]

    def get_children(self):
        return [_wrap(b, self._filename) for b in self._table[4]]


class Function(SymbolTable):
    def _select(self, wanted):
        return tuple(name for name, (flags, scope) in self._table[5].items()
                     if wanted(flags, scope))

    def get_parameters(self):
        return self._select(lambda flags, scope: flags & DEF_PARAM)

    def get_locals(self):
        return self._select(lambda flags, scope: scope in (LOCAL, CELL))

    def get_globals(self):
        return self._select(lambda flags, scope: scope in (GLOBAL_IMPLICIT, GLOBAL_EXPLICIT))

    def get_nonlocals(self):
        return self._select(lambda flags, scope: flags & DEF_NONLOCAL)

    def get_frees(self):
        return self._select(lambda flags, scope: scope == FREE)


class Class(SymbolTable):
    def get_methods(self):
        return tuple(dict.fromkeys(b[1] for b in self._table[4]))


class Symbol:
    def __init__(self, name, flags, scope, namespaces=None, module_scope=False):
        self._name = name
        self._flags = flags
        self._scope = scope
        self._namespaces = namespaces or ()
        self._module_scope = module_scope

    def __repr__(self):
        return f"<symbol {self._name!r}>"

    def get_name(self):
        return self._name

    def _bound_at_module_level(self):
        return self._module_scope and bool(self._flags & DEF_BOUND)

    def is_referenced(self):
        return bool(self._flags & USE)

    def is_parameter(self):
        return bool(self._flags & DEF_PARAM)

    def is_global(self):
        return self._scope in (GLOBAL_IMPLICIT, GLOBAL_EXPLICIT) or self._bound_at_module_level()

    def is_nonlocal(self):
        return bool(self._flags & DEF_NONLOCAL)

    def is_declared_global(self):
        return self._scope == GLOBAL_EXPLICIT

    def is_local(self):
        return self._scope in (LOCAL, CELL) or self._bound_at_module_level()

    def is_annotated(self):
        return bool(self._flags & DEF_ANNOT)

    def is_free(self):
        return self._scope == FREE

    def is_imported(self):
        return bool(self._flags & DEF_IMPORT)

    def is_assigned(self):
        return bool(self._flags & DEF_LOCAL)

    def is_namespace(self):
        return len(self._namespaces) > 0

    def get_namespaces(self):
        return self._namespaces

    def get_namespace(self):
        if not self._namespaces:
            raise ValueError("name is not bound to any namespaces")
        if len(self._namespaces) > 1:
            raise ValueError("name is bound to multiple namespaces")
        return self._namespaces[0]
"#;

pub fn module(vm: &Vm) -> PyResult<ObjRef> {
    let m = crate::module::new_module("symtable");
    crate::module::add_function(vm, &m, "_table", |vm, args| {
        let [code, filename, mode] = args.exact::<3>(vm, "_table")?;
        let source = match code.payload() {
            Some(Payload::Str(s)) => s.as_str().to_string(),
            Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
            _ => return Err(vm.type_error("symtable() arg 1 must be a string or bytes")),
        };
        let filename = ops::expect_str(vm, filename, "filename")?;
        let mut options = pyrite_compiler::CompileOptions::new(filename.as_str());
        options.eval = mode.as_str() == Some("eval");
        options.interactive = mode.as_str() == Some("single");
        let analysis = pyrite_compiler::with_large_stack(move || {
            pyrite_compiler::symbol_table(&source, &options)
        })
        .map_err(|e| crate::compile_error_to_exception(vm, e))?;
        Ok(block(vm, &analysis.table, ScopeId::MODULE))
    });
    crate::module::exec_source(vm, &m, SOURCE, "<frozen symtable>")?;
    Ok(m)
}

/// One block as `(type, name, lineno, nested, children, symbols, id)`.
fn block(vm: &Vm, table: &SymbolTable, id: ScopeId) -> Value {
    let scope = table.scope(id);
    let kind = match scope.kind {
        ScopeKind::Module => "module",
        ScopeKind::Class => "class",
        _ => "function",
    };
    let name = match scope.kind {
        ScopeKind::Module => "top".to_string(),
        _ => scope
            .name
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string(),
    };
    let lineno = if scope.kind == ScopeKind::Module {
        0
    } else {
        scope.start.line as i64
    };
    // In the order pass 1 entered them (a default's comprehension comes
    // before the function it belongs to), as CPython lists them.
    let children = crate::object::list::new_list(
        scope
            .children
            .iter()
            .map(|&c| block(vm, table, c))
            .collect(),
    );
    let symbols = crate::object::dict::new_dict_value(crate::object::dict::Dict::new());
    for (symbol_name, symbol) in &scope.symbols {
        let scope_number = match symbol.scope {
            SymbolScope::Local => 1,
            SymbolScope::GlobalExplicit => 2,
            SymbolScope::GlobalImplicit => 3,
            SymbolScope::Free => 4,
            SymbolScope::Cell => 5,
            SymbolScope::Undecided => 0,
        };
        let entry = crate::object::tuple::new_tuple(vec![
            Value::Int(symbol.flags as i64),
            Value::Int(scope_number),
        ]);
        let _ = ops::dict_set(vm, &symbols, Value::new_str(symbol_name), entry);
    }
    crate::object::tuple::new_tuple(vec![
        Value::new_str(kind),
        Value::new_str(&name),
        Value::Int(lineno),
        Value::Bool(scope.nested),
        children,
        symbols,
        Value::Int(id.0 as i64),
    ])
}
