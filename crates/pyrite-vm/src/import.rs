//! The import system: finding modules on `sys.path`, running each once, and
//! keeping them in `sys.modules`.
//!
//! It follows CPython's `importlib._bootstrap` in what a program can observe:
//!
//! * `import a.b.c` imports `a`, then `a.b`, then `a.b.c`, each found in its
//!   parent's `__path__` (the top level in `sys.path`), binds each submodule as
//!   an attribute of its parent, and evaluates to `a`.
//! * A module is in `sys.modules` *before* its code runs, so a circular import
//!   sees the partially initialised module; if its code fails, it is removed.
//! * In each directory of a search path, a package (`NAME/__init__.py`) wins
//!   over a module (`NAME.py`); a directory without `__init__.py` is a portion
//!   of a namespace package, used only if no regular module or package is
//!   found anywhere on the path.
//! * Relative imports resolve against `__package__` (or `__name__`, and
//!   whether the module is a package), with CPython's errors.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::object::Payload;
use crate::ops;
use crate::value::{ObjRef, Value};
use crate::vm::{PyErr, PyResult, Vm};

/// What a search of a path found for one module name.
enum Found {
    /// `NAME.py`.
    Module(PathBuf),
    /// `NAME/__init__.py` in directory `NAME`.
    Package { dir: PathBuf, init: PathBuf },
    /// Directories `NAME` without `__init__.py`, one per path entry.
    Namespace(Vec<PathBuf>),
}

/// `IMPORT_NAME`, and `__import__(name, globals, locals, fromlist, level)`.
pub fn import_name(
    vm: &Vm,
    name: &str,
    globals: Option<&Value>,
    fromlist: &Value,
    level: i64,
) -> PyResult<Value> {
    let resolved = if level > 0 {
        resolve_relative(vm, name, package_of(vm, globals)?, level)?
    } else {
        if name.is_empty() {
            return Err(vm.value_error("Empty module name"));
        }
        name.to_string()
    };
    let module = import_absolute(vm, &resolved)?;
    let from: Vec<Value> = if fromlist.is_none() {
        Vec::new()
    } else {
        ops::collect_iterable(vm, fromlist)?
    };
    if from.is_empty() {
        // `import a.b.c` binds `a`: the top package of what was named.
        if level == 0 {
            let top = name.split('.').next().unwrap_or(name);
            return import_absolute(vm, top);
        }
        if name.is_empty() {
            return Ok(module);
        }
        let cut = name.len() - name.split('.').next().unwrap_or(name).len();
        let top = &resolved[..resolved.len() - cut];
        return import_absolute(vm, top);
    }
    handle_fromlist(vm, &module, &from)?;
    Ok(module)
}

/// `from package import a, b`: names that are not attributes of a package
/// may be its submodules, which are imported then.
fn handle_fromlist(vm: &Vm, module: &Value, fromlist: &[Value]) -> PyResult<()> {
    if ops::getattr_opt(vm, module, "__path__")?.is_none() {
        return Ok(());
    }
    let module_name = module_name(vm, module)?;
    for item in fromlist {
        let Some(name) = item.as_str() else {
            return Err(vm.type_error(format!(
                "Item in {module_name}.__all__ must be str, not {}",
                vm.type_name(item)
            )));
        };
        if name == "*" {
            if let Some(all) = ops::getattr_opt(vm, module, "__all__")? {
                let names = ops::collect_iterable(vm, &all)?;
                handle_fromlist(vm, module, &names)?;
            }
            continue;
        }
        if ops::getattr_opt(vm, module, name)?.is_some() {
            continue;
        }
        let full = format!("{module_name}.{name}");
        if let Err(err) = import_absolute(vm, &full) {
            // Not a submodule after all: IMPORT_FROM reports the missing name.
            let missing = is_instance(vm, &err, &vm.types.module_not_found_error)
                && ops::getattr_opt(vm, &Value::Obj(err.0.clone()), "name")?
                    .and_then(|n| n.as_str().map(|s| s == full))
                    .unwrap_or(false);
            if !missing {
                return Err(err);
            }
        }
    }
    Ok(())
}

