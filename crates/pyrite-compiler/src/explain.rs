//! `pyrite scopes --explain`: the reason behind every decision of pass 1.
//!
//! The symbol table keeps, for each name in each block, the first source range
//! that set each of its flags (`Evidence`). Explaining a decision is then a
//! matter of reading the same facts the analysis read, in the same order:
//! declarations first, then bindings in the block, then the enclosing
//! *function* blocks (class bodies are skipped), and finally the nested blocks
//! that turned a local into a cell.
//!
//! Positions are written `line:column`, the line counted from 1 and the column
//! from 0 in characters, as CPython's `ast` nodes (and most tracebacks) count.

use std::fmt::Write;

use ruff_text_size::TextRange;

use crate::location::LineIndex;
use crate::symtable::flags::*;
use crate::symtable::{Scope, ScopeId, ScopeKind, Symbol, SymbolScope, SymbolTable};

/// The whole explanation of a file's symbol table, one block after another in
/// source order, nested blocks indented under their parent.
pub fn explain(file: &str, source: &str, table: &SymbolTable) -> String {
    let index = LineIndex::new(source);
    let explainer = Explainer {
        table,
        index: &index,
    };
    let mut out = format!("scopes of {file}  (positions are line:column, columns from 0)\n");
    let mut stack = vec![(ScopeId::MODULE, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        explainer.write_block(&mut out, id, depth);
        let mut children = table.scope(id).children.clone();
        children.sort_by_key(|c| table.scope(*c).start);
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

fn class_word(scope: SymbolScope) -> &'static str {
    match scope {
        SymbolScope::Undecided => "undecided",
        SymbolScope::Local => "local",
        SymbolScope::Cell => "cell",
        SymbolScope::Free => "free",
        SymbolScope::GlobalExplicit => "global (explicit)",
        SymbolScope::GlobalImplicit => "global (implicit)",
    }
}

struct Explainer<'a> {
    table: &'a SymbolTable,
    index: &'a LineIndex<'a>,
}

impl Explainer<'_> {
    fn write_block(&self, out: &mut String, id: ScopeId, depth: usize) {
        let scope = self.table.scope(id);
        let indent = "  ".repeat(depth);
        let what = match scope.kind {
            ScopeKind::Module => "module".to_string(),
            ScopeKind::Class => format!("class {}", scope.name),
            _ if scope.comprehension.is_some() => {
                format!("comprehension {}", scope.code_name())
            }
            _ if scope.name == "<lambda>" => "lambda".to_string(),
            _ => format!("function {}()", scope.name),
        };
        let _ = write!(out, "\n{indent}{what}");
        if scope.kind != ScopeKind::Module {
            let _ = write!(out, " at {}:{}", scope.start.line, scope.start.col);
        }
        out.push('\n');
        let name_width = scope
            .symbols
            .keys()
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0);
        let class_width = scope
            .symbols
            .values()
            .map(|s| class_word(s.scope).len())
            .max()
            .unwrap_or(0);
        for (name, symbol) in &scope.symbols {
            // As a str: a `Name` ignores the padding.
            let name = name.as_str();
            let _ = writeln!(
                out,
                "{indent}  {name:<name_width$}  {:<class_width$}  — {}",
                class_word(symbol.scope),
                self.reason(id, name, symbol)
            );
        }
    }

    /// How a block is named in a reason: `outer()`, `class C`, `the module`.
    fn title(&self, id: ScopeId) -> String {
        let scope = self.table.scope(id);
        match scope.kind {
            ScopeKind::Module => "the module".to_string(),
            ScopeKind::Class => format!("class {}", scope.name),
            _ if scope.comprehension.is_some() || scope.name == "<lambda>" => format!(
                "{} at {}:{}",
                scope.code_name(),
                scope.start.line,
                scope.start.col
            ),
            _ => format!("{}()", scope.name),
        }
    }

    fn at(&self, range: TextRange) -> String {
        let pos = self.index.position(range.start());
        let col = self.index.char_offset(pos) - 1;
        format!("{}:{}", pos.line, col)
    }

    fn reason(&self, id: ScopeId, name: &str, symbol: &Symbol) -> String {
        let scope = self.table.scope(id);
        match symbol.scope {
            SymbolScope::Local => self.local_reason(scope, name, symbol),
            SymbolScope::Cell => self.cell_reason(id, name, symbol),
            SymbolScope::Free => self.free_reason(id, name, symbol),
            SymbolScope::GlobalExplicit => self.global_explicit_reason(id, name, symbol),
            SymbolScope::GlobalImplicit => self.global_implicit_reason(id, name, symbol),
            SymbolScope::Undecided => "not analysed".to_string(),
        }
    }

    /// The first binding of a name in its block: how it was bound, and where.
    fn binding(&self, symbol: &Symbol) -> Option<(&'static str, TextRange)> {
        let mut found: Option<(&'static str, TextRange)> = None;
        for (flag, word) in [
            (DEF_PARAM, "parameter"),
            (DEF_IMPORT, "imported"),
            (DEF_LOCAL, ""),
        ] {
            if let Some(range) = symbol.evidence().of(flag) {
                if found.is_none_or(|(_, r)| range.start() < r.start()) {
                    let word = if flag == DEF_LOCAL {
                        self.binding_word(range, symbol)
                    } else {
                        word
                    };
                    found = Some((word, range));
                }
            }
        }
        found
    }

    /// What kind of binding the source shows at `range` (the name's own range,
    /// or an `except` handler's).
    fn binding_word(&self, range: TextRange, symbol: &Symbol) -> &'static str {
        let source = self.index.source();
        let start = usize::from(range.start());
        let end = usize::from(range.end());
        let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let before = source[line_start..start].trim_end();
        let after = source[end..].trim_start_matches([' ', '\t']);
        let ends_with_word = |word: &str| {
            before.ends_with(word)
                && !before[..before.len() - word.len()]
                    .ends_with(|c: char| c.is_alphanumeric() || c == '_')
        };
        if source[start..].starts_with("except") {
            return "bound by `except ... as`";
        }
        if ends_with_word("def") {
            return "defined by `def`";
        }
        if ends_with_word("class") {
            return "defined by `class`";
        }
        if ends_with_word("del") {
            return "deleted by `del`";
        }
        if ends_with_word("for") {
            return "bound by `for`";
        }
        if ends_with_word("as") {
            return "bound by `as`";
        }
        if after.starts_with(":=") {
            return "assigned by `:=`";
        }
        const AUGMENTED: [&str; 13] = [
            "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "^=", "|=", "@=",
        ];
        if AUGMENTED.iter().any(|op| after.starts_with(op)) {
            return "updated by augmented assignment";
        }
        if symbol.has(DEF_ANNOT) && after.starts_with(':') {
            return "annotated";
        }
        "assigned"
    }

    fn first_use(&self, symbol: &Symbol) -> Option<TextRange> {
        symbol.evidence().of(USE)
    }

    fn local_reason(&self, scope: &Scope, name: &str, symbol: &Symbol) -> String {
        let Some((how, bound_at)) = self.binding(symbol) else {
            return "local".to_string();
        };
        let at = self.at(bound_at);
        match scope.kind {
            ScopeKind::Module => {
                format!("{how} at {at}: a module global, in the module's namespace (STORE_NAME/LOAD_NAME)")
            }
            ScopeKind::Class => {
                let mut reason = format!(
                    "{how} at {at}: a class attribute, in the class namespace (STORE_NAME/LOAD_NAME); \
                     functions nested in the class body cannot see it"
                );
                if symbol.has(DEF_FREE_CLASS) {
                    reason.push_str(&format!(
                        "; a nested function also uses the {name} of an enclosing function, \
                         which the class body passes on"
                    ));
                }
                reason
            }
            _ if name == ".0" => format!(
                "the comprehension's hidden argument at {at}: the iterator of its first `for`, \
                 evaluated in the enclosing block"
            ),
            _ if symbol.has(DEF_COMP_ITER) => format!(
                "iteration variable of the comprehension, bound at {at}: local to it, it does \
                 not leak into the enclosing block (LOAD_FAST/STORE_FAST)"
            ),
            _ if how == "parameter" => {
                format!("parameter at {at}: a local from the start (LOAD_FAST/STORE_FAST)")
            }
            _ => self.function_local_reason(how, bound_at, scope, symbol),
        }
    }

    fn function_local_reason(
        &self,
        how: &str,
        bound_at: TextRange,
        scope: &Scope,
        symbol: &Symbol,
    ) -> String {
        let title = match scope.name.as_str() {
            "<lambda>" => "the lambda".to_string(),
            name => format!("{name}()"),
        };
        let at = self.at(bound_at);
        let mut reason = format!("{how} at {at}, so it is local to all of {title}");
        match self.first_use(symbol) {
            Some(read) if read.start() < bound_at.start() => reason.push_str(&format!(
                ", including the read at {} that comes before it: that read raises \
                 UnboundLocalError, never falls back to a global",
                self.at(read)
            )),
            Some(read) if how == "updated by augmented assignment" && read == bound_at => reason
                .push_str(
                    ": the update reads it first, which raises UnboundLocalError \
                     unless an earlier binding ran",
                ),
            Some(read) => reason.push_str(&format!(
                ", including the read at {}; it raises UnboundLocalError if no binding \
                 has run by then",
                self.at(read)
            )),
            None => {}
        }
        reason.push_str(" (LOAD_FAST/STORE_FAST)");
        reason
    }

    fn cell_reason(&self, id: ScopeId, name: &str, symbol: &Symbol) -> String {
        let scope = self.table.scope(id);
        let bound = match self.binding(symbol) {
            Some((how, range)) => format!("{how} at {}", self.at(range)),
            None => "bound here".to_string(),
        };
        let users = self.users(id, name);
        let captured = if users.is_empty() {
            "used by a nested block".to_string()
        } else {
            users.join(", ")
        };
        let ops = if scope.kind == ScopeKind::Class {
            "MAKE_CELL; LOAD_CLOSURE passes it on"
        } else {
            "MAKE_CELL; LOAD_DEREF/STORE_DEREF; LOAD_CLOSURE passes it on"
        };
        format!(
            "{bound} in {}, and used by nested {captured}: so it lives in a cell ({ops})",
            self.title(id)
        )
    }

    /// The nested blocks that reach the name bound in `id`: each as
    /// `inner() (read at 5:15)`, through any blocks it merely passes through.
    fn users(&self, id: ScopeId, name: &str) -> Vec<String> {
        let mut users = Vec::new();
        let mut stack: Vec<ScopeId> = self.table.scope(id).children.clone();
        while let Some(child) = stack.pop() {
            let scope = self.table.scope(child);
            let Some(symbol) = scope.symbol(name) else {
                continue;
            };
            let passes_on = symbol.scope == SymbolScope::Free
                || (scope.kind == ScopeKind::Class && symbol.has(DEF_FREE_CLASS));
            if !passes_on {
                continue;
            }
            if symbol.scope == SymbolScope::Free && symbol.flags != 0 {
                let what = if let Some(range) = symbol.evidence().of(DEF_NONLOCAL) {
                    if scope.comprehension.is_some() {
                        format!("assigned by `:=` at {}", self.at(range))
                    } else {
                        format!("declared nonlocal at {}", self.at(range))
                    }
                } else if let Some(range) = self.first_use(symbol) {
                    format!("read at {}", self.at(range))
                } else {
                    "used".to_string()
                };
                users.push((scope.start, format!("{} ({what})", self.title(child))));
            }
            stack.extend(scope.children.iter().copied());
        }
        users.sort();
        users.into_iter().map(|(_, text)| text).collect()
    }

    /// The function that binds a free name of `id`, the functions it passes
    /// through on the way, and the class bodies skipped that bind the name too.
    fn origin(&self, id: ScopeId, name: &str) -> Origin {
        let mut origin = Origin::default();
        let mut cursor = self.table.scope(id).parent;
        while let Some(parent) = cursor {
            let scope = self.table.scope(parent);
            let symbol = scope.symbol(name);
            match scope.kind {
                // Methods that use `super()` or `__class__` reach the class
                // being defined through a cell the class body creates.
                ScopeKind::Class if name == "__class__" => {
                    origin.binder = Some(parent);
                    return origin;
                }
                ScopeKind::Class => {
                    if let Some(symbol) = symbol.filter(|s| s.is_bound()) {
                        if let Some((_, range)) = self.binding(symbol) {
                            origin.skipped_class = Some((parent, range));
                        }
                    } else {
                        origin.through.push(parent);
                    }
                }
                ScopeKind::Function => match symbol.map(|s| s.scope) {
                    Some(SymbolScope::Cell) => {
                        origin.binder = Some(parent);
                        return origin;
                    }
                    Some(SymbolScope::Free) => origin.through.push(parent),
                    _ => return origin,
                },
                _ => return origin,
            }
            cursor = scope.parent;
        }
        origin
    }

    fn free_reason(&self, id: ScopeId, name: &str, symbol: &Symbol) -> String {
        let scope = self.table.scope(id);
        let origin = self.origin(id, name);
        let from = match origin.binder {
            Some(binder) if self.table.scope(binder).kind == ScopeKind::Class => {
                format!("{} (its implicit __class__ cell)", self.title(binder))
            }
            Some(binder) => {
                let bound = self
                    .table
                    .scope(binder)
                    .symbol(name)
                    .and_then(|s| self.binding(s))
                    .map(|(how, range)| format!("{how} at {}; ", self.at(range)))
                    .unwrap_or_default();
                format!("{} ({bound}a cell there)", self.title(binder))
            }
            None => "an enclosing function".to_string(),
        };
        let through = if origin.through.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = origin
                .through
                .iter()
                .rev()
                .map(|&t| self.title(t))
                .collect();
            format!("; it passes through {}", names.join(", "))
        };
        let title = self.title(id);
        if let Some(range) = symbol.evidence().of(DEF_NONLOCAL) {
            if scope.comprehension.is_some() {
                return format!(
                    "assigned by `:=` at {} inside the comprehension: an assignment expression \
                     binds in the enclosing function, so here it is the {name} of {from}{through} \
                     (LOAD_DEREF/STORE_DEREF)",
                    self.at(range)
                );
            }
            return format!(
                "declared nonlocal at {}: the {name} of {from}{through} (LOAD_DEREF/STORE_DEREF)",
                self.at(range)
            );
        }
        if symbol.flags == 0 {
            let users = self.users(id, name);
            let to = if users.is_empty() {
                "a nested block".to_string()
            } else {
                users.join(", ")
            };
            return format!(
                "passed through {title}, which never names it, from {from} to {to} \
                 (COPY_FREE_VARS; LOAD_CLOSURE passes it on)"
            );
        }
        let used = match self.first_use(symbol) {
            Some(range) if name == "__class__" => {
                format!(
                    "needed at {} in {title} by `super()` or `__class__`",
                    self.at(range)
                )
            }
            Some(range) => format!("read at {} in {title}", self.at(range)),
            None => format!("used in {title}"),
        };
        let skipped = origin
            .skipped_class
            .map(|(class, range)| {
                format!(
                    "; the {name} that {} binds at {} is not visible here",
                    self.title(class),
                    self.at(range)
                )
            })
            .unwrap_or_default();
        let ops = if scope.kind == ScopeKind::Class {
            "LOAD_CLASSDEREF: the class namespace first, then the cell"
        } else {
            "LOAD_DEREF"
        };
        format!("{used}; not bound there; bound in enclosing {from}{through}{skipped} ({ops})")
    }

    fn global_explicit_reason(&self, id: ScopeId, name: &str, symbol: &Symbol) -> String {
        let scope = self.table.scope(id);
        let Some(range) = symbol.evidence().of(DEF_GLOBAL) else {
            return "declared global (LOAD_GLOBAL/STORE_GLOBAL)".to_string();
        };
        let at = self.at(range);
        // Where the declaration is: this block, or (for the module's entry) the
        // function or comprehension that made it.
        // A declaration's range is unique to one block: no order is needed.
        let declarer = (0..self.table.scopes.len() as u32)
            .map(ScopeId)
            .find(|&d| {
                self.table
                    .scope(d)
                    .directives
                    .iter()
                    .any(|(n, r)| n == name && *r == range)
            })
            .unwrap_or(id);
        let declarer_scope = self.table.scope(declarer);
        let by_walrus = declarer_scope.comprehension.is_some();
        if declarer != id {
            let how = if by_walrus {
                "assigned by `:=` inside"
            } else {
                "declared global in"
            };
            let own = match self.binding(symbol) {
                Some((bound, range)) => format!(
                    "; the module's own binding ({bound} at {}) is STORE_GLOBAL too",
                    self.at(range)
                ),
                None => String::new(),
            };
            return format!(
                "{how} {} at {at}: a global declaration in any block marks the name global in \
                 the module as well, so module-level code uses LOAD_GLOBAL/STORE_GLOBAL for it \
                 instead of LOAD_NAME/STORE_NAME{own}",
                self.title(declarer)
            );
        }
        if by_walrus {
            return format!(
                "assigned by `:=` at {at} inside a comprehension at module level: an assignment \
                 expression binds in the enclosing block, here the module's globals \
                 (LOAD_GLOBAL/STORE_GLOBAL)"
            );
        }
        let where_ = if scope.kind == ScopeKind::Module {
            "at module level (allowed, and it only changes the instruction)".to_string()
        } else {
            format!("in {}", self.title(id))
        };
        format!(
            "declared global at {at} {where_}: every use is the module's {name}, even where it \
             is assigned (LOAD_GLOBAL/STORE_GLOBAL)"
        )
    }

    fn global_implicit_reason(&self, id: ScopeId, name: &str, symbol: &Symbol) -> String {
        let scope = self.table.scope(id);
        let title = self.title(id);
        let read = match self.first_use(symbol) {
            Some(range) => format!("read at {}", self.at(range)),
            None => "used".to_string(),
        };
        if scope.kind == ScopeKind::Module {
            return format!(
                "{read}, never bound in the module: looked up in the module's globals, then \
                 the builtins (LOAD_NAME)"
            );
        }
        if scope.kind == ScopeKind::Class {
            return format!(
                "{read}, bound neither in {title} nor in an enclosing function: the class \
                 namespace, then the globals, then the builtins (LOAD_NAME)"
            );
        }
        let module_binding = self
            .table
            .module()
            .symbol(name)
            .and_then(|s| self.binding(s));
        let mut reason = match module_binding {
            Some((how, range)) => format!(
                "{read}, never bound in {title} or any enclosing function: the module's global \
                 ({how} at {})",
                self.at(range)
            ),
            None => format!(
                "{read}, never bound in {title} or any enclosing function, nor in the module: \
                 a builtin, or a global set at run time"
            ),
        };
        // The names an enclosing class body binds, or a global declaration
        // further out, explain why an apparently nearby binding is not used.
        let mut cursor = scope.parent;
        while let Some(parent) = cursor {
            let outer = self.table.scope(parent);
            if let Some(outer_symbol) = outer.symbol(name) {
                if outer.kind == ScopeKind::Class && outer_symbol.is_bound() {
                    if let Some((how, range)) = self.binding(outer_symbol) {
                        reason.push_str(&format!(
                            "; {} has a {name} ({how} at {}), but a class body's names are not \
                             visible to the functions and comprehensions nested in it",
                            self.title(parent),
                            self.at(range)
                        ));
                    }
                    break;
                }
                if outer.kind == ScopeKind::Function
                    && outer_symbol.scope == SymbolScope::GlobalExplicit
                {
                    reason.push_str(&format!("; {} declares it global", self.title(parent)));
                    break;
                }
            }
            cursor = outer.parent;
        }
        reason.push_str(" (LOAD_GLOBAL)");
        reason
    }
}

#[derive(Default)]
struct Origin {
    binder: Option<ScopeId>,
    through: Vec<ScopeId>,
    skipped_class: Option<(ScopeId, TextRange)>,
}
