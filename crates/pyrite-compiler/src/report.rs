//! The JSON Lines dumps of pass 1 and pass 2, in the format of the CPython oracles
//! (`../shared/oracle/FORMAT.md`): one record per scope block (`scopes`) or per code
//! object (`codeobjs`), paths like `module/outer@3/inner@5`, canonical compact JSON.

use std::fmt::Write;

use crate::bytecode::{CodeFlags, CodeObject, Constant};
use crate::error::CompileError;
use crate::location::Position;
use crate::symtable::{flags, ScopeId, ScopeKind, SymbolTable};

/// Appends `s` as a JSON string: only `"`, `\` and control characters escaped.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_string_list(out: &mut String, items: impl IntoIterator<Item = impl AsRef<str>>) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, item.as_ref());
    }
    out.push(']');
}

/// The record for a file that failed to compile.
pub fn error_record(file: &str, error: &CompileError) -> String {
    let mut out = String::from("{\"file\":");
    json_string(&mut out, file);
    out.push_str(",\"error\":{\"type\":");
    json_string(&mut out, error.kind.name());
    out.push_str(",\"msg\":");
    json_string(&mut out, &error.msg);
    out.push_str(",\"lineno\":");
    match error
        .location
        .as_ref()
        .filter(|_| error.kind.is_syntax_error())
    {
        Some(loc) => {
            let _ = write!(out, "{}", loc.lineno);
        }
        None => out.push_str("null"),
    }
    out.push_str("}}");
    out
}

/// Names siblings `NAME@LINE`, then `#2`, `#3`... for repeats, in order of the
/// position where each one's defining node starts.
fn sibling_paths(
    parent: &str,
    children: &mut [(String, u32, Position, usize)],
) -> Vec<(usize, String)> {
    children.sort_by_key(|c| c.2);
    let mut seen: std::collections::HashMap<(String, u32), usize> = Default::default();
    children
        .iter()
        .map(|(name, line, _, id)| {
            let count = seen.entry((name.clone(), *line)).or_insert(0);
            *count += 1;
            let path = if *count == 1 {
                format!("{parent}/{name}@{line}")
            } else {
                format!("{parent}/{name}@{line}#{count}")
            };
            (*id, path)
        })
        .collect()
}

/// One `scopes` record per block, in pre-order.
pub fn scopes_records(file: &str, table: &SymbolTable) -> Vec<String> {
    let mut records = Vec::new();
    let mut stack = vec![(ScopeId::MODULE, "module".to_string())];
    while let Some((id, path)) = stack.pop() {
        let scope = table.scope(id);
        let mut out = String::from("{\"file\":");
        json_string(&mut out, file);
        out.push_str(",\"path\":");
        json_string(&mut out, &path);
        let kind = match scope.kind {
            ScopeKind::Module => "module",
            ScopeKind::Class => "class",
            _ => "function",
        };
        let _ = write!(
            out,
            ",\"type\":\"{kind}\",\"nested\":{},\"symbols\":{{",
            scope.nested
        );
        let mut names: Vec<&str> = scope.symbols.keys().map(|n| n.as_str()).collect();
        names.sort();
        for (i, name) in names.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let symbol = &scope.symbols[name];
            json_string(&mut out, name);
            out.push_str(":[");
            json_string(&mut out, symbol.scope.word());
            for (flag, word) in flags::NAMED {
                if symbol.has(flag) {
                    out.push(',');
                    json_string(&mut out, word);
                }
            }
            out.push(']');
        }
        out.push_str("}}");
        records.push(out);

        let mut children: Vec<(String, u32, Position, usize)> = scope
            .children
            .iter()
            .map(|&c| {
                let child = table.scope(c);
                (
                    child.code_name().to_string(),
                    child.start.line,
                    child.start,
                    c.0 as usize,
                )
            })
            .collect();
        let named = sibling_paths(&path, &mut children);
        for (child, child_path) in named.into_iter().rev() {
            stack.push((ScopeId(child as u32), child_path));
        }
    }
    records
}

