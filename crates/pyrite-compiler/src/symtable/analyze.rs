//! Pass 1b: decide the scope of every name.
//!
//! The blocks are analysed top-down. Each block receives from its parent:
//!
//! * `bound`: names bound by enclosing *function* blocks (absent for the module).
//!   A class body's own bindings are never added: methods cannot see them.
//! * `global`: names declared `global` by enclosing blocks.
//!
//! and hands back up `free`: names its blocks need from an enclosing function.
//!
//! For one block:
//! 1. Every name gets a scope from its own flags (`analyze_name`): declared global
//!    → global explicit; declared nonlocal → free (must be in `bound`); bound here →
//!    local; else free if an enclosing function binds it, else global implicit.
//! 2. Children are analysed with this block's bindings added to `bound` (only if
//!    this block is a function) and their free names collected.
//! 3. A local of a function that some child needs becomes a cell and stops being
//!    free (`analyze_cells`). A class body keeps passing its children's free names
//!    up, except `__class__`, which the class itself provides (`drop_class_free`).
//! 4. Free names that pass *through* this block (needed by a child, bound further
//!    out) are added to it as free too, so every intermediate function carries
//!    the cell down (`update_symbols`).

use ruff_python_ast::name::Name;

use super::flags::*;
use super::{ScopeId, ScopeKind, Symbol, SymbolScope, SymbolTable};
use crate::error::{CompileError, ErrorKind};
use crate::location::LineIndex;
use crate::parse::syntax_error_at;

type NameSet = crate::fast::FastSet<Name>;

pub(super) fn analyze(
    table: &mut SymbolTable,
    index: &LineIndex,
    filename: &str,
) -> Result<(), CompileError> {
    let mut analyzer = Analyzer {
        table,
        index,
        filename,
    };
    let mut free = NameSet::default();
    let mut global = NameSet::default();
    analyzer.analyze_block(ScopeId::MODULE, None, &mut free, &mut global)
}

struct Analyzer<'t, 'i> {
    table: &'t mut SymbolTable,
    index: &'i LineIndex<'i>,
    filename: &'i str,
}

impl Analyzer<'_, '_> {
    fn analyze_block(
        &mut self,
        id: ScopeId,
        mut bound: Option<&mut NameSet>,
        free: &mut NameSet,
        global: &mut NameSet,
    ) -> Result<(), CompileError> {
        let kind = self.table.scope(id).kind;
        // What the nested blocks see (`new_bound`, `new_global`) is only gathered
        // when there are any: most functions have none, and collecting their
        // locals into a set is then wasted.
        let has_children = !self.table.scope(id).children.is_empty();
        let mut new_global = NameSet::default();
        let mut new_bound = NameSet::default();
        let mut new_free = NameSet::default();

        // A class body's bindings are invisible to the blocks nested in it, so
        // what they see is fixed before the class's own names are analysed.
        if kind == ScopeKind::Class && has_children {
            new_global.extend(global.iter().cloned());
            if let Some(bound) = bound.as_deref() {
                new_bound.extend(bound.iter().cloned());
            }
        }

        // The decision for each symbol, in the block's symbol order.
        let scope = self.table.scope(id);
        let mut decided: Vec<SymbolScope> = Vec::with_capacity(scope.symbols.len());
        let mut has_free = false;
        for (name, symbol) in &scope.symbols {
            let (decision, is_free) =
                self.analyze_name(id, name, symbol.flags, &mut bound, free, global)?;
            decided.push(decision);
            has_free |= is_free;
        }
        if has_free {
            self.table.scopes[id.0 as usize].has_free = true;
        }

        if has_children && kind != ScopeKind::Class {
            if kind == ScopeKind::Function {
                // The function's locals are bound for the blocks nested in it.
                let names = self.table.scope(id).symbols.keys();
                new_bound.extend(
                    names
                        .zip(&decided)
                        .filter(|(_, &d)| d == SymbolScope::Local)
                        .map(|(name, _)| name.clone()),
                );
            }
            if let Some(bound) = bound.as_deref() {
                new_bound.extend(bound.iter().cloned());
            }
            new_global.extend(global.iter().cloned());
        } else if has_children {
            // Methods may use `__class__`, which the class body provides.
            new_bound.insert(Name::new_static("__class__"));
        }

        let mut all_free = NameSet::default();
        let children = self.table.scope(id).children.clone();
        for child in children {
            // Each child gets its own copies: analysing it may add to them.
            let mut child_bound = new_bound.clone();
            let mut child_free = new_free.clone();
            let mut child_global = new_global.clone();
            self.analyze_block(
                child,
                Some(&mut child_bound),
                &mut child_free,
                &mut child_global,
            )?;
            all_free.extend(child_free);
            let child_scope = self.table.scope(child);
            if child_scope.has_free || child_scope.child_free {
                self.table.scopes[id.0 as usize].child_free = true;
            }
        }
        new_free.extend(all_free);

        match kind {
            ScopeKind::Function => {
                let names = self.table.scope(id).symbols.keys();
                analyze_cells(names, &mut decided, &mut new_free);
            }
            ScopeKind::Class if new_free.remove("__class__") => {
                self.table.scopes[id.0 as usize].needs_class_closure = true;
            }
            _ => {}
        }
        self.update_symbols(
            id,
            &decided,
            bound.as_deref(),
            &new_free,
            kind == ScopeKind::Class,
        );
        free.extend(new_free);
        Ok(())
    }

