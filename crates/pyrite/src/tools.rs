//! The subcommands that show how Pyrite compiles a file: `scopes`, `codeobjs`, `dis`.

use std::io::Write;

use pyrite_compiler::report;
use pyrite_compiler::source::DecodeStyle;
use pyrite_compiler::{CompileError, CompileOptions, ErrorKind};

pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: pyrite scopes|codeobjs|dis FILE [--jsonl]");
        return 2;
    };
    let jsonl = rest.iter().any(|a| a == "--jsonl");
    let files: Vec<&String> = rest.iter().filter(|a| !a.starts_with("--")).collect();
    let mut out = std::io::stdout().lock();
    for file in files {
        let text = match command.as_str() {
            "scopes" => scopes(file, jsonl),
            "codeobjs" => codeobjs(file),
            "dis" => dis(file),
            _ => {
                eprintln!("unknown command {command}");
                return 2;
            }
        };
        let _ = out.write_all(text.as_bytes());
    }
    0
}

fn read(file: &str) -> Result<Vec<u8>, CompileError> {
    std::fs::read(file).map_err(|e| {
        let kind = match e.kind() {
            std::io::ErrorKind::NotFound => "FileNotFoundError",
            std::io::ErrorKind::PermissionDenied => "PermissionError",
            _ => "OSError",
        };
        let mut err = CompileError::new(ErrorKind::ValueError, format!("{kind}: {e}"));
        err.filename = file.to_string();
        err
    })
}

fn source_text(file: &str) -> Result<String, CompileError> {
    let bytes = read(file)?;
    pyrite_compiler::source::decode_source(&bytes, file, DecodeStyle::CompileBytes)
}

fn scopes(file: &str, jsonl: bool) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::symbol_table(&text, &options));
    match result {
        Ok(analysis) => {
            let records = report::scopes_records(file, &analysis.table);
            let _ = jsonl;
            records.iter().map(|r| format!("{r}\n")).collect()
        }
        Err(err) => format!("{}\n", report::error_record(file, &err)),
    }
}

fn codeobjs(file: &str) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::compile(&text, &options));
    match result {
        Ok(code) => report::codeobjs_records(file, &code)
            .iter()
            .map(|r| format!("{r}\n"))
            .collect(),
        Err(err) => format!("{}\n", report::error_record(file, &err)),
    }
}

fn dis(file: &str) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::compile(&text, &options));
    match result {
        Ok(code) => pyrite_compiler::dis::disassemble(&code),
        Err(err) => format!("{err}\n"),
    }
}
