//! Pyrite's runtime: values and objects, the eval loop, builtins, and running a
//! program (`run_file`, `run_command`) the way `python3` does, down to the exit
//! status and the traceback of an uncaught exception.

pub mod attrs;
pub mod builtins;
pub mod format;
pub mod import;
pub mod interp;
pub mod interrupt;
pub mod module;
pub mod modules;
pub mod numeric;
pub mod object;
pub mod ops;
pub mod repl;
pub mod repr;
pub mod traceback;
pub mod value;
pub mod vm;

use std::rc::Rc;

use pyrite_compiler::{CompileError, CompileOptions, ErrorKind};

use crate::object::code::Code;
use crate::value::Value;
pub use crate::vm::{PyErr, PyResult, Vm};

/// The stack size of the thread that runs Python code. Deep recursion raises
/// RecursionError well before it is used up (see `Vm::set_stack_budget`).
pub const VM_STACK_SIZE: usize = 256 * 1024 * 1024;

/// The exception a compile error becomes.
pub fn compile_error_to_exception(vm: &Vm, err: CompileError) -> PyErr {
    let class = match err.kind {
        ErrorKind::SyntaxError => vm.types.syntax_error.clone(),
        ErrorKind::IndentationError => vm.types.exception("IndentationError").clone(),
        ErrorKind::TabError => vm.types.exception("TabError").clone(),
        ErrorKind::RecursionError => vm.types.recursion_error.clone(),
        ErrorKind::MemoryError => vm.types.memory_error.clone(),
        ErrorKind::ValueError => vm.types.value_error.clone(),
        ErrorKind::OverflowError => vm.types.overflow_error.clone(),
    };
    let msg = Value::from_string(err.msg.clone());
    if !err.kind.is_syntax_error() {
        let args = if err.msg.is_empty() {
            Vec::new()
        } else {
            vec![msg]
        };
        return PyErr(crate::object::exception::new_exception(&class, args));
    }
    let exc = crate::object::exception::new_exception(&class, Vec::new());
    let exc_value = Value::Obj(exc.clone());
    let set = |name: &str, v: Value| crate::ops::set_attr_in_dict(vm, &exc, name, v);
    set("msg", msg.clone());
    let mut args = vec![msg];
    if let Some(loc) = &err.location {
        let text = if err.text_from_file {
            source_line_from_file(&err.filename, loc.lineno)
        } else {
            err.text.clone()
        };
        let text = match text {
            Some(t) => Value::from_string(format!("{t}\n")),
            None => Value::None,
        };
        let details = vec![
            Value::new_str(&err.filename),
            Value::Int(loc.lineno as i64),
            Value::Int(loc.offset as i64),
            text.clone(),
            Value::Int(loc.end_lineno as i64),
            Value::Int(loc.end_offset as i64),
        ];
        for (name, v) in crate::object::exception::SYNTAX_ERROR_DETAILS
            .iter()
            .zip(&details)
        {
            set(name, v.clone());
        }
        args.push(crate::object::tuple::new_tuple(details));
    }
    if let Some(d) = crate::object::exception::data(&exc_value) {
        d.borrow_mut().args = args;
    }
    PyErr(exc)
}

/// Line `lineno` of the file `filename` as it is now, without its line
/// terminator, if the file can be read (as CPython looks up the text of a
/// SyntaxError raised after parsing).
fn source_line_from_file(filename: &str, lineno: u32) -> Option<String> {
    let bytes = std::fs::read(filename).ok()?;
    let line = bytes
        .split(|&b| b == b'\n')
        .nth((lineno as usize).checked_sub(1)?)?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some(String::from_utf8_lossy(line).into_owned())
}