    /// The scope of one name of block `id`, and whether it makes the block have
    /// free variables.
    fn analyze_name(
        &self,
        id: ScopeId,
        name: &Name,
        flags: u16,
        bound: &mut Option<&mut NameSet>,
        free: &mut NameSet,
        global: &mut NameSet,
    ) -> Result<(SymbolScope, bool), CompileError> {
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.error_at_directive(
                    id,
                    name,
                    format!("name '{name}' is nonlocal and global"),
                ));
            }
            global.insert(name.clone());
            if let Some(bound) = bound.as_deref_mut() {
                remove_name(bound, name);
            }
            return Ok((SymbolScope::GlobalExplicit, false));
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(bound) = bound.as_deref() else {
                return Err(self.error_at_directive(
                    id,
                    name,
                    "nonlocal declaration not allowed at module level".to_string(),
                ));
            };
            if !bound.contains(name.as_str()) {
                return Err(self.error_at_directive(
                    id,
                    name,
                    format!("no binding for nonlocal '{name}' found"),
                ));
            }
            free.insert(name.clone());
            return Ok((SymbolScope::Free, true));
        }
        if flags & DEF_BOUND != 0 {
            remove_name(global, name);
            return Ok((SymbolScope::Local, false));
        }
        if bound.as_deref().is_some_and(|b| b.contains(name.as_str())) {
            free.insert(name.clone());
            return Ok((SymbolScope::Free, true));
        }
        // A name declared global in an enclosing block is still an implicit global
        // here: CPython's table says so, and the instruction is the same.
        Ok((SymbolScope::GlobalImplicit, self.table.scope(id).nested))
    }

    /// Writes the decisions into the block, and adds the free names that pass
    /// through it on their way to the function that binds them.
    fn update_symbols(
        &mut self,
        id: ScopeId,
        decided: &[SymbolScope],
        bound: Option<&NameSet>,
        free: &NameSet,
        is_class: bool,
    ) {
        let scope = &mut self.table.scopes[id.0 as usize];
        for (symbol, &decision) in scope.symbols.values_mut().zip(decided) {
            symbol.scope = decision;
        }
        let mut passing: Vec<&Name> = free.iter().collect();
        passing.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for name in passing {
            if let Some(symbol) = scope.symbols.get_mut(name.as_str()) {
                // A method's free variable that the class body also binds (or
                // declares global): the class code must pass the cell through.
                if is_class && symbol.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    symbol.flags |= DEF_FREE_CLASS;
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name.as_str())) {
                continue;
            }
            scope.symbols.insert(
                name.clone(),
                Symbol {
                    flags: 0,
                    scope: SymbolScope::Free,
                    ..Default::default()
                },
            );
        }
    }

    fn error_at_directive(&self, id: ScopeId, name: &str, msg: String) -> CompileError {
        let scope = self.table.scope(id);
        match scope.directives.iter().find(|(n, _)| n.as_str() == name) {
            Some((_, range)) => syntax_error_at(
                ErrorKind::SyntaxError,
                msg,
                *range,
                self.index,
                self.filename,
            ),
            None => {
                let mut err = CompileError::new(ErrorKind::SyntaxError, msg);
                err.filename = self.filename.to_string();
                err
            }
        }
    }
}

/// Removes `name` from `set`, saying whether it was there. Every binding of
/// every block removes its name from the globals handed down, which are nearly
/// always none; the set's hashing of the name is skipped when it is empty.
fn remove_name(set: &mut NameSet, name: &str) -> bool {
    !set.is_empty() && set.remove(name)
}

/// A local that a nested block uses freely lives in a cell; the nested blocks'
/// need is then met here and the name stops being free.
fn analyze_cells<'n>(
    names: impl Iterator<Item = &'n Name>,
    decided: &mut [SymbolScope],
    free: &mut NameSet,
) {
    for (name, scope) in names.zip(decided.iter_mut()) {
        if *scope == SymbolScope::Local && remove_name(free, name) {
            *scope = SymbolScope::Cell;
        }
    }
}
