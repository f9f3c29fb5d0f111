//! Pyrite's compiler: Python 3.11 source text to code objects.
//!
//! ```text
//! bytes ──source──▶ text ──parse──▶ AST ──symtable──▶ scopes ──codegen──▶ CodeObject
//!       (PEP 263)        (Ruff)         (pass 1)              (pass 2)
//! ```
//!
//! This crate knows nothing of runtime objects: a compile error is data
//! (`CompileError`) that the VM turns into an exception.

pub mod bytecode;
pub mod codegen;
pub mod dis;
pub mod error;
pub mod explain;
pub mod fast;
pub mod future;
pub mod literal;
pub mod location;
pub mod marshal;
pub mod number;
pub mod parse;
pub mod pyc;
pub mod report;
pub mod source;
pub mod symtable;

pub use bytecode::{CodeObject, Constant, Instruction, Opcode};
pub use error::{CompileError, ErrorKind};

use location::LineIndex;

/// How to compile.
#[derive(Clone, Debug)]
pub struct CompileOptions {
    pub filename: String,
    /// `-O` level.
    pub optimize: u8,
    /// `sys.getrecursionlimit()`: deeper ASTs are a RecursionError.
    pub recursion_limit: u32,
    /// Python frames on the stack when compiling starts (they count against the
    /// limit, as in CPython).
    pub starting_depth: u32,
    /// Compiling for the interactive prompt: expression statements print.
    pub interactive: bool,
    /// Compiling for `eval`: the source must be a single expression.
    pub eval: bool,
}

impl CompileOptions {
    pub fn new(filename: impl Into<String>) -> Self {
        CompileOptions {
            filename: filename.into(),
            optimize: 0,
            recursion_limit: 1000,
            starting_depth: 0,
            interactive: false,
            eval: false,
        }
    }
}

/// The result of pass 1 alone, with what is needed to explain it.
pub struct Analysis {
    pub table: symtable::SymbolTable,
    pub future: future::FutureFeatures,
}

/// Pass 1; `evidence` keeps what `--explain` shows, which compiling never needs.
fn analyze(
    parsed: &parse::ParsedModule,
    index: &LineIndex,
    options: &CompileOptions,
    evidence: bool,
) -> Result<Analysis, CompileError> {
    let module = parsed.module();
    let future = future::parse_future(module, index, &options.filename)?;
    let table = symtable::build(
        module,
        future,
        index,
        &options.filename,
        symtable::BuildOptions {
            recursion_limit: options.recursion_limit,
            starting_depth: options.starting_depth,
            evidence,
        },
    )?;
    Ok(Analysis { table, future })
}

/// Parses and runs pass 1 (the symbol table) on source text.
pub fn symbol_table(source: &str, options: &CompileOptions) -> Result<Analysis, CompileError> {
    let index = LineIndex::new(source);
    let parsed = parse::parse_module_indexed(source, &index, &options.filename)?;
    analyze(&parsed, &index, options, true).map_err(CompileError::after_parsing)
}

/// Compiles source text to the code object of a module.
pub fn compile(source: &str, options: &CompileOptions) -> Result<CodeObject, CompileError> {
    let index = LineIndex::new(source);
    let parsed = parse::parse_module_indexed(source, &index, &options.filename)?;
    let analysis = analyze(&parsed, &index, options, false).map_err(CompileError::after_parsing)?;
    codegen::compile_module(
        parsed.module(),
        &analysis.table,
        analysis.future,
        &index,
        &options.filename,
        codegen::CodegenOptions {
            optimize: options.optimize,
            interactive: options.interactive,
            eval: options.eval,
            recursion_limit: options.recursion_limit,
        },
    )
    .map_err(CompileError::after_parsing)
}

/// Decodes source bytes (PEP 263) and compiles them.
pub fn compile_bytes(
    bytes: &[u8],
    options: &CompileOptions,
    style: source::DecodeStyle,
) -> Result<CodeObject, CompileError> {
    let text = source::decode_source(bytes, &options.filename, style)?;
    compile(&text, options)
}

/// The stack a thread needs to compile anything CPython accepts.
pub const COMPILER_STACK_SIZE: usize = 512 * 1024 * 1024;

/// Runs `f` where there is a large stack: in place when the current thread
/// declared (with `declare_stack`) at least `COMPILER_STACK_SIZE` left below
/// this point, else on a new thread. Parsing, analysis and code generation
/// recurse over the syntax tree; CPython bounds that depth (and we match its
/// limits), but the bound it allows needs more than a default thread stack.
pub fn with_large_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if stack_left() >= COMPILER_STACK_SIZE {
        return f();
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(COMPILER_STACK_SIZE)
            .spawn_scoped(scope, f)
            .expect("spawning the compiler thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

thread_local! {
    /// The lowest stack address the current thread may use, if it declared one.
    static STACK_FLOOR: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Declares that the current thread has `bytes` of stack below the caller's
/// frame, so that `with_large_stack` can compile in place. A thread made with
/// a stack of `COMPILER_STACK_SIZE` plus what else it needs saves spawning a
/// thread for every compile (start-up, each import).
pub fn declare_stack(bytes: usize) {
    // What the thread's start-up code and this call already used.
    const MARGIN: usize = 64 * 1024;
    STACK_FLOOR.with(|f| f.set(stack_position().saturating_sub(bytes.saturating_sub(MARGIN))));
}

/// How much of the declared stack is left below this point (0 if none).
fn stack_left() -> usize {
    let floor = STACK_FLOOR.with(std::cell::Cell::get);
    if floor == 0 {
        return 0;
    }
    stack_position().saturating_sub(floor)
}

fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}
