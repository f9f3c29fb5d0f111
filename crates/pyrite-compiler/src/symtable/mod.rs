//! Pass 1: the symbol table.
//!
//! Python decides where a name lives when it compiles, and looks its value up when
//! it runs. This module is the deciding half. It works in two steps, as CPython's
//! `Python/symtable.c` does:
//!
//! 1. **Collect** (`builder`): walk the whole module once and record raw facts per
//!    block (module, class, function, lambda, comprehension): this name is assigned
//!    here, read here, a parameter, declared `global`/`nonlocal`, imported, ...
//!    Nothing is decided yet, so the order of statements in a function cannot
//!    matter: a name assigned *anywhere* in a function is local to *all* of it.
//! 2. **Decide** (`analyze`): walk the finished block tree top-down, passing each
//!    child the set of names bound by enclosing *function* blocks, and bottom-up the
//!    set of names the children need from outside. That yields the scope of every
//!    name: local, global (explicit or implicit), free (bound in an enclosing
//!    function), or cell (local here and free in some nested block).
//!
//! Code generation (pass 2) then picks each instruction from a name's scope alone.

mod analyze;
mod builder;

use ruff_python_ast::name::Name;
use ruff_text_size::TextRange;

use crate::location::Position;

pub(crate) use builder::keyword_start;
pub use builder::{build, BuildOptions};

/// Raw facts about a name in one block (CPython's `DEF_*` / `USE` bits).
pub mod flags {
    /// A `global` statement names it in this block.
    pub const DEF_GLOBAL: u16 = 1;
    /// Bound here: assignment, `for`/`with`/`except` target, `def`/`class` name,
    /// `del`, walrus, match capture, comprehension target.
    pub const DEF_LOCAL: u16 = 2;
    /// A formal parameter (including a comprehension's implicit `.0`).
    pub const DEF_PARAM: u16 = 4;
    /// A `nonlocal` statement names it, or it is a comprehension's walrus target.
    pub const DEF_NONLOCAL: u16 = 8;
    /// Read here.
    pub const USE: u16 = 16;
    /// Free in a nested block and bound (or global) in this class body.
    pub const DEF_FREE_CLASS: u16 = 64;
    /// Bound by `import`.
    pub const DEF_IMPORT: u16 = 128;
    /// The target of a simple annotation `x: T`.
    pub const DEF_ANNOT: u16 = 256;
    /// An iteration variable of this comprehension.
    pub const DEF_COMP_ITER: u16 = 512;

    pub const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

    /// Every flag, in the order the scopes dump lists them, with its word.
    pub const NAMED: [(u16, &str); 9] = [
        (DEF_GLOBAL, "global_declared"),
        (DEF_LOCAL, "assigned"),
        (DEF_PARAM, "parameter"),
        (DEF_NONLOCAL, "nonlocal_declared"),
        (USE, "referenced"),
        (DEF_FREE_CLASS, "free_class"),
        (DEF_IMPORT, "imported"),
        (DEF_ANNOT, "annotated"),
        (DEF_COMP_ITER, "comp_iter"),
    ];
}

/// Where a name lives, as decided by pass 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SymbolScope {
    /// Not yet decided (only seen before analysis).
    #[default]
    Undecided,
    /// Bound in this block: a fast local in a function, a namespace entry in a
    /// module or class body.
    Local,
    /// Declared `global` here (or a walrus target of a module-level comprehension).
    GlobalExplicit,
    /// Neither bound here nor in an enclosing function: globals, then builtins.
    GlobalImplicit,
    /// Bound in an enclosing function block; reached through a cell.
    Free,
    /// Bound here and used free by some nested block: lives in a cell.
    Cell,
}

impl SymbolScope {
    pub fn word(self) -> &'static str {
        match self {
            SymbolScope::Undecided => "none",
            SymbolScope::Local => "local",
            SymbolScope::GlobalExplicit => "global_explicit",
            SymbolScope::GlobalImplicit => "global_implicit",
            SymbolScope::Free => "free",
            SymbolScope::Cell => "cell",
        }
    }
}

/// The first source range that set each flag, so `--explain` can point at the
/// binding, use or declaration that decided a name.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub first: [Option<TextRange>; 10],
}

impl Evidence {
    fn record(&mut self, flag: u16, range: TextRange) {
        // Only the bits that are set (usually one) are visited.
        let mut bits = flag & ((1 << self.first.len()) - 1);
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            self.first[bit].get_or_insert(range);
            bits &= bits - 1;
        }
    }

    /// The first range at which `flag` (one bit) was recorded.
    pub fn of(&self, flag: u16) -> Option<TextRange> {
        (0..10)
            .find(|bit| flag & (1 << bit) != 0)
            .and_then(|bit| self.first[bit])
    }
}

#[derive(Clone, Debug, Default)]
pub struct Symbol {
    pub flags: u16,
    pub scope: SymbolScope,
    /// Kept only when the table is built with `BuildOptions::evidence` (for
    /// `--explain`): compiling never reads it, and without it a symbol is 16
    /// bytes instead of 136.
    evidence: Option<Box<Evidence>>,
}

/// What a symbol built without evidence shows.
static NO_EVIDENCE: Evidence = Evidence { first: [None; 10] };

impl Symbol {
    /// The first range at which each flag was set (all `None` unless the table
    /// was built with evidence).
    pub fn evidence(&self) -> &Evidence {
        self.evidence.as_deref().unwrap_or(&NO_EVIDENCE)
    }