/// Compiles source text (`mode` is "exec", "eval" or "single").
pub fn compile_text(vm: &Vm, text: &str, filename: &str, mode: &str) -> PyResult<Rc<Code>> {
    let mut options = CompileOptions::new(filename);
    options.optimize = vm.optimize.get();
    options.recursion_limit = vm.recursion_limit.get();
    options.starting_depth = vm.depth.get();
    options.interactive = mode == "single";
    options.eval = mode == "eval";
    let text_owned = text.to_string();
    let compiled =
        pyrite_compiler::with_large_stack(move || pyrite_compiler::compile(&text_owned, &options));
    match compiled {
        Ok(co) => {
            // Names like "<string>" are not files: tracebacks show no source.
            if !filename.starts_with('<') {
                vm.sources
                    .borrow_mut()
                    .entry(filename.to_string())
                    .or_insert_with(|| text.into());
            }
            Ok(Code::from_compiled(vm, co))
        }
        Err(e) => Err(compile_error_to_exception(vm, e)),
    }
}

/// Compiles source bytes read from a file (PEP 263 decoding).
pub(crate) fn compile_file_bytes(vm: &Vm, bytes: Vec<u8>, filename: &str) -> PyResult<Rc<Code>> {
    compile_file_code(vm, bytes, filename).map(|co| Code::from_compiled(vm, co))
}

/// Compiles source bytes read from a file to the compiler's code object.
pub(crate) fn compile_file_code(
    vm: &Vm,
    bytes: Vec<u8>,
    filename: &str,
) -> PyResult<pyrite_compiler::bytecode::CodeObject> {
    let options = CompileOptions {
        recursion_limit: vm.recursion_limit.get(),
        optimize: vm.optimize.get(),
        ..CompileOptions::new(filename)
    };
    let name = filename.to_string();
    let result = pyrite_compiler::with_large_stack(move || {
        let text = pyrite_compiler::source::decode_source(
            &bytes,
            &name,
            pyrite_compiler::source::DecodeStyle::File,
        )?
        .into_owned();
        let code = pyrite_compiler::compile(&text, &options)?;
        Ok::<_, CompileError>((text, code))
    });
    match result {
        Ok((text, co)) => {
            vm.sources
                .borrow_mut()
                .insert(filename.to_string(), text.as_str().into());
            Ok(co)
        }
        Err(e) => Err(compile_error_to_exception(vm, e)),
    }
}

/// Creates `__main__` and registers it in `sys.modules`.
fn main_module(vm: &Vm, file: Option<&str>) -> crate::value::ObjRef {
    let module = crate::module::new_module("__main__");
    // CPython's `__main__` starts with an empty `__annotations__`, whether
    // the program annotates anything or not.
    let annotations = Value::Obj(crate::object::new_dict_object());
    crate::module::set_attr(vm, &module, "__annotations__", annotations);
    crate::module::set_attr(vm, &module, "__builtins__", Value::Obj(vm.builtins.clone()));
    if let Some(f) = file {
        crate::module::set_attr(vm, &module, "__file__", Value::new_str(f));
        crate::module::set_attr(vm, &module, "__cached__", Value::None);
    }
    crate::module::register_module(vm, "__main__", &module);
    module
}

fn set_argv(vm: &Vm, argv: &[String]) {
    let items = argv.iter().map(|a| Value::new_str(a)).collect();
    crate::module::set_attr(vm, &vm.sys, "argv", crate::object::list::new_list(items));
    *vm.argv.borrow_mut() = argv.to_vec();
}

/// `sys.path`: the script's directory (or "" for `-c`, the current
/// directory for `-m`), then the entries of `PYTHONPATH`.
fn set_path0(vm: &Vm, entry: &str) {
    // Isolated mode (`-I`) leaves the program's own directory out.
    let mut path = if vm.isolated.get() {
        Vec::new()
    } else {
        vec![Value::new_str(entry)]
    };
    if let Ok(extra) = std::env::var("PYTHONPATH") {
        path.extend(
            extra
                .split(':')
                .filter(|p| !p.is_empty())
                .map(|p| Value::new_str(&absolute(p))),
        );
    }
    crate::module::set_attr(vm, &vm.sys, "path", crate::object::list::new_list(path));
}

