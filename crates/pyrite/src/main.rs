//! The `pyrite` command.

mod tools;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let code = pyrite_compiler::with_large_stack(move || tools::run(&args[1..]));
    std::process::exit(code);
}
