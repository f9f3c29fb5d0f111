//! The `pyrite` command: run a Python 3.11 program, or show how one compiles.
//!
//! ```text
//! pyrite                         the interactive prompt (a program from stdin if not a terminal)
//! pyrite FILE [ARGS...]          run a program (-i: then the prompt; -B: no __pycache__)
//! pyrite -c CODE [ARGS...]       run a string of code
//! pyrite -m MODULE [ARGS...]     run a module (or a package's __main__) found on sys.path
//! pyrite dis FILE                every code object, as `python3 -m dis` prints it
//! pyrite scopes FILE [--jsonl]   the symbol table (pass 1)
//! pyrite scopes --explain FILE   ... with the reason for every name's class
//! pyrite codeobjs FILE --jsonl   the code objects' names and name instructions
//! pyrite compile [--no-write] PATH...  compile files (directories recursively) to __pycache__
//! ```

mod cli;
mod repl;
mod tools;

#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

// mimalloc's own C API, which the crate builds in: the option switch (whose
// Rust declaration in the crate needs a feature with a dependency that is not
// worth taking for one call) and its plain, unaligned entry points.
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
    fn mi_malloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_zalloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_realloc(p: *mut std::ffi::c_void, newsize: usize) -> *mut std::ffi::c_void;
}

/// mimalloc, through its plain `mi_malloc` whenever that gives the alignment
/// asked for. The `mimalloc` crate sends every request to `mi_malloc_aligned`,
/// which falls back on a slow over-allocating path whenever the free list it
/// looks at first is empty: that was 45% of the allocations of the OOP
/// benchmark, at ~140 instructions each, and the over-allocation puts blocks
/// in the next size class up.
struct Allocator;

impl Allocator {
    /// Does `mi_malloc` align a block of this layout well enough? Its blocks
    /// of 16 bytes or more are 16-aligned (`MI_MAX_ALIGN_SIZE`), smaller ones
    /// 8-aligned.
    fn plain(layout: std::alloc::Layout) -> bool {
        layout.align() <= 8 || (layout.align() <= 16 && layout.size() >= 16)
    }
}