/// Runs a script: `pyrite FILE ARGS...`. Returns the process exit status.
pub fn run_file(vm: &Vm, path: &str, args: &[String]) -> i32 {
    run_file_then(vm, path, args, None)
}

/// What runs after the program with `-i`: the interactive prompt, in the
/// program's `__main__`; its result is the exit status.
pub type Then<'a> = Option<&'a mut dyn FnMut(&Vm, &crate::value::ObjRef) -> i32>;

/// `run_file`, then `then` (with `-i`), even if the program failed.
pub fn run_file_then(vm: &Vm, path: &str, args: &[String], then: Then) -> i32 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(0);
            let reason = io_error_text(&e);
            eprintln!(
                "pyrite: can't open file '{}': [Errno {errno}] {reason}",
                absolute(path)
            );
            return 2;
        }
    };
    let filename = absolute(path);
    let mut argv = vec![path.to_string()];
    argv.extend_from_slice(args);
    set_argv(vm, &argv);
    let dir = std::path::Path::new(&filename)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    set_path0(vm, &dir);
    let module = main_module(vm, Some(&filename));
    let result = compile_file_bytes(vm, bytes, &filename)
        .and_then(|code| crate::module::exec_code(vm, &module, code));
    match then {
        Some(interact) => {
            if let Err(err) = result {
                if vm.err_matches(&err, &vm.types.system_exit) {
                    return finish(vm, Err(err));
                }
                report_uncaught(vm, &err);
            }
            let status = interact(vm, &module);
            finish(vm, Ok(Value::None));
            status
        }
        None => finish(vm, result),
    }
}

/// Runs a program read from standard input (`pyrite -`, or `pyrite` when
/// stdin is not a terminal), as `<stdin>`.
pub fn run_stdin(vm: &Vm, args: &[String]) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
        eprintln!("pyrite: cannot read standard input: {e}");
        return 1;
    }
    let mut argv = vec!["-".to_string()];
    argv.extend_from_slice(args);
    set_argv(vm, &argv);
    set_path0(vm, "");
    let module = main_module(vm, None);
    let result = compile_file_bytes(vm, bytes, "<stdin>")
        .and_then(|code| crate::module::exec_code(vm, &module, code));
    finish(vm, result)
}

/// The interactive prompt on its own (`pyrite` on a terminal): `interact`
/// reads and runs the entries.
pub fn run_interactive(
    vm: &Vm,
    args: &[String],
    interact: &mut dyn FnMut(&Vm, &crate::value::ObjRef) -> i32,
) -> i32 {
    let module = crate::repl::start(vm, args);
    let status = interact(vm, &module);
    finish(vm, Ok(Value::None));
    status
}

/// What the command line sets before a program runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    /// `-B`: imported modules' bytecode is not written to `__pycache__`.
    pub dont_write_bytecode: bool,
    /// `-u` / `PYTHONUNBUFFERED`: standard output is written at once.
    pub unbuffered: bool,
    /// `-O` (1) or `-OO` (2).
    pub optimize: u8,
    /// `-I`: the script's directory (or the current one) is not on `sys.path`.
    pub isolated: bool,
    /// What `sys.flags` reports.
    pub flags: Flags,
}

/// The command-line and environment settings `sys.flags` reports, in its
/// field order (CPython 3.11's). Counts are how often a letter was given.
#[derive(Clone, Copy, Debug)]
pub struct Flags {
    pub debug: u8,
    pub inspect: bool,
    pub interactive: bool,
    pub optimize: u8,
    pub dont_write_bytecode: bool,
    pub no_user_site: bool,
    pub no_site: bool,
    pub ignore_environment: bool,
    pub verbose: u8,
    pub bytes_warning: u8,
    pub quiet: bool,
    pub hash_randomization: bool,
    pub isolated: bool,
    pub dev_mode: bool,
    pub utf8_mode: bool,
    pub warn_default_encoding: bool,
    pub safe_path: bool,
    /// `-X int_max_str_digits=N` (-1: not given).
    pub int_max_str_digits: i64,
}

