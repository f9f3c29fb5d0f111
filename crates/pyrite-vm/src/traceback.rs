//! Printing an uncaught exception as CPython 3.11 does: the chain of causes
//! and contexts, each traceback entry with its source line and the carets
//! under the failing expression, and the `Type: message` line.

use std::rc::Rc;

use crate::object::exception::{self, Traceback};
use crate::object::typ;
use crate::object::Payload;
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";
/// How many sub-exceptions of a group, and how deep, are shown.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// Where the report is: inside how many exception groups, and whether the
/// current group still needs its closing rule.
struct Context {
    depth: usize,
    need_close: bool,
    seen: Vec<usize>,
}

impl Context {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Appends `text`, every line prefixed by the indentation and, inside a
    /// group, the margin character.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

fn address(v: &Value) -> usize {
    v.obj().map_or(0, |o| Rc::as_ptr(o) as usize)
}

/// The full report for an exception (what goes to stderr).
pub fn format_exception(vm: &Vm, exc: &Value) -> String {
    let mut ctx = Context {
        depth: 0,
        need_close: false,
        seen: Vec::new(),
    };
    let mut out = String::new();
    format_one(vm, exc, &mut ctx, &mut out);
    out
}

/// The report of an exception without the causes and contexts that led to
/// it (what "Exception ignored in" reports show).
pub fn format_exception_alone(vm: &Vm, exc: &Value) -> String {
    let links = exception::data(exc).map(|d| {
        let d = d.borrow();
        vec![address(&d.cause), address(&d.context)]
    });
    let mut ctx = Context {
        depth: 0,
        need_close: false,
        seen: links.unwrap_or_default(),
    };
    let mut out = String::new();
    format_one(vm, exc, &mut ctx, &mut out);
    out
}

/// An exception with the chain of causes and contexts that led to it, oldest
/// first; exception groups as a tree of their sub-exceptions.
fn format_one(vm: &Vm, exc: &Value, ctx: &mut Context, out: &mut String) {
    // Each exception with the message that introduces it after its own cause
    // or context (printed first).
    let mut chain: Vec<(Option<&str>, Value)> = Vec::new();
    let mut current = Some(exc.clone());
    while let Some(e) = current.take() {
        ctx.seen.push(address(&e));
        let link = exception::data(&e).and_then(|d| {
            let d = d.borrow();
            let unseen = |v: &Value| !v.is_none() && !ctx.seen.contains(&address(v));
            if unseen(&d.cause) {
                Some((CAUSE_MESSAGE, d.cause.clone()))
            } else if !d.suppress_context && unseen(&d.context) {
                Some((CONTEXT_MESSAGE, d.context.clone()))
            } else {
                None
            }
        });
        chain.push((link.as_ref().map(|(m, _)| *m), e));
        current = link.map(|(_, next)| next);
    }
    for (message, e) in chain.into_iter().rev() {
        if let Some(m) = message {
            ctx.emit(out, m, '|');
        }
        let tb = exception::data(&e)
            .map(|d| d.borrow().traceback.clone())
            .unwrap_or(Value::None);
        let group = vm.is_instance(&e, vm.types.exception("BaseExceptionGroup"));
        if !group {
            if !tb.is_none() {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                let mut lines = String::new();
                format_traceback(vm, &tb, &mut lines);
                ctx.emit(out, &lines, '|');
            }
            ctx.emit(out, &format_exception_only(vm, &e), '|');
            continue;
        }
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(
                out,
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            continue;
        }
        let top_level = ctx.depth == 0;
        if top_level {
            ctx.depth += 1;
        }
        if !tb.is_none() {
            let margin = if top_level { '+' } else { '|' };
            ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n",
                margin,
            );
            let mut lines = String::new();
            format_traceback(vm, &tb, &mut lines);
            ctx.emit(out, &lines, '|');
        }
        ctx.emit(out, &format_exception_only(vm, &e), '|');
        let subs = exception::group_exceptions(&e);
        let shown = subs.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for i in 0..shown {
            let last = i + 1 == shown;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&ctx.indent());
            out.push_str(if i == 0 { "+-" } else { "  " });
            out.push_str(&format!("+---------------- {title} ----------------\n"));
            ctx.depth += 1;
            if truncated {
                let remaining = subs.len() - MAX_GROUP_WIDTH;
                let plural = if remaining > 1 { "s" } else { "" };
                ctx.emit(
                    out,
                    &format!("and {remaining} more exception{plural}\n"),
                    '|',
                );
            } else {
                format_one(vm, &subs[i], ctx, out);
            }
            if last && ctx.need_close {
                out.push_str(&ctx.indent());
                out.push_str("+------------------------------------\n");
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if top_level {
            ctx.depth = 0;
        }
    }
}

fn format_traceback(vm: &Vm, tb: &Value, out: &mut String) {
    let mut entries: Vec<&Traceback> = Vec::new();
    let mut cursor = tb;
    while let Some(Payload::Traceback(t)) = cursor.payload() {
        entries.push(t);
        cursor = &t.next;
    }
    // CPython folds long runs of the same line (deep recursion).
    let mut last: Option<(Rc<str>, u32, String)> = None;
    let mut repeats = 0usize;
    for t in entries {
        let code = t.code();
        let line = t.lineno();
        let name = code.name.as_str().unwrap_or("?").to_string();
        let key = (code.filename.clone(), line, name.clone());
        if last.as_ref() == Some(&key) {
            repeats += 1;
            if repeats >= 3 {
                continue;
            }
        } else {
            flush_repeats(out, repeats);
            repeats = 0;
            last = Some(key);
        }
        out.push_str(&format!(
            "  File \"{}\", line {line}, in {name}\n",
            code.filename
        ));
        if let Some(source) = source_line(vm, &code.filename, line) {
            let stripped = source.trim_start();
            if !stripped.is_empty() {
                out.push_str(&format!("    {stripped}\n"));
                if let Some(carets) = caret_line(&source, t) {
                    out.push_str(&carets);
                }
            }
        }
    }
    flush_repeats(out, repeats);
}

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let n = repeats - 2;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n == 1 { "" } else { "s" }
        ));
    }
}

