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

mod repl;
mod tools;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: pyrite [-B] [-i] [-q] [FILE | - ] [ARGS...]   (no FILE: the prompt)
       pyrite -c CODE [ARGS...]
       pyrite -m MODULE [ARGS...]
       pyrite dis FILE...
       pyrite scopes FILE... [--jsonl | --explain]
       pyrite codeobjs FILE... --jsonl
       pyrite compile [--no-write] [-f] [--invalidation-mode MODE] [-j N] PATH...
";

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // Options before the program: -B (do not write `__pycache__` files),
    // -i (the prompt after the program), -q (no banner).
    let mut dont_write_bytecode = false;
    let mut inspect = false;
    let mut quiet = false;
    while let Some(flag) = args
        .first()
        .filter(|a| matches!(a.as_str(), "-B" | "-i" | "-q"))
    {
        match flag.as_str() {
            "-B" => dont_write_bytecode = true,
            "-i" => inspect = true,
            _ => quiet = true,
        }
        args.remove(0);
    }
    let run_vm = move |f: Box<dyn FnOnce(&pyrite_vm::Vm) -> i32 + Send>| {
        run_vm(move |vm| {
            if dont_write_bytecode {
                pyrite_vm::set_dont_write_bytecode(vm);
            }
            f(vm)
        })
    };
    let interactive_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let status = match args.first().map(String::as_str) {
        None if interactive_terminal || inspect => run_vm(Box::new(move |vm| {
            pyrite_vm::run_interactive(vm, &[], &mut |vm, main| repl::interact(vm, main, quiet))
        })),
        None => run_vm(Box::new(|vm| pyrite_vm::run_stdin(vm, &[]))),
        Some("-") => {
            let rest = args[1..].to_vec();
            run_vm(Box::new(move |vm| pyrite_vm::run_stdin(vm, &rest)))
        }
        Some("-h" | "--help") => {
            print!("{USAGE}");
            0
        }
        Some("-V" | "--version") => {
            println!("Python 3.11.7 (Pyrite {})", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("dis" | "scopes" | "codeobjs" | "compile") if args.len() > 1 => {
            pyrite_compiler::with_large_stack(move || tools::run(&args))
        }
        Some("-c") => match args.get(1) {
            Some(code) => {
                let code = code.clone();
                let rest = args[2..].to_vec();
                run_vm(Box::new(move |vm| pyrite_vm::run_command(vm, &code, &rest)))
            }
            None => {
                eprintln!("Argument expected for the -c option");
                eprint!("{USAGE}");
                2
            }
        },
        Some(option) if option.starts_with("-m") => {
            // `-m NAME` or the attached `-mNAME`.
            let (name, rest) = if option.len() > 2 {
                (Some(option[2..].to_string()), args[1..].to_vec())
            } else {
                (args.get(1).cloned(), args.get(2..).unwrap_or(&[]).to_vec())
            };
            match name {
                Some(name) => run_vm(Box::new(move |vm| pyrite_vm::run_module(vm, &name, &rest))),
                None => {
                    eprintln!("Argument expected for the -m option");
                    eprint!("{USAGE}");
                    2
                }
            }
        }
        Some(option) if option.starts_with('-') && option.len() > 1 => {
            eprintln!("unknown option {option}");
            eprint!("{USAGE}");
            2
        }
        Some(_) => {
            let file = args[0].clone();
            let rest = args[1..].to_vec();
            if inspect {
                run_vm(Box::new(move |vm| {
                    let mut interact = |vm: &pyrite_vm::Vm, main: &pyrite_vm::value::ObjRef| {
                        repl::interact(vm, main, true)
                    };
                    pyrite_vm::run_file_then(vm, &file, &rest, Some(&mut interact))
                }))
            } else {
                run_vm(Box::new(move |vm| pyrite_vm::run_file(vm, &file, &rest)))
            }
        }
    };
    std::process::exit(status);
}

/// Runs `f` with a fresh interpreter on a thread with a large stack.
fn run_vm(f: impl FnOnce(&pyrite_vm::Vm) -> i32 + Send) -> i32 {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pyrite".into())
            .stack_size(pyrite_vm::VM_STACK_SIZE)
            .spawn_scoped(scope, || {
                let vm = pyrite_vm::Vm::new();
                vm.set_stack_budget(pyrite_vm::VM_STACK_SIZE);
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