/// `IMPORT_FROM`: `from module import name`, falling back to a submodule in
/// `sys.modules` (an import cycle may not have bound the attribute yet).
pub fn import_from(vm: &Vm, module: &Value, name: &str) -> PyResult<Value> {
    if let Some(v) = ops::getattr_opt(vm, module, name)? {
        return Ok(v);
    }
    let module_name =
        ops::getattr_opt(vm, module, "__name__")?.and_then(|n| n.as_str().map(str::to_string));
    if let Some(module_name) = &module_name {
        if let Some(sub) = sys_modules_get(vm, &format!("{module_name}.{name}")) {
            return Ok(sub);
        }
    }
    let shown = module_name
        .clone()
        .unwrap_or_else(|| "<unknown module name>".into());
    let location = ops::getattr_opt(vm, module, "__file__")?
        .and_then(|f| f.as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown location".into());
    let initializing = module_name
        .as_ref()
        .is_some_and(|n| vm.importing.borrow().iter().any(|m| m == n));
    let msg = if initializing {
        format!(
            "cannot import name '{name}' from partially initialized module '{shown}' \
             (most likely due to a circular import) ({location})"
        )
    } else {
        format!("cannot import name '{name}' from '{shown}' ({location})")
    };
    let err = vm.new_error(&vm.types.import_error, msg);
    let exc = Value::Obj(err.0.clone());
    ops::setattr(vm, &exc, "name", Some(Value::new_str(&shown)))?;
    Err(err)
}

/// The package a relative import starts from: `__package__`, else derived
/// from `__name__` (a package is its own parent).
fn package_of(vm: &Vm, globals: Option<&Value>) -> PyResult<Option<String>> {
    let Some(globals) = globals else {
        return Ok(None);
    };
    let get = |key: &str| -> PyResult<Option<Value>> {
        match globals.payload() {
            Some(Payload::Dict(d)) => Ok(d.borrow().get_str(key)),
            _ => match ops::getitem(vm, globals, &Value::new_str(key)) {
                Ok(v) => Ok(Some(v)),
                Err(e) if is_instance(vm, &e, &vm.types.key_error) => Ok(None),
                Err(e) => Err(e),
            },
        }
    };
    if let Some(package) = get("__package__")? {
        if !package.is_none() {
            return match package.as_str() {
                Some(p) => Ok(Some(p.to_string())),
                None => Err(vm.type_error("package must be a string")),
            };
        }
    }
    let Some(name) = get("__name__")? else {
        return Err(vm.new_error(&vm.types.key_error, "'__name__' not in globals"));
    };
    let Some(name) = name.as_str() else {
        return Err(vm.type_error("__name__ must be a string"));
    };
    if get("__path__")?.is_some() {
        return Ok(Some(name.to_string()));
    }
    Ok(Some(
        name.rsplit_once('.')
            .map_or("", |(parent, _)| parent)
            .to_string(),
    ))
}

/// `from ..a import b` inside package `p.q.r` names `p.q.a`.
fn resolve_relative(vm: &Vm, name: &str, package: Option<String>, level: i64) -> PyResult<String> {
    let package = package.unwrap_or_default();
    if package.is_empty() {
        return Err(vm.new_error(
            &vm.types.import_error,
            "attempted relative import with no known parent package",
        ));
    }
    let parts: Vec<&str> = package.split('.').collect();
    let keep = parts.len() as i64 - (level - 1);
    if keep < 1 {
        return Err(vm.new_error(
            &vm.types.import_error,
            "attempted relative import beyond top-level package",
        ));
    }
    let base = parts[..keep as usize].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// `importlib.import_module(name, package=None)`.
pub fn import_module(vm: &Vm, name: &str, package: Option<&str>) -> PyResult<Value> {
    let level = name.len() - name.trim_start_matches('.').len();
    if level == 0 {
        return import_absolute(vm, name);
    }
    let Some(package) = package else {
        return Err(vm.type_error(format!(
            "the 'package' argument is required to perform a relative import for '{name}'"
        )));
    };
    let resolved = resolve_relative(vm, &name[level..], Some(package.to_string()), level as i64)?;
    import_absolute(vm, &resolved)
}

/// Imports a module by its full dotted name, with its parents first.
pub fn import_absolute(vm: &Vm, name: &str) -> PyResult<Value> {
    if let Some(module) = sys_modules_get(vm, name) {
        if module.is_none() {
            return Err(not_found(
                vm,
                format!("import of {name} halted; None in sys.modules"),
                name,
            ));
        }
        return Ok(module);
    }
    if let Some(module) = crate::modules::create(vm, name) {
        let module = module?;
        crate::module::register_module(vm, name, &module);
        return Ok(Value::Obj(module));
    }
    let (parent, leaf) = match name.rsplit_once('.') {
        Some((parent, leaf)) => (Some(parent), leaf),
        None => (None, name),
    };
    let search = match parent {
        Some(parent) => {
            let parent_module = import_absolute(vm, parent)?;
            // Importing the parent may have imported this module too.
            if let Some(module) = sys_modules_get(vm, name) {
                return Ok(module);
            }
            match search_path(vm, Some(&parent_module))? {
                Some(search) => search,
                None => {
                    return Err(not_found(
                        vm,
                        format!("No module named '{name}'; '{parent}' is not a package"),
                        name,
                    ))
                }
            }
        }
        None => search_path(vm, None)?.unwrap_or_default(),
    };
    let Some(found) = find(leaf, &search) else {
        return Err(not_found(vm, format!("No module named '{name}'"), name));
    };
    let module = load(vm, name, found)?;
    if let Some(parent) = parent {
        if let Some(parent_module) = sys_modules_get(vm, parent) {
            ops::setattr(vm, &parent_module, leaf, Some(module.clone()))?;
        }
    }
    Ok(module)
}

/// Where `python -m NAME` finds the code to run: the module's file, or the
/// `__main__.py` of a package; with the name it runs under and its package.
/// The parent packages are imported on the way, as CPython's runpy does.
pub fn find_main(vm: &Vm, name: &str) -> PyResult<(PathBuf, String)> {
    let (parent, leaf) = match name.rsplit_once('.') {
        Some((parent, leaf)) => (Some(parent), leaf),
        None => (None, name),
    };
    let search = match parent {
        Some(parent) => {
            let module = import_absolute(vm, parent)?;
            match search_path(vm, Some(&module))? {
                Some(search) => search,
                None => {
                    return Err(not_found(
                        vm,
                        format!(
                            "Error while finding module specification for '{name}' \
                             (ModuleNotFoundError: __path__ attribute not found on '{parent}' \
                             while trying to find '{name}')"
                        ),
                        name,
                    ))
                }
            }
        }
        None => search_path(vm, None)?.unwrap_or_default(),
    };
    match find(leaf, &search) {
        Some(Found::Module(file)) => Ok((file, name.to_string())),
        Some(Found::Package { .. } | Found::Namespace(_)) => {
            // A package runs as its __main__ submodule.
            import_absolute(vm, name)?;
            let main = format!("{name}.__main__");
            match find_main(vm, &main) {
                Ok(found) => Ok(found),
                Err(_) => Err(not_found(
                    vm,
                    format!(
                        "No module named {main}; '{name}' is a package and cannot be directly executed"
                    ),
                    &main,
                )),
            }
        }
        None => Err(not_found(vm, format!("No module named {name}"), name)),
    }
}

/// Where to look for a module: its parent package's `__path__` (None if the
/// parent is not a package), or `sys.path` for a top-level name.
fn search_path(vm: &Vm, parent: Option<&Value>) -> PyResult<Option<Vec<PathBuf>>> {
    let path = match parent {
        Some(package) => ops::getattr_opt(vm, package, "__path__")?,
        None => ops::getattr_opt(vm, &Value::Obj(vm.sys.clone()), "path")?,
    };
    match (path, parent) {
        (Some(path), _) => path_entries(vm, &path).map(Some),
        (None, Some(_)) => Ok(None),
        // No sys.path at all: nothing to search.
        (None, None) => Ok(Some(Vec::new())),
    }
}

/// The str entries of a search path (others are skipped, as CPython's path
/// finder skips what it cannot use); "" is the current directory.
fn path_entries(vm: &Vm, path: &Value) -> PyResult<Vec<PathBuf>> {
    Ok(ops::collect_iterable(vm, path)?
        .iter()
        .filter_map(|entry| {
            entry
                .as_str()
                .map(|s| PathBuf::from(if s.is_empty() { "." } else { s }))
        })
        .collect())
}

/// Looks for `name` in each directory of `search`, in order.
fn find(name: &str, search: &[PathBuf]) -> Option<Found> {
    let mut portions = Vec::new();
    for entry in search {
        let dir = entry.join(name);
        if dir.is_dir() {
            let init = dir.join("__init__.py");
            if init.is_file() {
                return Some(Found::Package { dir, init });
            }
        }
        let file = entry.join(format!("{name}.py"));
        if file.is_file() {
            return Some(Found::Module(file));
        }
        if dir.is_dir() {
            portions.push(dir);
        }
    }
    (!portions.is_empty()).then_some(Found::Namespace(portions))
}

/// Creates the module, registers it, and runs its code.
fn load(vm: &Vm, name: &str, found: Found) -> PyResult<Value> {
    let module = crate::module::new_module(name);
    let set = |attr: &str, value: Value| crate::module::set_attr(vm, &module, attr, value);
    let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
    let path_list = |dirs: &[PathBuf]| {
        crate::object::list::new_list(dirs.iter().map(|d| Value::new_str(&display(d))).collect())
    };
    let (file, origin) = match &found {
        Found::Module(file) => {
            set("__package__", Value::new_str(parent));
            (Some(file.clone()), Value::new_str(&display(file)))
        }
        Found::Package { dir, init } => {
            set("__package__", Value::new_str(name));
            set("__path__", path_list(std::slice::from_ref(dir)));
            (Some(init.clone()), Value::new_str(&display(init)))
        }
        Found::Namespace(dirs) => {
            set("__package__", Value::new_str(name));
            set("__path__", path_list(dirs));
            set("__file__", Value::None);
            (None, Value::None)
        }
    };
    let is_package = !matches!(found, Found::Module(_));
    set("__spec__", new_spec(vm, name, origin, is_package)?);
    let module_value = Value::Obj(module.clone());
    let Some(file) = file else {
        crate::module::register_module(vm, name, &module);
        return Ok(module_value);
    };
    let filename = display(&file);
    set("__file__", Value::new_str(&filename));
    set("__cached__", Value::None);
    set("__builtins__", Value::Obj(vm.builtins.clone()));
    let code = module_code(vm, &file, &filename)?;
    crate::module::register_module(vm, name, &module);
    vm.importing.borrow_mut().push(name.to_string());
    let result = crate::module::exec_code(vm, &module, code);
    vm.importing.borrow_mut().retain(|m| m != name);
    if let Err(err) = result {
        sys_modules_remove(vm, name);
        return Err(err);
    }
    // A module may replace itself in sys.modules while it runs.
    Ok(sys_modules_get(vm, name).unwrap_or(module_value))
}

/// The code of a module's source file: from its `__pycache__` file when that
/// is intact and up to date, else compiled (and the cache written, unless
/// `sys.dont_write_bytecode`). `PYRITE_TRACE_PYCACHE=1` reports each decision
/// on stderr.
fn module_code(vm: &Vm, file: &Path, filename: &str) -> PyResult<Rc<crate::object::code::Code>> {
    use pyrite_compiler::pyc;
    let trace = std::env::var_os("PYRITE_TRACE_PYCACHE").is_some_and(|v| !v.is_empty());
    let cache = pyc::cache_path(file);
    let stamp = pyc::SourceStamp::of(file).ok();
    let mut mode = pyc::Invalidation::Timestamp;
    if let (Some(stamp), Ok(bytes)) = (stamp, std::fs::read(&cache)) {
        match pyc::decode(&bytes, stamp, || std::fs::read(file).ok()) {
            Ok((mut code, _)) => {
                if trace {
                    eprintln!("pycache: loaded {}", cache.display());
                }
                pyc::set_filename(&mut code, filename);
                return Ok(crate::object::code::Code::from_compiled(vm, code));
            }
            Err(why) => {
                if trace {
                    eprintln!("pycache: ignored {}: {why}", cache.display());
                }
                mode = pyc::mode_of(&bytes).unwrap_or(mode);
            }
        }
    }
    let source = std::fs::read(file).map_err(|e| {
        vm.new_error(
            &vm.types.import_error,
            format!("cannot read {filename}: {e}"),
        )
    })?;
    let code = crate::compile_file_code(vm, source.clone(), filename)?;
    if trace {
        eprintln!("pycache: compiled {filename}");
    }
    if let Some(stamp) = stamp.filter(|_| !dont_write_bytecode(vm)) {
        let bytes = pyc::encode(&code, &source, stamp, mode);
        match pyc::write_atomically(&cache, &bytes) {
            Ok(()) if trace => eprintln!("pycache: wrote {}", cache.display()),
            Err(e) if trace => eprintln!("pycache: not written {}: {e}", cache.display()),
            _ => {}
        }
    }
    Ok(crate::object::code::Code::from_compiled(vm, code))
}

/// `sys.dont_write_bytecode`, as the program left it.
fn dont_write_bytecode(vm: &Vm) -> bool {
    ops::getattr_opt(vm, &Value::Obj(vm.sys.clone()), "dont_write_bytecode")
        .ok()
        .flatten()
        .is_some_and(|v| ops::truthy(vm, &v).unwrap_or(true))
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// A `ModuleSpec` with the fields programs read: `name`, `origin`,
/// `submodule_search_locations`, `parent`, `has_location`.
pub(crate) fn new_spec(vm: &Vm, name: &str, origin: Value, is_package: bool) -> PyResult<Value> {
    let class = spec_class(vm)?;
    let args = vec![Value::new_str(name), origin, Value::Bool(is_package)];
    ops::call(vm, &class, crate::object::function::Args::positional(&args))
}

/// The class of module specs, defined once, in Python.
fn spec_class(vm: &Vm) -> PyResult<Value> {
    if let Some(class) = vm.spec_class.borrow().clone() {
        return Ok(class);
    }
    const SOURCE: &str = "\
class ModuleSpec:
    def __init__(self, name, origin, is_package):
        self.name = name
        self.loader = None
        self.origin = origin
        self.submodule_search_locations = [] if is_package else None
        self.loader_state = None
        self.cached = None
        self.parent = name if is_package else name.rpartition('.')[0]
        self.has_location = origin is not None

    def __repr__(self):
        args = [f'name={self.name!r}', f'loader={self.loader!r}']
        if self.origin is not None:
            args.append(f'origin={self.origin!r}')
        if self.submodule_search_locations is not None:
            args.append(f'submodule_search_locations={self.submodule_search_locations}')
        return f'ModuleSpec({\", \".join(args)})'
";
    let module = crate::module::new_module("importlib._bootstrap");
    crate::module::exec_source(vm, &module, SOURCE, "<frozen importlib._bootstrap>")?;
    let class = ops::getattr(vm, &Value::Obj(module), "ModuleSpec")?;
    *vm.spec_class.borrow_mut() = Some(class.clone());
    Ok(class)
}

fn module_name(vm: &Vm, module: &Value) -> PyResult<String> {
    Ok(ops::getattr_opt(vm, module, "__name__")?
        .and_then(|n| n.as_str().map(str::to_string))
        .unwrap_or_default())
}

fn not_found(vm: &Vm, msg: String, name: &str) -> PyErr {
    let err = vm.new_error(&vm.types.module_not_found_error, msg);
    let _ = ops::setattr(
        vm,
        &Value::Obj(err.0.clone()),
        "name",
        Some(Value::new_str(name)),
    );
    err
}

fn is_instance(vm: &Vm, err: &PyErr, class: &ObjRef) -> bool {
    crate::builtins::isinstance(vm, &Value::Obj(err.0.clone()), &Value::Obj(class.clone()))
        .unwrap_or(false)
}

pub fn sys_modules_get(vm: &Vm, name: &str) -> Option<Value> {
    match &vm.modules.payload {
        Payload::Dict(d) => d.borrow().get_str(name),
        _ => None,
    }
}

fn sys_modules_remove(vm: &Vm, name: &str) {
    if let Payload::Dict(d) = &vm.modules.payload {
        let removed = {
            let mut d = d.borrow_mut();
            let hash = crate::object::str::hash_str(name);
            d.index_of_str(name, hash).and_then(|i| d.remove_at(i))
        };
        drop(removed);
    }
}

/// The `importlib` module: `import_module`, `reload`, `invalidate_caches`.
pub fn importlib_module(vm: &Vm) -> Rc<crate::object::Object> {
    let module = crate::module::new_module("importlib");
    crate::module::add_function(vm, &module, "import_module", |vm, args| {
        let pos = args.count(vm, "import_module", 1, 2)?;
        let name = ops::expect_str(vm, &pos[0], "module name")?;
        let package = match pos.get(1) {
            Some(p) if !p.is_none() => Some(ops::expect_str(vm, p, "package")?),
            _ => None,
        };
        import_module(vm, &name, package.as_deref())
    });
    crate::module::add_function(vm, &module, "invalidate_caches", |_, _| Ok(Value::None));
    crate::module::add_function(vm, &module, "reload", |vm, args| {
        let [module] = args.exact::<1>(vm, "reload")?;
        let Some(obj) = module
            .obj()
            .filter(|o| matches!(o.payload, Payload::Module(_)))
        else {
            return Err(vm.type_error("reload() argument must be a module"));
        };
        let name = module_name(vm, module)?;
        let file =
            ops::getattr_opt(vm, module, "__file__")?.and_then(|f| f.as_str().map(str::to_string));
        let Some(file) = file else {
            return Ok(module.clone());
        };
        let bytes = std::fs::read(&file)
            .map_err(|e| not_found(vm, format!("No module named '{name}' ({e})"), &name))?;
        let code = crate::compile_file_bytes(vm, bytes, &file)?;
        crate::module::exec_code(vm, obj, code)?;
        Ok(module.clone())
    });
    module
}
