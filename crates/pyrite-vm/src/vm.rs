//! The interpreter state shared by everything that runs: the built-in types, the
//! builtins and `sys` modules, the recursion counter, the exception being
//! handled, and standard output.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::object::typ::BuiltinTypes;
use crate::object::{Object, Payload};
use crate::value::{ObjRef, Value};

/// A raised Python exception: the exception instance.
#[derive(Clone)]
pub struct PyErr(pub ObjRef);

pub type PyResult<T> = Result<T, PyErr>;

/// The default of `sys.getrecursionlimit()`.
pub const DEFAULT_RECURSION_LIMIT: u32 = 1000;

pub struct Vm {
    pub types: BuiltinTypes,
    /// Set by the SIGINT handler (see `crate::interrupt`), taken by the eval
    /// loop at its next check.
    pub(crate) interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub builtins: ObjRef,
    pub sys: ObjRef,
    /// `sys.modules`.
    pub modules: ObjRef,
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
    pub empty_tuple: ObjRef,
    /// Python frames (and recursive native operations) currently active.
    pub depth: Cell<u32>,
    pub recursion_limit: Cell<u32>,
    /// The exceptions being handled: one entry per running generator plus the
    /// base entry; `sys.exc_info()` is the innermost that is not None.
    exc_states: RefCell<Vec<Value>>,
    /// The lowest stack address Python code may recurse to before a
    /// RecursionError, whatever `sys.getrecursionlimit()` says.
    stack_floor: Cell<usize>,
    pub stdout: RefCell<std::io::BufWriter<std::io::Stdout>>,
    /// Interned strings: names in code objects share one object each, so that
    /// dict lookups by name usually succeed on pointer identity.
    interned: RefCell<FxHashMap<Box<str>, ObjRef>>,
    /// The one-character strs of the Latin-1 characters, made when first
    /// asked for (`char_str`).
    latin1: Box<[OnceCell<ObjRef>]>,
    /// The source text of files run so far, for tracebacks.
    pub sources: RefCell<HashMap<String, Rc<str>>>,
    /// The containers whose repr is being computed (against `[[...]]` loops).
    pub repr_active: RefCell<Vec<usize>>,
    /// Finished function frames, emptied (each keeps only its last code
    /// object, see `Vm::recycle_frame`), for the next calls to reuse.
    /// (Boxed: a frame moves between the pool, an eval loop's callees and a
    /// generator as one pointer.)
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: RefCell<Vec<Box<crate::interp::Frame>>>,
    /// The live frames, the running one last (what `sys._getframe()` and
    /// `f_back` walk).
    pub frames: RefCell<Vec<Rc<crate::object::frame::FrameCore>>>,
    /// `sys.get_int_max_str_digits()` (0: no limit).
    pub int_max_str_digits: Cell<usize>,
    /// `sys.argv`.
    pub argv: RefCell<Vec<String>>,
    /// Modules whose code is running for their first import, innermost last.
    pub importing: RefCell<Vec<String>>,
    /// The class of `__spec__` objects, made on first use.
    pub spec_class: RefCell<Option<Value>>,
    /// `-u`: flush standard output after every write.
    pub unbuffered: Cell<bool>,
    /// `-O` level, for everything compiled while the program runs.
    pub optimize: Cell<u8>,
    /// `-I`: isolated mode.
    pub isolated: Cell<bool>,
    /// Files opened with `open()`, by handle (`None` once closed).
    pub files: RefCell<Vec<Option<std::fs::File>>>,
    /// Instructions left before every further one raises RuntimeError
    /// (`u64::MAX`: unbounded). Only the fuzz targets set it.
    #[cfg(feature = "instruction-budget")]
    pub(crate) instruction_budget: Cell<u64>,
}