    fn record(&mut self, flag: u16, range: TextRange) {
        self.evidence
            .get_or_insert_with(Default::default)
            .record(flag, range);
    }

    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
    pub fn is_bound(&self) -> bool {
        self.has(flags::DEF_BOUND)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    /// Functions, lambdas and comprehensions (each comprehension is a function in 3.11).
    Function,
    /// The hidden block of an annotation under `from __future__ import annotations`;
    /// never linked into the tree.
    Annotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

impl ComprehensionKind {
    /// The name of the code object CPython compiles a comprehension to.
    pub fn code_name(self) -> &'static str {
        match self {
            ComprehensionKind::List => "<listcomp>",
            ComprehensionKind::Set => "<setcomp>",
            ComprehensionKind::Dict => "<dictcomp>",
            ComprehensionKind::Generator => "<genexpr>",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

impl ScopeId {
    pub const MODULE: ScopeId = ScopeId(0);
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// One block: the module, a class body, a function, a lambda or a comprehension.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The name as written (`f`, `C`); `<lambda>`, `<listcomp>`, ... for anonymous
    /// blocks; `top` for the module.
    pub name: String,
    pub comprehension: Option<ComprehensionKind>,
    /// Where the defining node starts: the `def`/`async`/`class` keyword (not a
    /// decorator), the `lambda` keyword, or a comprehension's opening bracket.
    pub start: Position,
    pub range: TextRange,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    /// Symbols in the order the collecting walk first met them. Keyed by the
    /// AST's own names: cloning one copies it (or counts a reference to a long
    /// one) instead of allocating, and a block's names are mostly new to it.
    pub symbols: crate::fast::FastIndexMap<Name, Symbol>,
    /// Parameters in `co_varnames` order (positional, keyword-only, `*args`, `**kw`).
    pub varnames: Vec<Name>,
    /// Some enclosing block is a function.
    pub nested: bool,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub returns_value: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// A class body whose methods use `super()`/`__class__`: the compiler gives it
    /// an implicit `__class__` cell.
    pub needs_class_closure: bool,
    /// This block has free variables.
    pub has_free: bool,
    /// Some nested block has free variables.
    pub child_free: bool,
    /// `global`/`nonlocal` statements (and walrus targets treated as such), by name:
    /// where to point errors found during analysis.
    pub directives: Vec<(Name, TextRange)>,
    /// Identity of the AST node that defines the block.
    pub node: usize,
}

impl Scope {
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.symbols.get(name)
    }

    pub fn scope_of(&self, name: &str) -> SymbolScope {
        self.symbols
            .get(name)
            .map_or(SymbolScope::Undecided, |s| s.scope)
    }

    pub fn is_function(&self) -> bool {
        self.kind == ScopeKind::Function
    }

    /// The name of the code object compiled from this block.
    pub fn code_name(&self) -> &str {
        match (self.kind, self.comprehension) {
            (ScopeKind::Module, _) => "<module>",
            (_, Some(kind)) => kind.code_name(),
            _ => &self.name,
        }
    }
}

/// The whole table: every block of a module, the module first.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
    by_node: crate::fast::FastMap<usize, ScopeId>,
}

impl SymbolTable {
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.index()]
    }

    pub fn module(&self) -> &Scope {
        self.scope(ScopeId::MODULE)
    }

    /// The block defined by an AST node (a function, class, lambda or comprehension).
    pub fn scope_of_node<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&node_key(node)).copied()
    }

    /// Blocks in pre-order, children by source position: the order of the dumps.
    pub fn preorder(&self) -> Vec<ScopeId> {
        let mut order = Vec::with_capacity(self.scopes.len());
        let mut stack = vec![ScopeId::MODULE];
        while let Some(id) = stack.pop() {
            order.push(id);
            let mut children = self.scope(id).children.clone();
            children.sort_by_key(|c| self.scope(*c).start);
            stack.extend(children.into_iter().rev());
        }
        order
    }
}

/// The identity of an AST node, used to find its block again in pass 2. The AST
/// outlives both passes and is never moved in between, so addresses are stable.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Private name mangling: inside class `C`, `__x` becomes `_C__x`. Dunder names,
/// dotted names and names in a class made only of underscores are left alone;
/// leading underscores of the class name are dropped (`_K` mangles `__x` to `_K__x`).
///
/// Every name operation and every recorded use of a name asks; nearly all are
/// outside a class or do not start with `__`, and that test is inlined.
#[inline]
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    match private {
        Some(class_name) if name.starts_with("__") => mangle_private(class_name, name),
        _ => name.into(),
    }
}

/// `mangle` of a name that starts with `__`, inside class `class_name`.
fn mangle_private<'a>(class_name: &str, name: &'a str) -> std::borrow::Cow<'a, str> {
    if name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}").into()
}

/// `mangle` for a name of the AST, which is only copied when mangling leaves
/// it alone.
pub fn mangle_name(private: Option<&str>, name: &Name) -> Name {
    match mangle(private, name) {
        std::borrow::Cow::Borrowed(_) => name.clone(),
        std::borrow::Cow::Owned(mangled) => Name::from(mangled),
    }
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangling_follows_cpython() {
        assert_eq!(mangle(Some("C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("_K"), "__x"), "_K__x");
        assert_eq!(mangle(Some("C"), "__x__"), "__x__");
        assert_eq!(mangle(Some("C"), "__"), "__");
        assert_eq!(mangle(Some("__"), "__x"), "__x");
        assert_eq!(mangle(Some("C"), "_x"), "_x");
        assert_eq!(mangle(Some("C"), "__a.b"), "__a.b");
        assert_eq!(mangle(None, "__x"), "__x");
    }
}