// SAFETY: every block comes from mimalloc, with at least the alignment the
// layout asks for (`plain`, else mimalloc's aligned entry points), and goes
// back to it through `mi_free`, which takes blocks from either.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if Self::plain(layout) {
            mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if Self::plain(layout) {
            mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let new_layout = std::alloc::Layout::from_size_align_unchecked(new_size, layout.align());
        if Self::plain(layout) && Self::plain(new_layout) {
            mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

/// `mi_option_arena_eager_commit` in mimalloc.h (the fifth option, in the v2
/// and v3 headers alike).
const MI_OPTION_ARENA_EAGER_COMMIT: std::os::raw::c_int = 4;

/// Commit arena memory as it is used instead of up front: an empty program's
/// resident set goes from 13.5 MiB to 6 MiB and the cycle benchmark's peak
/// from 18.3 to 8.7 MiB (benches/memory.py), at no measured cost in speed.
/// It must run before the first allocation, which the Rust runtime makes
/// before `main`: hence a constructor of the executable.
#[cfg(target_os = "linux")]
extern "C" fn lazy_arena_commit() {
    // SAFETY: mi_option_set only stores an option value; any option index
    // and value are accepted.
    unsafe { mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static LAZY_ARENA_COMMIT: extern "C" fn() = lazy_arena_commit;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let program_name = std::env::args().next().unwrap_or_else(|| "pyrite".into());
    // A subcommand name as the first argument is the subcommand; a script of
    // that name is run by giving its path (`pyrite ./dis`).
    if matches!(
        args.first().map(String::as_str),
        Some("dis" | "scopes" | "codeobjs" | "compile")
    ) && args.len() > 1
    {
        let status = pyrite_compiler::with_large_stack(move || tools::run(&args));
        std::process::exit(status);
    }
    let options = match cli::parse(&args) {
        Ok(options) => options,
        Err(cli::Early::Help) => {
            print!("{}", cli::HELP);
            std::process::exit(0);
        }
        Err(cli::Early::Fatal(message)) => {
            eprintln!("Fatal Python error: {message}\nPython runtime state: preinitialized\n");
            std::process::exit(1);
        }
        // CPython's `-V` text, so that scripts reading the version work;
        // `-VV`, CPython's build details, says which implementation this is.
        Err(cli::Early::Version(1)) => {
            println!("Python 3.11.7");
            std::process::exit(0);
        }
        Err(cli::Early::Version(_)) => {
            println!("Python 3.11.7 (Pyrite {})", env!("CARGO_PKG_VERSION"));
            std::process::exit(0);
        }
        Err(cli::Early::Usage(message)) => {
            eprintln!("{message}");
            eprint!("{}", cli::usage_line(&program_name));
            std::process::exit(2);
        }
    };
    if options.ignore_environment {
        // Nothing has started yet: no other thread reads the environment.
        for name in ["PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"] {
            std::env::remove_var(name);
        }
    }
    let unbuffered =
        options.unbuffered || std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let flags = pyrite_vm::Flags {
        debug: options.debug,
        inspect: options.inspect,
        interactive: options.inspect,
        optimize: options.optimize,
        dont_write_bytecode: options.dont_write_bytecode || env_set("PYTHONDONTWRITEBYTECODE"),
        no_user_site: options.no_user_site,
        no_site: options.no_site,
        ignore_environment: options.ignore_environment,
        verbose: options.verbose,
        bytes_warning: options.bytes_warning,
        quiet: options.quiet,
        hash_randomization: options.ignore_environment
            || std::env::var_os("PYTHONHASHSEED").is_none_or(|v| v != "0"),
        isolated: options.isolated,
        dev_mode: options.dev_mode,
        utf8_mode: options.utf8_mode,
        warn_default_encoding: false,
        safe_path: options.safe_path,
        int_max_str_digits: options.int_max_str_digits.unwrap_or(-1),
    };
    let settings = pyrite_vm::Settings {
        dont_write_bytecode: options.dont_write_bytecode,
        unbuffered,
        optimize: options.optimize,
        isolated: options.isolated,
        flags,
    };
    let quiet = options.quiet;
    let inspect = options.inspect;
    let rest = options.args.clone();
    let interactive_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let status = run_vm(settings, move |vm| match options.program {
        cli::Program::Default if interactive_terminal || inspect => {
            pyrite_vm::run_interactive(vm, &rest, &mut |vm, main| repl::interact(vm, main, quiet))
        }
        cli::Program::Default | cli::Program::Stdin => pyrite_vm::run_stdin(vm, &rest),
        cli::Program::Command(code) => pyrite_vm::run_command(vm, &code, &rest),
        cli::Program::Module(name) => pyrite_vm::run_module(vm, &name, &rest),
        cli::Program::File(file) if inspect => {
            let mut interact = |vm: &pyrite_vm::Vm, main: &pyrite_vm::value::ObjRef| {
                repl::interact(vm, main, true)
            };
            pyrite_vm::run_file_then(vm, &file, &rest, Some(&mut interact))
        }
        cli::Program::File(file) => pyrite_vm::run_file(vm, &file, &rest),
    });
    pyrite_vm::interrupt::exit_like_cpython();
    std::process::exit(status);
}

/// Runs `f` with a fresh interpreter on a thread with a large stack: the
/// interpreter's, and below it room for the compiler, so that compiling (the
/// program, each import) needs no thread of its own.
fn run_vm(settings: pyrite_vm::Settings, f: impl FnOnce(&pyrite_vm::Vm) -> i32 + Send) -> i32 {
    const STACK: usize = pyrite_vm::VM_STACK_SIZE + pyrite_compiler::COMPILER_STACK_SIZE;
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pyrite".into())
            .stack_size(STACK)
            .spawn_scoped(scope, || {
                pyrite_compiler::declare_stack(STACK);
                let vm = pyrite_vm::Vm::new();
                vm.set_stack_budget(pyrite_vm::VM_STACK_SIZE);
                if let Err(e) = pyrite_vm::interrupt::install_handler(&vm) {
                    eprintln!("pyrite: cannot handle SIGINT: {e}");
                }
                pyrite_vm::apply_settings(&vm, &settings);
                f(&vm)
            });
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => {
                eprintln!("pyrite: cannot start the interpreter thread: {e}");
                1
            }
        }
    })
}