/// One `codeobjs` record per code object, in pre-order.
pub fn codeobjs_records(file: &str, code: &CodeObject) -> Vec<String> {
    let mut records = Vec::new();
    let mut stack: Vec<(&CodeObject, String)> = vec![(code, "module".to_string())];
    while let Some((code, path)) = stack.pop() {
        records.push(codeobj_record(file, &path, code));
        let mut children: Vec<(String, u32, Position, usize)> = Vec::new();
        let mut nested: Vec<&CodeObject> = Vec::new();
        for constant in &code.consts {
            if let Constant::Code(child) = constant {
                children.push((
                    child.name.clone(),
                    child.firstlineno,
                    child.definition_start,
                    nested.len(),
                ));
                nested.push(child);
            }
        }
        let named = sibling_paths(&path, &mut children);
        for (child, child_path) in named.into_iter().rev() {
            stack.push((nested[child], child_path));
        }
    }
    records
}

fn codeobj_record(file: &str, path: &str, code: &CodeObject) -> String {
    let mut out = String::from("{\"file\":");
    json_string(&mut out, file);
    out.push_str(",\"path\":");
    json_string(&mut out, path);
    out.push_str(",\"qualname\":");
    json_string(&mut out, &code.qualname);
    let _ = write!(
        out,
        ",\"firstlineno\":{},\"argcount\":{},\"posonlyargcount\":{},\"kwonlyargcount\":{},\"flags\":",
        code.firstlineno, code.argcount, code.posonlyargcount, code.kwonlyargcount
    );
    let mut flag_words: Vec<&str> = Vec::new();
    for (flag, word) in [
        (CodeFlags::OPTIMIZED, "OPTIMIZED"),
        (CodeFlags::NEWLOCALS, "NEWLOCALS"),
        (CodeFlags::VARARGS, "VARARGS"),
        (CodeFlags::VARKEYWORDS, "VARKEYWORDS"),
        (CodeFlags::NESTED, "NESTED"),
        (CodeFlags::GENERATOR, "GENERATOR"),
    ] {
        if code.flags.contains(flag) {
            flag_words.push(word);
        }
    }
    if code.freevars.is_empty() && code.cellvars.is_empty() {
        flag_words.push("NOFREE");
    }
    for (flag, word) in [
        (CodeFlags::COROUTINE, "COROUTINE"),
        (CodeFlags::ITERABLE_COROUTINE, "ITERABLE_COROUTINE"),
        (CodeFlags::ASYNC_GENERATOR, "ASYNC_GENERATOR"),
    ] {
        if code.flags.contains(flag) {
            flag_words.push(word);
        }
    }
    json_string_list(&mut out, flag_words);
    out.push_str(",\"varnames\":");
    json_string_list(&mut out, &code.varnames);
    out.push_str(",\"cellvars\":");
    json_string_list(&mut out, &code.cellvars);
    out.push_str(",\"freevars\":");
    json_string_list(&mut out, &code.freevars);
    out.push_str(",\"names\":");
    json_string_list(&mut out, &code.names);
    out.push_str(",\"ops\":");
    json_string_list(&mut out, code.name_ops());
    out.push('}');
    out
}

/// The symbol table as text for people: each scope (nested under its parent)
/// with each name, where pass 1 put it, and what the scope does with it.
pub fn scopes_text(file: &str, table: &SymbolTable) -> String {
    let mut out = format!("symbol table of {file}\n");
    let mut stack = vec![(ScopeId::MODULE, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let scope = table.scope(id);
        let indent = "  ".repeat(depth);
        let kind = match scope.kind {
            ScopeKind::Module => "module",
            ScopeKind::Class => "class",
            _ if scope.comprehension.is_some() => "comprehension",
            _ => "function",
        };
        let _ = write!(out, "\n{indent}{kind} {}", scope.code_name());
        if scope.kind != ScopeKind::Module {
            let _ = write!(out, " (line {})", scope.start.line);
        }
        out.push('\n');
        let mut names: Vec<&str> = scope.symbols.keys().map(|n| n.as_str()).collect();
        names.sort();
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for name in names {
            let symbol = &scope.symbols[name];
            let uses: Vec<&str> = flags::NAMED
                .iter()
                .filter(|(flag, _)| symbol.has(*flag))
                .map(|(_, word)| *word)
                .collect();
            let _ = writeln!(
                out,
                "{indent}  {name:<width$}  {:<15}  {}",
                symbol.scope.word(),
                uses.join(", ")
            );
        }
        for &child in scope.children.iter().rev() {
            stack.push((child, depth + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_escapes_like_the_oracle() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }
}
