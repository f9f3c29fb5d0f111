//! The subcommands that show how Pyrite compiles a file: `scopes`, `codeobjs`, `dis`.

use std::io::Write;

use pyrite_compiler::report;
use pyrite_compiler::source::DecodeStyle;
use pyrite_compiler::{CompileError, CompileOptions, ErrorKind};

/// Runs `pyrite scopes|codeobjs|dis FILE... [--jsonl]`. The JSON Lines
/// outputs report compile errors as error records (status 0, as the oracles
/// do); the readable outputs report them as `python3` would (status 1).
pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        return 2;
    };
    let jsonl = rest.iter().any(|a| a == "--jsonl");
    if let Some(bad) = rest.iter().find(|a| a.starts_with("--") && *a != "--jsonl") {
        eprintln!("pyrite {command}: unknown option {bad}");
        return 2;
    }
    if command == "codeobjs" && !jsonl {
        eprintln!("pyrite codeobjs: only the --jsonl format exists");
        return 2;
    }
    let files: Vec<&String> = rest.iter().filter(|a| !a.starts_with("--")).collect();
    let mut status = 0;
    let mut out = std::io::stdout().lock();
    for file in files {
        let result = match command.as_str() {
            "scopes" if jsonl => Ok(scopes_jsonl(file)),
            "scopes" => scopes_text(file),
            "codeobjs" => Ok(codeobjs(file)),
            _ => dis(file),
        };
        match result {
            Ok(text) => {
                let _ = out.write_all(text.as_bytes());
            }
            Err(err) => {
                let _ = out.flush();
                eprint!("{}", error_text(&err));
                status = 1;
            }
        }
    }
    status
}

/// A compile error as `python3` reports it.
fn error_text(err: &CompileError) -> String {
    let mut out = String::new();
    if let Some(loc) = &err.location {
        out.push_str(&format!(
            "  File \"{}\", line {}\n",
            err.filename, loc.lineno
        ));
        if let Some(text) = &err.text {
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            let spaces = text.chars().count() - stripped.chars().count();
            out.push_str(&format!("    {stripped}\n"));
            let col = (loc.offset as usize).saturating_sub(1 + spaces);
            let width = if loc.end_lineno == loc.lineno && loc.end_offset > loc.offset {
                (loc.end_offset - loc.offset) as usize
            } else {
                1
            };
            out.push_str(&format!("    {}{}\n", " ".repeat(col), "^".repeat(width)));
        }
    }
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
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

fn scopes_jsonl(file: &str) -> String {
    let options = CompileOptions::new(file);
    let result = source_text(file).and_then(|text| pyrite_compiler::symbol_table(&text, &options));
    match result {
        Ok(analysis) => report::scopes_records(file, &analysis.table)
            .iter()
            .map(|r| format!("{r}\n"))
            .collect(),
        Err(err) => format!("{}\n", report::error_record(file, &err)),
    }
}

fn scopes_text(file: &str) -> Result<String, CompileError> {
    let options = CompileOptions::new(file);
    let text = source_text(file)?;
    let analysis = pyrite_compiler::symbol_table(&text, &options)?;
    Ok(report::scopes_text(file, &analysis.table))
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

fn dis(file: &str) -> Result<String, CompileError> {
    let options = CompileOptions::new(file);
    let text = source_text(file)?;
    let code = pyrite_compiler::compile(&text, &options)?;
    Ok(pyrite_compiler::dis::disassemble(&code))
}
