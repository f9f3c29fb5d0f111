//! What the fuzz targets share: compiling the way the CLI does, and running a
//! program in a fresh VM whose work and output are bounded.

use std::sync::Once;

use pyrite_compiler::source::DecodeStyle;
use pyrite_compiler::{CodeObject, CompileError, CompileOptions};
use pyrite_vm::value::Value;
use pyrite_vm::Vm;

/// Programs longer than this are not run: a fuzzer explores behaviours, and
/// short inputs give it many more executions per second.
pub const MAX_PROGRAM_BYTES: usize = 4096;

/// Instructions a fuzzed program may execute before each further one raises.
/// Every test program of the repository finishes well within it (the eval
/// loop runs some 10^8 a second), so real behaviour is still reached.
pub const INSTRUCTION_BUDGET: u64 = 200_000;

pub use pyrite_compiler::with_large_stack as on_compiler_stack;

/// Compiles source bytes as `pyrite compile --no-write` does.
pub fn compile_file_bytes(data: &[u8]) -> Result<CodeObject, CompileError> {
    let options = CompileOptions::new("<fuzz>");
    on_compiler_stack(|| pyrite_compiler::compile_bytes(data, &options, DecodeStyle::File))
}

/// The stamp a cache file's header claims for its source (zero where the
/// header is too short), so that its own freshness check accepts it.
pub fn claimed_stamp(data: &[u8]) -> pyrite_compiler::pyc::SourceStamp {
    let field = |at: usize, len: usize| {
        let mut bytes = [0u8; 8];
        if let Some(src) = data.get(at..at + len) {
            bytes[..len].copy_from_slice(src);
        }
        u64::from_le_bytes(bytes)
    };
    pyrite_compiler::pyc::SourceStamp {
        mtime_secs: field(12, 8) as i64,
        mtime_nanos: field(20, 4) as u32,
        size: field(24, 8),
    }
}

/// Address space the fuzzing process may use. Fuzzed programs ask for huge
/// objects (`'x' * 10**10`); past this cap the allocation fails and the VM
/// raises MemoryError, as CPython does on a machine without that much
/// memory, instead of the run spending seconds filling gigabytes. It is well
/// above libFuzzer's `-rss_limit_mb=2048` (docs/robustness.md), so that the
/// memory a long run leaks (each VM's own built-in objects) ends
/// the worker as an out-of-memory, which fork mode restarts, rather than as a
/// failure to map the VM's and the compiler's large, lazily committed stacks.
const ADDRESS_SPACE_BYTES: u64 = 8 << 30;

/// Sets up the process once: standard output goes to /dev/null (fuzzed
/// programs print, and libFuzzer reports on standard error), and the
/// address space is capped.
fn bound_process() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: plain system calls on a path literal, descriptors this
        // process owns and a limit struct on the stack; a failure only leaves
        // stdout or the limit as it was.
        unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
            if null >= 0 {
                libc::dup2(null, libc::STDOUT_FILENO);
                libc::close(null);
            }
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE_BYTES,
                rlim_max: ADDRESS_SPACE_BYTES,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
        }
    });
}

/// Decodes, compiles and runs source bytes as `__main__` in a fresh VM, with
/// the instruction budget and the default recursion limit. The program's
/// outcome (a value or an exception, whose traceback is formatted and
/// dropped) does not matter; only a panic or a crash does.
pub fn run_bytes(data: &[u8]) {
    let Ok(text) = pyrite_compiler::source::decode_source(data, "<fuzz>", DecodeStyle::File) else {
        return;
    };
    run_text(&text);
}

/// `run_bytes` for source text.
pub fn run_text(text: &str) {
    bound_process();
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .stack_size(pyrite_vm::VM_STACK_SIZE)
            .spawn_scoped(scope, || run_in_vm(text));
        // A panic in the VM thread is already reported by libFuzzer's hook;
        // passing it on makes the input count as a crash.
        match spawned {
            Ok(handle) => {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            Err(e) => panic!("cannot spawn the VM thread: {e}"),
        }
    });
}

fn run_in_vm(text: &str) {
    let vm = Vm::new();
    vm.set_stack_budget(pyrite_vm::VM_STACK_SIZE);
    vm.set_instruction_budget(INSTRUCTION_BUDGET);
    let module = pyrite_vm::module::new_module("__main__");
    pyrite_vm::module::set_attr(
        &vm,
        &module,
        "__builtins__",
        Value::Obj(vm.builtins.clone()),
    );
    pyrite_vm::module::register_module(&vm, "__main__", &module);
    let result = pyrite_vm::compile_text(&vm, text, "<fuzz>", "exec")
        .and_then(|code| pyrite_vm::module::exec_code(&vm, &module, code));
    vm.run_finalizers();
    if let Err(err) = result {
        let _ = pyrite_vm::traceback::format_exception(&vm, &Value::Obj(err.0.clone()));
    }
    vm.flush_stdout();
}