impl Default for Flags {
    fn default() -> Flags {
        Flags {
            debug: 0,
            inspect: false,
            interactive: false,
            optimize: 0,
            dont_write_bytecode: false,
            no_user_site: false,
            no_site: false,
            ignore_environment: false,
            verbose: 0,
            bytes_warning: 0,
            quiet: false,
            hash_randomization: true,
            isolated: false,
            dev_mode: false,
            utf8_mode: false,
            warn_default_encoding: false,
            safe_path: false,
            int_max_str_digits: -1,
        }
    }
}

pub fn apply_settings(vm: &Vm, settings: &Settings) {
    if settings.dont_write_bytecode {
        crate::module::set_attr(vm, &vm.sys, "dont_write_bytecode", Value::Bool(true));
    }
    vm.unbuffered.set(settings.unbuffered);
    vm.optimize.set(settings.optimize);
    vm.isolated.set(settings.isolated);
    if let Ok(limit) = usize::try_from(settings.flags.int_max_str_digits) {
        vm.int_max_str_digits.set(limit);
    }
    crate::module::set_flags(vm, &settings.flags);
}

/// Runs `pyrite -m MODULE ARGS...`: the module (or a package's `__main__`),
/// found on `sys.path`, runs as `__main__`.
pub fn run_module(vm: &Vm, name: &str, args: &[String]) -> i32 {
    let cwd = std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    set_path0(vm, &cwd);
    let mut argv = vec!["-m".to_string()];
    argv.extend_from_slice(args);
    set_argv(vm, &argv);
    let (file, real_name) = match crate::import::find_main(vm, name) {
        Ok(found) => found,
        Err(err) => {
            let exc = Value::Obj(err.0.clone());
            let is_not_found =
                crate::builtins::isinstance(vm, &exc, &Value::Obj(vm.types.import_error.clone()))
                    .unwrap_or(false);
            if !is_not_found {
                return finish(vm, Err(err));
            }
            let msg = crate::ops::str_of(vm, &exc).unwrap_or_default();
            vm.flush_stdout();
            let program = std::env::args().next().unwrap_or_else(|| "pyrite".into());
            eprintln!("{program}: {msg}");
            return 1;
        }
    };
    let filename = absolute(&file.to_string_lossy());
    argv[0] = filename.clone();
    set_argv(vm, &argv);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!(
                "pyrite: can't open file '{filename}': {}",
                io_error_text(&e)
            );
            return 1;
        }
    };
    let module = main_module(vm, Some(&filename));
    let package = real_name.rsplit_once('.').map_or("", |(p, _)| p);
    crate::module::set_attr(vm, &module, "__package__", Value::new_str(package));
    match crate::import::new_spec(vm, &real_name, Value::new_str(&filename), false) {
        Ok(spec) => crate::module::set_attr(vm, &module, "__spec__", spec),
        Err(err) => return finish(vm, Err(err)),
    }
    let result = compile_file_bytes(vm, bytes, &filename)
        .and_then(|code| crate::module::exec_code(vm, &module, code));
    finish(vm, result)
}

/// Runs `pyrite -c CODE ARGS...`.
pub fn run_command(vm: &Vm, source: &str, args: &[String]) -> i32 {
    let mut argv = vec!["-c".to_string()];
    argv.extend_from_slice(args);
    set_argv(vm, &argv);
    set_path0(vm, "");
    let module = main_module(vm, None);
    let result = compile_text(vm, source, "<string>", "exec")
        .and_then(|code| crate::module::exec_code(vm, &module, code));
    finish(vm, result)
}

/// The exit status of a finished program, reporting an uncaught exception.
fn finish(vm: &Vm, result: PyResult<Value>) -> i32 {
    vm.run_finalizers();
    let status = match result {
        Ok(_) => 0,
        Err(e) => report_uncaught(vm, &e),
    };
    shut_down(vm);
    vm.flush_stdout();
    status
}