/// The source line `lineno` of a file, without its line ending.
fn source_line(vm: &Vm, filename: &str, lineno: u32) -> Option<String> {
    if filename.starts_with('<') {
        return None;
    }
    let cached = vm.sources.borrow().get(filename).cloned();
    let text: Rc<str> = match cached {
        Some(t) => t,
        None => {
            let bytes = std::fs::read(filename).ok()?;
            let text: Rc<str> = String::from_utf8_lossy(&bytes).as_ref().into();
            vm.sources
                .borrow_mut()
                .insert(filename.to_string(), text.clone());
            text
        }
    };
    let line = text
        .split_inclusive('\n')
        .nth(lineno.checked_sub(1)? as usize)?;
    Some(line.trim_end_matches(['\n', '\r']).trim_end().to_string())
}

fn char_offset(line: &str, byte: usize) -> usize {
    let byte = byte.min(line.len());
    line.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// The `~~~^^^` line under the failing expression, when it does not span the
/// whole line.
fn caret_line(line: &str, t: &Traceback) -> Option<String> {
    let range = t.code().co.locations.get(t.pc).copied().flatten()?;
    let start_byte = range.start.col as usize;
    let start = char_offset(line, start_byte);
    let mut end = char_offset(line, range.end.col as usize);
    let leading = line.chars().take_while(|c| c.is_whitespace()).count();
    let stripped_len = line.chars().count() - leading;
    let mut anchors = None;
    if range.start.line == range.end.line {
        if end <= start {
            return None;
        }
        let segment: String = line.chars().skip(start).take(end - start).collect();
        anchors = pyrite_compiler::parse::caret_anchors(&segment).map(|a| {
            (
                char_offset(&segment, a.left_end) + start,
                char_offset(&segment, a.right_start) + start,
            )
        });
    } else {
        end = line.trim_end().chars().count();
    }
    if end <= start || (end - start >= stripped_len && anchors.is_none()) {
        return None;
    }
    let mut carets = String::from("    ");
    carets.extend(std::iter::repeat_n(' ', start.saturating_sub(leading)));
    match anchors {
        Some((left, right)) => {
            let left = left.clamp(start, end);
            let right = right.clamp(left, end);
            carets.extend(std::iter::repeat_n('~', left - start));
            carets.extend(std::iter::repeat_n('^', right - left));
            carets.extend(std::iter::repeat_n('~', end - right));
        }
        None => carets.extend(std::iter::repeat_n('^', end - start)),
    }
    carets.push('\n');
    Some(carets)
}

/// The name of an exception's class as tracebacks print it.
fn exception_type_name(vm: &Vm, exc: &Value) -> String {
    let t = vm.type_of(exc);
    let qualname = typ::type_qualname(&t);
    let module = ops::type_module(&t);
    if module == "builtins" || module == "__main__" {
        qualname
    } else {
        format!("{module}.{qualname}")
    }
}

/// `Type: message` (and for syntax errors, the location lines before it).
pub fn format_exception_only(vm: &Vm, exc: &Value) -> String {
    let name = exception_type_name(vm, exc);
    let mut out = String::new();
    if vm.is_instance(exc, &vm.types.syntax_error) {
        out.push_str(&format_syntax_error(vm, exc, &name));
    } else {
        let message = match ops::str_of(vm, exc) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let hint = suggestion(vm, exc)
            .map(|s| format!(". Did you mean: '{s}'?"))
            .unwrap_or_default();
        if message.is_empty() && hint.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {message}{hint}\n"));
        }
    }
    if let Ok(Some(notes)) = ops::getattr_opt(vm, exc, "__notes__") {
        if let Ok(notes) = ops::collect_iterable(vm, &notes) {
            for note in notes {
                let text = ops::str_of(vm, &note).unwrap_or_default();
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    out
}

fn format_syntax_error(vm: &Vm, exc: &Value, name: &str) -> String {
    let attr = |n: &str| {
        ops::getattr_opt(vm, exc, n)
            .ok()
            .flatten()
            .filter(|v| !v.is_none())
    };
    let mut out = String::new();
    let msg = attr("msg").map(|m| ops::str_of(vm, &m).unwrap_or_default());
    let filename = attr("filename").and_then(|f| f.as_str().map(str::to_string));
    let lineno = attr("lineno").and_then(|l| l.as_i64());
    let mut suffix = String::new();
    match (lineno, &filename) {
        (Some(l), f) => out.push_str(&format!(
            "  File \"{}\", line {l}\n",
            f.as_deref().unwrap_or("<string>")
        )),
        (None, Some(f)) => suffix = format!(" ({f})"),
        (None, None) => {}
    }
    if let Some(text) = attr("text").and_then(|t| t.as_str().map(str::to_string)) {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c', '\t']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        out.push_str(&format!("    {ltext}\n"));
        if let Some(offset) = attr("offset").and_then(|o| o.as_i64()) {
            let end_lineno = attr("end_lineno").and_then(|l| l.as_i64());
            let mut end_offset = attr("end_offset")
                .and_then(|o| o.as_i64())
                .filter(|&e| e != 0)
                .unwrap_or(offset);
            if end_lineno.is_some_and(|e| lineno.is_some_and(|l| e > l)) {
                end_offset = rtext.chars().count() as i64 + 1;
            }
            if offset == end_offset || end_offset == -1 {
                end_offset = offset + 1;
            }
            let colno = offset - 1 - spaces as i64;
            let end_colno = end_offset - 1 - spaces as i64;
            if colno >= 0 {
                let caret_space: String = ltext
                    .chars()
                    .take(colno as usize)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                let n = (end_colno - colno).max(1) as usize;
                out.push_str(&format!("    {caret_space}{}\n", "^".repeat(n)));
            }
        }
    }
    let msg = msg.unwrap_or_else(|| "<no detail available>".into());
    out.push_str(&format!("{name}: {msg}{suffix}\n"));
    out
}

// ----- "Did you mean" ----------------------------------------------------------

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's weighted Levenshtein distance between two names (case changes
/// cost half), giving up above `max_cost`.
fn edit_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &c) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, c);
            distance = row[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest candidate to `name`, if one is close enough.
fn closest(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = edit_distance(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn dict_keys(d: &crate::value::ObjRef) -> Vec<String> {
    match &d.payload {
        Payload::Dict(d) => d
            .borrow()
            .keys()
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// What an uncaught NameError or AttributeError suggests instead.
fn suggestion(vm: &Vm, exc: &Value) -> Option<String> {
    let class = vm.type_of(exc);
    let name = ops::getattr_opt(vm, exc, "name").ok()??;
    let name = name.as_str()?.to_string();
    if Rc::ptr_eq(&class, &vm.types.name_error) {
        let tb = exception::data(exc)?.borrow().traceback.clone();
        let mut last = None;
        let mut cursor = tb;
        while let Some(Payload::Traceback(t)) = cursor.payload() {
            let core = t.core();
            last = Some((
                core.code.clone(),
                core.globals.clone(),
                core.builtins.clone(),
            ));
            cursor = t.next.clone();
        }
        let (code, globals, builtins) = last?;
        for candidates in [
            code.co.varnames.clone(),
            dict_keys(&globals),
            dict_keys(&builtins),
        ] {
            if let Some(s) = closest(&name, &candidates) {
                return Some(s);
            }
        }
        return None;
    }
    if Rc::ptr_eq(&class, &vm.types.attribute_error) {
        let obj = ops::getattr_opt(vm, exc, "obj").ok()??;
        let listing = crate::builtins::sorted_dir(vm, &obj).ok()?;
        let names: Vec<String> = ops::collect_iterable(vm, &listing)
            .ok()?
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect();
        return closest(&name, &names);
    }
    None
}