impl Vm {
    pub fn new() -> Vm {
        let types = BuiltinTypes::bootstrap();
        let not_implemented = Object::new(Payload::NotImplemented);
        let ellipsis = Object::new(Payload::Ellipsis);
        let empty_tuple = Object::new(Payload::Tuple(Box::new([])));
        let modules = crate::object::new_dict_object();
        let builtins = crate::module::new_module("builtins");
        let sys = crate::module::new_module("sys");
        let vm = Vm {
            types,
            builtins,
            sys,
            modules,
            not_implemented,
            ellipsis,
            empty_tuple,
            depth: Cell::new(0),
            recursion_limit: Cell::new(DEFAULT_RECURSION_LIMIT),
            exc_states: RefCell::new(vec![Value::None]),
            stack_floor: Cell::new(0),
            interrupt: Default::default(),
            stdout: RefCell::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )),
            interned: RefCell::new(FxHashMap::default()),
            latin1: (0..256).map(|_| OnceCell::new()).collect(),
            sources: RefCell::new(HashMap::new()),
            repr_active: RefCell::new(Vec::new()),
            frame_pool: RefCell::new(Vec::new()),
            frames: RefCell::new(Vec::new()),
            int_max_str_digits: Cell::new(crate::object::int::MAX_STR_DIGITS),
            argv: RefCell::new(Vec::new()),
            importing: RefCell::new(Vec::new()),
            spec_class: RefCell::new(None),
            unbuffered: Cell::new(false),
            optimize: Cell::new(0),
            isolated: Cell::new(false),
            files: RefCell::new(Vec::new()),
            #[cfg(feature = "instruction-budget")]
            instruction_budget: Cell::new(u64::MAX),
        };
        crate::object::typ::populate_builtin_types(&vm);
        crate::builtins::populate(&vm);
        crate::module::init_sys(&vm);
        let importlib = crate::import::importlib_module(&vm);
        crate::module::register_module(&vm, "importlib", &importlib);
        vm
    }

    /// A one-character str. Latin-1 characters are shared objects, as in
    /// CPython: text taken apart character by character costs no memory
    /// per character.
    pub fn char_str(&self, c: char) -> Value {
        if let Some(cell) = self.latin1.get(c as usize) {
            let obj = cell.get_or_init(|| {
                let mut buf = [0u8; 4];
                self.intern_obj(c.encode_utf8(&mut buf))
            });
            return Value::Obj(obj.clone());
        }
        Value::from_string(c.to_string())
    }

    /// The interned str object for a name.
    pub fn intern(&self, s: &str) -> Value {
        Value::Obj(self.intern_obj(s))
    }

    /// `intern`, as the str object itself.
    pub fn intern_obj(&self, s: &str) -> ObjRef {
        if let Some(obj) = self.interned.borrow().get(s) {
            return obj.clone();
        }
        let obj = Object::new(Payload::Str(crate::object::str::PyStr::new(s)));
        self.interned.borrow_mut().insert(s.into(), obj.clone());
        obj
    }

    pub fn builtins_dict(&self) -> &ObjRef {
        self.builtins
            .dict
            .as_ref()
            .expect("the builtins module has a dict")
    }

    /// Bounds the work a program may do: after `instructions` more
    /// instructions, each one raises RuntimeError instead of running, so that
    /// a handler catching the error cannot loop on (its own first instruction
    /// raises again) and the program unwinds to its end.
    #[cfg(feature = "instruction-budget")]
    pub fn set_instruction_budget(&self, instructions: u64) {
        self.instruction_budget.set(instructions);
    }

    /// Spends one instruction of the budget.
    #[cfg(feature = "instruction-budget")]
    #[inline]
    pub(crate) fn charge_instruction(&self) -> PyResult<()> {
        match self.instruction_budget.get() {
            0 => Err(self.new_error(&self.types.runtime_error, "instruction budget exhausted")),
            u64::MAX => Ok(()),
            left => {
                self.instruction_budget.set(left - 1);
                Ok(())
            }
        }
    }

    pub fn flush_stdout(&self) {
        let _ = self.stdout.borrow_mut().flush();
    }

    /// Enters a recursive operation (a Python call, or a native one that recurses
    /// on user data such as `repr` of nested lists); fails with RecursionError
    /// beyond `sys.getrecursionlimit()`. A pending SIGINT is raised here too,
    /// as KeyboardInterrupt: every call passes this way.
    #[inline(always)]
    pub fn enter_recursion(&self, what: &str) -> PyResult<()> {
        let depth = self.depth.get() + 1;
        if depth > self.recursion_limit.get()
            || stack_position() < self.stack_floor.get()
            || self.interrupt_pending()
        {
            return Err(self.recursion_refused(what));
        }
        self.depth.set(depth);
        Ok(())
    }

    /// `enter_recursion` for a Python call the eval loop runs in place
    /// (`eval::execute`): such a frame takes no native stack, so only the
    /// recursion limit (or a pending SIGINT) refuses it.
    #[inline(always)]
    pub fn enter_inline_call(&self) -> PyResult<()> {
        let depth = self.depth.get() + 1;
        if depth > self.recursion_limit.get() || self.interrupt_pending() {
            return Err(self.recursion_refused(""));
        }
        self.depth.set(depth);
        Ok(())
    }

    #[cold]
    fn recursion_refused(&self, what: &str) -> PyErr {
        if let Err(interrupt) = self.check_interrupt() {
            return interrupt;
        }
        self.recursion_error(what)
    }

    fn recursion_error(&self, what: &str) -> PyErr {
        self.new_error(
            &self.types.recursion_error,
            format!("maximum recursion depth exceeded{what}"),
        )
    }

    /// Has a SIGINT arrived that is not yet raised?
    #[inline]
    pub fn interrupt_pending(&self) -> bool {
        self.interrupt.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Raises KeyboardInterrupt if a SIGINT is pending (and takes it).
    #[inline]
    pub fn check_interrupt(&self) -> PyResult<()> {
        if self.interrupt_pending() {
            return Err(self.take_interrupt());
        }
        Ok(())
    }

    #[cold]
    fn take_interrupt(&self) -> PyErr {
        self.interrupt
            .store(false, std::sync::atomic::Ordering::Relaxed);
        PyErr(crate::object::exception::new_exception(
            &self.types.keyboard_interrupt,
            Vec::new(),
        ))
    }

    pub fn leave_recursion(&self) {
        self.depth.set(self.depth.get() - 1);
    }

    /// Runs `f` one level deeper, as `enter_recursion(what)` counts levels.
    pub fn recursing<T>(&self, what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
        self.enter_recursion(what)?;
        let result = f();
        self.leave_recursion();
        result
    }

    /// Fails with RecursionError when the native stack is nearly used up,
    /// without counting a level: for native recursion CPython does not count
    /// (hashing nested tuples), which must still not overflow.
    pub fn check_stack(&self) -> PyResult<()> {
        if stack_position() < self.stack_floor.get() {
            return Err(self.recursion_error(""));
        }
        Ok(())
    }

    /// Declares how much stack the current thread has left below this point:
    /// deeper recursion raises RecursionError instead of overflowing.
    pub fn set_stack_budget(&self, bytes: usize) {
        // Keep a margin for the native code between two checks.
        const MARGIN: usize = 256 * 1024;
        let here = stack_position();
        self.stack_floor
            .set(here.saturating_sub(bytes.saturating_sub(MARGIN)));
    }

    // ----- finalizers -------------------------------------------------------------

    /// Runs the finalizers of objects that died since the last call: closes
    /// suspended generators, calls `__del__`. Errors are reported as
    /// "Exception ignored in: ..." on stderr, as CPython does.
    pub fn run_finalizers(&self) {
        loop {
            let pending = crate::object::take_pending_finalizers();
            if pending.is_empty() {
                return;
            }
            for obj in pending {
                crate::object::mark_finalized(&obj);
                let value = Value::Obj(obj.clone());
                let (result, culprit) = match &obj.payload {
                    Payload::Generator(_) => {
                        (crate::object::generator::close(self, &value), value.clone())
                    }
                    _ => {
                        let method = crate::object::typ::lookup(&self.type_of(&value), "__del__")
                            .unwrap_or(Value::None);
                        let result =
                            crate::ops::call_special(self, &value, "__del__", &[]).map(|_| ());
                        (result, method)
                    }
                };
                if let Err(e) = result {
                    self.write_unraisable(&e, &culprit);
                }
            }
        }
    }

    /// CPython's report of an exception that cannot propagate.
    pub fn write_unraisable(&self, err: &PyErr, culprit: &Value) {
        let what = crate::ops::repr(self, culprit).unwrap_or_default();
        let report = crate::traceback::format_exception_alone(self, &Value::Obj(err.0.clone()));
        crate::module::write_stream(
            self,
            true,
            &format!("Exception ignored in: {what}\n{report}"),
        );
    }

    // ----- the exception being handled ------------------------------------------

    /// `sys.exc_info()[1]`: the innermost exception being handled.
    pub fn current_exception(&self) -> Option<Value> {
        self.exc_states
            .borrow()
            .iter()
            .rev()
            .find(|v| !v.is_none())
            .cloned()
    }

    /// Sets the exception the current frame handles; returns the previous one.
    pub fn swap_handled(&self, exc: Value) -> Value {
        let mut states = self.exc_states.borrow_mut();
        let top = states.last_mut().expect("the base exception state");
        std::mem::replace(top, exc)
    }

    /// Enters a generator with its own handled-exception state.
    pub fn push_exc_state(&self, state: Value) {
        self.exc_states.borrow_mut().push(state);
    }

    /// Leaves a generator; returns its handled-exception state.
    pub fn pop_exc_state(&self) -> Value {
        let mut states = self.exc_states.borrow_mut();
        if states.len() > 1 {
            states.pop().unwrap_or(Value::None)
        } else {
            Value::None
        }
    }

    // ----- raising ------------------------------------------------------------

    /// A new exception instance of `class` with one str argument.
    pub fn new_error(&self, class: &ObjRef, msg: impl Into<String>) -> PyErr {
        let args = vec![Value::from_string(msg.into())];
        PyErr(crate::object::exception::new_exception(class, args))
    }

    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.type_error, msg)
    }

    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.value_error, msg)
    }

    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.index_error, msg)
    }

    pub fn attribute_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.attribute_error, msg)
    }

    pub fn name_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.name_error, msg)
    }

    pub fn zero_division(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.zero_division_error, msg)
    }

    pub fn overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.overflow_error, msg)
    }

    pub fn runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.types.runtime_error, msg)
    }

    /// `err`, raised `from cause` (its `__cause__` and `__context__`).
    pub fn caused_by(&self, err: PyErr, cause: &PyErr) -> PyErr {
        if let Payload::Exception(d) = &err.0.payload {
            let mut d = d.borrow_mut();
            d.cause = Value::Obj(cause.0.clone());
            d.context = Value::Obj(cause.0.clone());
            d.suppress_context = true;
        }
        err
    }

    /// Room for `additional` more items in `v`, or MemoryError (instead of
    /// aborting) when the allocation cannot be made.
    pub fn reserve<T>(&self, v: &mut Vec<T>, additional: usize) -> PyResult<()> {
        let bytes = additional.saturating_mul(std::mem::size_of::<T>().max(1));
        if bytes > memory_limit() {
            return Err(self.memory_error());
        }
        v.try_reserve(additional).map_err(|_| self.memory_error())
    }

    /// Room for `additional` more bytes of text, or MemoryError.
    pub fn reserve_text(&self, s: &mut String, additional: usize) -> PyResult<()> {
        if additional > memory_limit() {
            return Err(self.memory_error());
        }
        s.try_reserve(additional).map_err(|_| self.memory_error())
    }

    pub fn memory_error(&self) -> PyErr {
        PyErr(crate::object::exception::new_exception(
            &self.types.memory_error,
            Vec::new(),
        ))
    }

    /// KeyError carries the key itself as its argument.
    pub fn key_error(&self, key: Value) -> PyErr {
        PyErr(crate::object::exception::new_exception(
            &self.types.key_error,
            vec![key],
        ))
    }

    pub fn stop_iteration(&self, value: Option<Value>) -> PyErr {
        let args = value.into_iter().collect();
        PyErr(crate::object::exception::new_exception(
            &self.types.stop_iteration,
            args,
        ))
    }

    /// Is the raised exception an instance of `class` (or a subclass)?
    pub fn err_matches(&self, err: &PyErr, class: &ObjRef) -> bool {
        let err_class = self.type_of(&Value::Obj(err.0.clone()));
        crate::object::typ::is_subtype(&err_class, class)
    }
}

/// The largest single allocation worth attempting: the machine's memory and
/// swap (what Linux's default overcommit policy also refuses beyond). An
/// allocator that reserves address space lazily would otherwise accept a
/// request no machine can back, and the program would die later instead of
/// getting a MemoryError.
fn memory_limit() -> usize {
    static LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        let field = |text: &str, name: &str| -> Option<usize> {
            let line = text.lines().find(|l| l.starts_with(name))?;
            let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb.saturating_mul(1024))
        };
        match std::fs::read_to_string("/proc/meminfo") {
            Ok(text) => {
                let total = field(&text, "MemTotal:").unwrap_or(usize::MAX / 2);
                let swap = field(&text, "SwapTotal:").unwrap_or(0);
                total.saturating_add(swap)
            }
            Err(_) => usize::MAX / 2,
        }
    })
}

/// An address near the top of the current stack.
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}