/// Interpreter shutdown: drops what `__main__` holds, in insertion order (as
/// CPython's collection of the module's dict does), so that objects it kept
/// alive are finalized.
fn shut_down(vm: &Vm) {
    let main = match &vm.modules.payload {
        crate::object::Payload::Dict(d) => d.borrow().get_str("__main__"),
        _ => None,
    };
    let Some(dict) = main.and_then(|m| m.obj().and_then(|o| o.dict.clone())) else {
        return;
    };
    let crate::object::Payload::Dict(d) = &dict.payload else {
        return;
    };
    // The objects the module's functions keep alive through their globals
    // are, for CPython, garbage of one cycle: finalized before anything is
    // cleared.
    crate::object::gc::finalize_reachable(vm, &dict);
    let count = d.borrow().capacity();
    for index in 0..count {
        let old = {
            let mut d = d.borrow_mut();
            match d.entry(index) {
                Some(e) if e.key.as_str() != Some("__builtins__") => {
                    let old = e.value.clone();
                    d.set_value(index, Value::None);
                    Some(old)
                }
                _ => None,
            }
        };
        drop(old);
        vm.run_finalizers();
    }
}

/// Reports an uncaught exception by calling `sys.excepthook(type, value,
/// traceback)`; when the hook is missing or fails, says so and prints the
/// exception itself, as CPython does.
fn print_through_excepthook(vm: &Vm, exc: &Value) {
    let sys = Value::Obj(vm.sys.clone());
    let Some(hook) = crate::ops::getattr_opt(vm, &sys, "excepthook")
        .ok()
        .flatten()
    else {
        crate::module::write_stream(vm, true, "sys.excepthook is missing\n");
        crate::module::write_stream(vm, true, &crate::traceback::format_exception(vm, exc));
        return;
    };
    let tb = crate::object::exception::data(exc)
        .map(|d| d.borrow().traceback.clone())
        .unwrap_or(Value::None);
    let class = Value::Obj(vm.type_of(exc));
    let called = crate::ops::call(
        vm,
        &hook,
        crate::object::function::Args::positional(&[class, exc.clone(), tb]),
    );
    vm.flush_stdout();
    if let Err(hook_err) = called {
        let hook_exc = Value::Obj(hook_err.0.clone());
        let text = format!(
            "Error in sys.excepthook:\n{}\nOriginal exception was:\n{}",
            crate::traceback::format_exception(vm, &hook_exc),
            crate::traceback::format_exception(vm, exc)
        );
        crate::module::write_stream(vm, true, &text);
    }
}

/// Prints an uncaught exception (or handles `SystemExit`); returns the exit
/// status.
pub fn report_uncaught(vm: &Vm, err: &PyErr) -> i32 {
    let exc = Value::Obj(err.0.clone());
    vm.flush_stdout();
    if vm.err_matches(err, &vm.types.system_exit) {
        let code = crate::ops::getattr_opt(vm, &exc, "code")
            .ok()
            .flatten()
            .unwrap_or(Value::None);
        return match &code {
            Value::None => 0,
            v if v.is_int() => v.as_i64().map_or(1, |c| c as i32),
            other => {
                let text = crate::ops::str_of(vm, other).unwrap_or_default();
                crate::module::write_stream(vm, true, &format!("{text}\n"));
                1
            }
        };
    }
    print_through_excepthook(vm, &exc);
    // An interrupted program exits as if killed by SIGINT.
    if vm.err_matches(err, &vm.types.keyboard_interrupt) {
        crate::interrupt::note_exit_by_signal();
        return 130;
    }
    1
}

fn absolute(path: &str) -> String {
    std::path::absolute(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}

/// The C library's text for an I/O error (`strerror`), without Rust's suffix.
pub(crate) fn io_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
