//! Pass 1a: collect the raw facts about every name in every block.
//!
//! The walk visits nodes in exactly the order CPython's `symtable_visit_*`
//! functions do, because a few checks depend on what has been seen *so far* in a
//! block: `global x` after a use of `x` is an error, and so is a walrus that
//! rebinds a comprehension variable seen earlier.

use ruff_python_ast::name::Name;
use ruff_python_ast::NodeIndex;
use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, FStringPart,
    InterpolatedStringElement, Parameters, Pattern, Stmt,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::flags::*;
use super::{
    analyze, mangle, mangle_name, node_key, ComprehensionKind, Scope, ScopeId, ScopeKind,
    SymbolTable,
};
use crate::error::{CompileError, ErrorKind};
use crate::future::FutureFeatures;
use crate::location::LineIndex;
use crate::parse::syntax_error_at;

const GLOBAL_PARAM: &str = "name '{}' is parameter and global";
const NONLOCAL_PARAM: &str = "name '{}' is parameter and nonlocal";
const GLOBAL_AFTER_ASSIGN: &str = "name '{}' is assigned to before global declaration";
const NONLOCAL_AFTER_ASSIGN: &str = "name '{}' is assigned to before nonlocal declaration";
const GLOBAL_AFTER_USE: &str = "name '{}' is used prior to global declaration";
const NONLOCAL_AFTER_USE: &str = "name '{}' is used prior to nonlocal declaration";
const GLOBAL_ANNOT: &str = "annotated name '{}' can't be global";
const NONLOCAL_ANNOT: &str = "annotated name '{}' can't be nonlocal";

/// The implicit names pass 1 adds: a method's `__class__` cell (for `super()`)
/// and a comprehension's iterator argument.
const CLASS_CELL: Name = Name::new_static("__class__");
const COMPREHENSION_ARG: Name = Name::new_static(".0");

/// CPython scales its recursion limit by this for the compiler's C recursion.
const COMPILER_STACK_FRAME_SCALE: u32 = 3;

#[derive(Clone, Copy, Debug)]
pub struct BuildOptions {
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: u32,
    /// Python frames already on the stack when compilation starts.
    pub starting_depth: u32,
    /// Record where each flag of each symbol was first set, for `--explain`.
    pub evidence: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            recursion_limit: 1000,
            starting_depth: 0,
            evidence: true,
        }
    }
}

/// Builds and analyses the symbol table of a module.
pub fn build(
    module: &ast::ModModule,
    future: FutureFeatures,
    index: &LineIndex,
    filename: &str,
    options: BuildOptions,
) -> Result<SymbolTable, CompileError> {
    let mut builder = Builder {
        table: SymbolTable {
            scopes: Vec::new(),
            future_annotations: future.annotations,
            by_node: Default::default(),
        },
        stack: Vec::new(),
        walk: Vec::new(),
        private: None,
        index,
        filename,
        depth: options.starting_depth * COMPILER_STACK_FRAME_SCALE,
        limit: options.recursion_limit * COMPILER_STACK_FRAME_SCALE,
        evidence: options.evidence,
    };
    builder.enter_block(
        "top".into(),
        ScopeKind::Module,
        None,
        node_key(module),
        module.range,
        TextSize::new(0),
    );
    for stmt in &module.body {
        builder.visit_stmt(stmt)?;
    }
    builder.exit_block();
    let mut table = builder.table;
    analyze::analyze(&mut table, index, filename)?;
    Ok(table)
}

struct Builder<'a> {
    table: SymbolTable,
    /// The blocks being visited, innermost last. Annotation blocks are on the stack
    /// while their annotation is visited, but never in the tree.
    stack: Vec<ScopeId>,
    /// Walk-only state of each block on `stack`, in the same order.
    walk: Vec<WalkState>,
    /// The name of the innermost enclosing class, for mangling.
    private: Option<String>,
    index: &'a LineIndex<'a>,
    filename: &'a str,
    depth: u32,
    limit: u32,
    evidence: bool,
}

/// Block-local state that only the collecting walk needs.
#[derive(Default)]
struct WalkState {
    comp_iter_target: bool,
    comp_iter_expr: u32,
}

type Visit = Result<(), CompileError>;

impl<'a> Builder<'a> {
    fn cur(&self) -> ScopeId {
        *self
            .stack
            .last()
            .expect("the module block is always on the stack")
    }

    fn cur_scope(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.table.scopes[id.0 as usize]
    }

    fn scope(&self, id: ScopeId) -> &Scope {
        &self.table.scopes[id.0 as usize]
    }

    fn walk_state<R>(&mut self, f: impl FnOnce(&mut WalkState) -> R) -> R {
        f(self.walk.last_mut().expect("a block is being walked"))
    }

    fn error(&self, msg: String, range: TextRange) -> CompileError {
        syntax_error_at(
            ErrorKind::SyntaxError,
            msg,
            range,
            self.index,
            self.filename,
        )
    }

    fn enter_block(
        &mut self,
        name: String,
        kind: ScopeKind,
        comprehension: Option<ComprehensionKind>,
        node: usize,
        range: TextRange,
        start: TextSize,
    ) {
        let parent = self.stack.last().copied();
        let nested = parent.is_some_and(|p| {
            let p = self.scope(p);
            p.nested || p.kind == ScopeKind::Function
        });
        let id = ScopeId(self.table.scopes.len() as u32);
        self.table.scopes.push(Scope {
            kind,
            name,
            comprehension,
            start: self.index.position(start),
            range,
            parent: if kind == ScopeKind::Annotation {
                None
            } else {
                parent
            },
            children: Vec::new(),
            // Most blocks have a handful of names: room for 8 skips the first
            // rounds of growing.
            symbols: crate::fast::FastIndexMap::with_capacity_and_hasher(8, Default::default()),
            varnames: Vec::new(),
            nested,
            is_generator: false,
            is_coroutine: false,
            returns_value: false,
            has_varargs: false,
            has_varkeywords: false,
            needs_class_closure: false,
            has_free: false,
            child_free: false,
            directives: Vec::new(),
            node,
        });
        // A block inherits "inside a comprehension's first iterable" from its parent
        // (bpo-37757: no walrus anywhere in there, even in a nested lambda).
        let inherited = self.walk.last().map_or(0, |w| w.comp_iter_expr);
        self.walk.push(WalkState {
            comp_iter_target: false,
            comp_iter_expr: inherited,
        });
        self.stack.push(id);
        if kind == ScopeKind::Annotation {
            return;
        }
        self.table.by_node.insert(node, id);
        if let Some(parent) = parent {
            self.table.scopes[parent.0 as usize].children.push(id);
        }
    }

    fn exit_block(&mut self) {
        self.stack.pop();
        self.walk.pop();
    }

    /// Records a fact about a name in a block (`symtable_add_def_helper`);
    /// returns the index of its symbol there.
    fn add_def_in(
        &mut self,
        id: ScopeId,
        name: &Name,
        flag: u16,
        range: TextRange,
    ) -> Result<usize, CompileError> {
        let mangled = mangle(self.private.as_deref(), name);
        // The flag of the block being written to, which is not always the current one
        // (a walrus target is written into the enclosing function).
        let comp_iter_target = self
            .stack
            .iter()
            .rposition(|&s| s == id)
            .is_some_and(|depth| self.walk[depth].comp_iter_target);
        // One lookup serves both the checks and the update.
        let existing = self.table.scopes[id.0 as usize]
            .symbols
            .get_index_of(mangled.as_ref());
        let old_flags = existing.map_or(0, |at| self.table.scopes[id.0 as usize].symbols[at].flags);
        if flag & DEF_PARAM != 0 && old_flags & DEF_PARAM != 0 {
            return Err(self.error(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        let mut value = old_flags | flag;
        if comp_iter_target {
            // An iteration variable of a comprehension: it may not also be a walrus
            // target of the comprehension (seen earlier as global/nonlocal here).
            if value & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.error(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{name}'"
                    ),
                    range,
                ));
            }
            value |= DEF_COMP_ITER;
        }
        let evidence = self.evidence;
        let scope = &mut self.table.scopes[id.0 as usize];
        let at = match existing {
            Some(at) => at,
            None => {
                scope
                    .symbols
                    .insert_full(owned_name(&mangled, name), Default::default())
                    .0
            }
        };
        let symbol = &mut scope.symbols[at];
        symbol.flags = value;
        if evidence {
            symbol.record(flag | (value & DEF_COMP_ITER), range);
        }
        if flag & DEF_PARAM != 0 {
            scope.varnames.push(owned_name(&mangled, name));
        } else if flag & DEF_GLOBAL != 0 {
            // A global declaration anywhere also marks the name in the module block.
            let module = &mut self.table.scopes[0];
            let symbol = module
                .symbols
                .entry(owned_name(&mangled, name))
                .or_default();
            symbol.flags |= flag;
            if evidence {
                symbol.record(flag, range);
            }
        }
        Ok(at)
    }

    fn add_def(&mut self, name: &Name, flag: u16, range: TextRange) -> Result<usize, CompileError> {
        self.add_def_in(self.cur(), name, flag, range)
    }

    fn lookup(&self, name: &str) -> u16 {
        let mangled = mangle(self.private.as_deref(), name);
        self.scope(self.cur())
            .symbols
            .get(mangled.as_ref())
            .map_or(0, |s| s.flags)
    }

    fn record_directive(&mut self, name: &Name, range: TextRange) {
        let mangled = mangle_name(self.private.as_deref(), name);
        self.cur_scope().directives.push((mangled, range));
    }

    fn enter_recursion(&mut self) -> Visit {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(CompileError::recursion());
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt]) -> Visit {
        for stmt in body {
            self.visit_stmt(stmt)?;
        }
        Ok(())
    }

    fn visit_exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) -> Visit {
        for expr in exprs {
            self.visit_expr(expr)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> Visit {
        self.enter_recursion()?;
        self.visit_stmt_inner(stmt)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, stmt: &Stmt) -> Visit {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.add_def(&def.name.id, DEF_LOCAL, def.name.range)?;
                self.visit_defaults(&def.parameters)?;
                self.visit_annotations(stmt, &def.parameters, def.returns.as_deref())?;
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression)?;
                }
                let start =
                    keyword_start(self.index.source(), def.name.range.start(), def.is_async);
                self.enter_block(
                    def.name.to_string(),
                    ScopeKind::Function,
                    None,
                    node_key(def),
                    def.range,
                    start,
                );
                if def.is_async {
                    self.cur_scope().is_coroutine = true;
                }
                self.visit_parameters(&def.parameters)?;
                self.visit_body(&def.body)?;
                self.exit_block();
            }
            Stmt::ClassDef(class) => {
                self.add_def(&class.name.id, DEF_LOCAL, class.name.range)?;
                if let Some(arguments) = &class.arguments {
                    self.visit_exprs(arguments.args.iter())?;
                    for keyword in &arguments.keywords {
                        self.visit_expr(&keyword.value)?;
                    }
                }
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression)?;
                }
                let start = keyword_start(self.index.source(), class.name.range.start(), false);
                self.enter_block(
                    class.name.to_string(),
                    ScopeKind::Class,
                    None,
                    node_key(class),
                    class.range,
                    start,
                );
                let outer_private = self.private.replace(class.name.to_string());
                self.visit_body(&class.body)?;
                self.private = outer_private;
                self.exit_block();
            }
            Stmt::Return(ret) => {
                if let Some(value) = &ret.value {
                    self.visit_expr(value)?;
                    self.cur_scope().returns_value = true;
                }
            }
            Stmt::Delete(del) => self.visit_exprs(del.targets.iter())?,
            Stmt::Assign(assign) => {
                self.visit_exprs(assign.targets.iter())?;
                self.visit_expr(&assign.value)?;
            }
            Stmt::AnnAssign(ann) => {
                if let Expr::Name(target) = ann.target.as_ref() {
                    let current = self.lookup(&target.id);
                    let at_module = self.cur() == ScopeId::MODULE;
                    if current & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !at_module && ann.simple {
                        let template = if current & DEF_GLOBAL != 0 {
                            GLOBAL_ANNOT
                        } else {
                            NONLOCAL_ANNOT
                        };
                        return Err(self.error(template.replace("{}", &target.id), stmt.range()));
                    }
                    if ann.simple {
                        self.add_def(&target.id, DEF_ANNOT | DEF_LOCAL, target.range)?;
                    } else if ann.value.is_some() {
                        self.add_def(&target.id, DEF_LOCAL, target.range)?;
                    }
                } else {
                    self.visit_expr(&ann.target)?;
                }
                self.visit_annotation(&ann.annotation)?;
                if let Some(value) = &ann.value {
                    self.visit_expr(value)?;
                }
            }
            Stmt::AugAssign(aug) => {
                self.visit_expr(&aug.target)?;
                self.visit_expr(&aug.value)?;
            }
            Stmt::For(for_) => {
                self.visit_expr(&for_.target)?;
                self.visit_expr(&for_.iter)?;
                self.visit_body(&for_.body)?;
                self.visit_body(&for_.orelse)?;
            }
            Stmt::While(while_) => {
                self.visit_expr(&while_.test)?;
                self.visit_body(&while_.body)?;
                self.visit_body(&while_.orelse)?;
            }
            Stmt::If(if_) => {
                self.visit_expr(&if_.test)?;
                self.visit_body(&if_.body)?;
                for clause in &if_.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.visit_expr(test)?;
                    }
                    self.visit_body(&clause.body)?;
                }
            }
            Stmt::Match(match_) => {
                self.visit_expr(&match_.subject)?;
                for case in &match_.cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard)?;
                    }
                    self.visit_body(&case.body)?;
                }
            }
            Stmt::Raise(raise) => {
                if let Some(exc) = &raise.exc {
                    self.visit_expr(exc)?;
                    if let Some(cause) = &raise.cause {
                        self.visit_expr(cause)?;
                    }
                }
            }
            Stmt::Try(try_) => {
                // CPython's order: body, else, handlers, finally.
                self.visit_body(&try_.body)?;
                self.visit_body(&try_.orelse)?;
                for handler in &try_.handlers {
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_)?;
                    }
                    if let Some(name) = &handler.name {
                        self.add_def(&name.id, DEF_LOCAL, handler.range)?;
                    }
                    self.visit_body(&handler.body)?;
                }
                self.visit_body(&try_.finalbody)?;
            }
            Stmt::Assert(assert) => {
                self.visit_expr(&assert.test)?;
                if let Some(msg) = &assert.msg {
                    self.visit_expr(msg)?;
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    self.visit_alias(alias)?;
                }
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    let current = self.lookup(name);
                    if current & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let template = if current & DEF_PARAM != 0 {
                            GLOBAL_PARAM
                        } else if current & USE != 0 {
                            GLOBAL_AFTER_USE
                        } else if current & DEF_ANNOT != 0 {
                            GLOBAL_ANNOT
                        } else {
                            GLOBAL_AFTER_ASSIGN
                        };
                        return Err(self.error(template.replace("{}", name), stmt.range()));
                    }
                    self.add_def(&name.id, DEF_GLOBAL, stmt.range())?;
                    self.record_directive(&name.id, stmt.range());
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    let current = self.lookup(name);
                    if current & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let template = if current & DEF_PARAM != 0 {
                            NONLOCAL_PARAM
                        } else if current & USE != 0 {
                            NONLOCAL_AFTER_USE
                        } else if current & DEF_ANNOT != 0 {
                            NONLOCAL_ANNOT
                        } else {
                            NONLOCAL_AFTER_ASSIGN
                        };
                        return Err(self.error(template.replace("{}", name), stmt.range()));
                    }
                    self.add_def(&name.id, DEF_NONLOCAL, stmt.range())?;
                    self.record_directive(&name.id, stmt.range());
                }
            }
            Stmt::Expr(expr) => self.visit_expr(&expr.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(vars) = &item.optional_vars {
                        self.visit_expr(vars)?;
                    }
                }
                self.visit_body(&with.body)?;
            }
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {
                return Err(self.error("invalid syntax".into(), stmt.range()));
            }
        }
        Ok(())
    }

    fn visit_alias(&mut self, alias: &ast::Alias) -> Visit {
        let name = alias.asname.as_ref().unwrap_or(&alias.name);
        if name.as_str() == "*" {
            if self.scope(self.cur()).kind != ScopeKind::Module {
                return Err(self.error("import * only allowed at module level".into(), alias.range));
            }
            return Ok(());
        }
        // `import a.b.c` binds `a`.
        match name.as_str().split_once('.') {
            Some((store, _)) => self.add_def(&Name::new(store), DEF_IMPORT, alias.range)?,
            None => self.add_def(&name.id, DEF_IMPORT, alias.range)?,
        };
        Ok(())
    }

    /// Default values are evaluated in the enclosing block, before the function.
    fn visit_defaults(&mut self, parameters: &Parameters) -> Visit {
        for param in parameters.posonlyargs.iter().chain(&parameters.args) {
            if let Some(default) = &param.default {
                self.visit_expr(default)?;
            }
        }
        for param in &parameters.kwonlyargs {
            if let Some(default) = &param.default {
                self.visit_expr(default)?;
            }
        }
        Ok(())
    }

    fn visit_parameters(&mut self, parameters: &Parameters) -> Visit {
        for param in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            self.add_def(&param.parameter.name.id, DEF_PARAM, param.parameter.range)?;
        }
        if let Some(vararg) = &parameters.vararg {
            self.add_def(&vararg.name.id, DEF_PARAM, vararg.range)?;
            self.cur_scope().has_varargs = true;
        }
        if let Some(kwarg) = &parameters.kwarg {
            self.add_def(&kwarg.name.id, DEF_PARAM, kwarg.range)?;
            self.cur_scope().has_varkeywords = true;
        }
        Ok(())
    }

    /// Parameter and return annotations, evaluated in the enclosing block (or, under
    /// `from __future__ import annotations`, in a hidden block that is thrown away).
    fn visit_annotations(
        &mut self,
        def: &Stmt,
        parameters: &Parameters,
        returns: Option<&Expr>,
    ) -> Visit {
        let future = self.table.future_annotations;
        if future {
            self.enter_block(
                "_annotation".into(),
                ScopeKind::Annotation,
                None,
                node_key(def),
                def.range(),
                def.start(),
            );
        }
        // CPython's order: positional-only, positional, *args, **kwargs, keyword-only.
        for param in parameters.posonlyargs.iter().chain(&parameters.args) {
            if let Some(annotation) = &param.parameter.annotation {
                self.visit_expr(annotation)?;
            }
        }
        for variadic in [&parameters.vararg, &parameters.kwarg]
            .into_iter()
            .flatten()
        {
            if let Some(annotation) = &variadic.annotation {
                self.visit_expr(annotation)?;
            }
        }
        for param in &parameters.kwonlyargs {
            if let Some(annotation) = &param.parameter.annotation {
                self.visit_expr(annotation)?;
            }
        }
        if future {
            self.exit_block();
        }
        if let Some(returns) = returns {
            self.visit_annotation(returns)?;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, annotation: &Expr) -> Visit {
        let future = self.table.future_annotations;
        if future {
            self.enter_block(
                "_annotation".into(),
                ScopeKind::Annotation,
                None,
                node_key(annotation),
                annotation.range(),
                annotation.start(),
            );
        }
        self.visit_expr(annotation)?;
        if future {
            self.exit_block();
        }
        Ok(())
    }

    fn forbid_in_annotation(&self, what: &str, range: TextRange) -> Visit {
        if self.scope(self.cur()).kind == ScopeKind::Annotation {
            return Err(self.error(
                format!("'{what}' can not be used within an annotation"),
                range,
            ));
        }
        Ok(())
    }

    fn visit_expr(&mut self, expr: &Expr) -> Visit {
        self.enter_recursion()?;
        self.visit_expr_inner(expr)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_inner(&mut self, expr: &Expr) -> Visit {
        match expr {
            Expr::Named(named) => {
                self.forbid_in_annotation("named expression", named.range)?;
                if self.walk_state(|w| w.comp_iter_expr) > 0 {
                    return Err(self.error(
                        "assignment expression cannot be used in a comprehension iterable expression"
                            .into(),
                        named.range,
                    ));
                }
                if self.scope(self.cur()).comprehension.is_some() {
                    self.extend_named_expr_scope(&named.target)?;
                }
                self.visit_expr(&named.value)?;
                self.visit_expr(&named.target)?;
            }
            Expr::BoolOp(bool_op) => self.visit_exprs(bool_op.values.iter())?,
            Expr::BinOp(bin) => {
                self.visit_expr(&bin.left)?;
                self.visit_expr(&bin.right)?;
            }
            Expr::UnaryOp(unary) => self.visit_expr(&unary.operand)?,
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_defaults(parameters)?;
                }
                self.enter_block(
                    "<lambda>".into(),
                    ScopeKind::Function,
                    None,
                    node_key(lambda),
                    lambda.range,
                    lambda.range.start(),
                );
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters)?;
                }
                self.visit_expr(&lambda.body)?;
                self.exit_block();
            }
            Expr::If(if_) => {
                self.visit_expr(&if_.test)?;
                self.visit_expr(&if_.body)?;
                self.visit_expr(&if_.orelse)?;
            }
            Expr::Dict(dict) => {
                // All keys first, then all values, as CPython's Dict node stores them.
                self.visit_exprs(dict.items.iter().filter_map(|item| item.key.as_ref()))?;
                self.visit_exprs(dict.items.iter().map(|item| &item.value))?;
            }
            Expr::Set(set) => self.visit_exprs(set.elts.iter())?,
            Expr::Generator(gen) => self.visit_comprehension(
                expr,
                ComprehensionKind::Generator,
                &gen.generators,
                &gen.elt,
                None,
                gen.range.start(),
            )?,
            Expr::ListComp(comp) => self.visit_comprehension(
                expr,
                ComprehensionKind::List,
                &comp.generators,
                &comp.elt,
                None,
                comp.range.start(),
            )?,
            Expr::SetComp(comp) => self.visit_comprehension(
                expr,
                ComprehensionKind::Set,
                &comp.generators,
                &comp.elt,
                None,
                comp.range.start(),
            )?,
            Expr::DictComp(comp) => {
                let Some(key) = &comp.key else {
                    return Err(self.error(
                        "dict unpacking cannot be used in dict comprehension".into(),
                        comp.range,
                    ));
                };
                self.visit_comprehension(
                    expr,
                    ComprehensionKind::Dict,
                    &comp.generators,
                    key,
                    Some(&comp.value),
                    comp.range.start(),
                )?
            }
            Expr::Yield(yield_) => {
                self.forbid_in_annotation("yield expression", yield_.range)?;
                if let Some(value) = &yield_.value {
                    self.visit_expr(value)?;
                }
                self.mark_generator(yield_.range)?;
            }
            Expr::YieldFrom(yield_from) => {
                self.forbid_in_annotation("yield expression", yield_from.range)?;
                self.visit_expr(&yield_from.value)?;
                self.mark_generator(yield_from.range)?;
            }
            Expr::Await(await_) => {
                self.forbid_in_annotation("await expression", await_.range)?;
                self.visit_expr(&await_.value)?;
                self.cur_scope().is_coroutine = true;
            }
            Expr::Compare(compare) => {
                self.visit_expr(&compare.left)?;
                self.visit_exprs(compare.comparators.iter())?;
            }
            Expr::Call(call) => {
                self.visit_expr(&call.func)?;
                self.visit_call_arguments(&call.arguments)?;
            }
            Expr::FString(fstring) => {
                for part in fstring.value.iter() {
                    if let FStringPart::FString(f) = part {
                        self.visit_interpolated_elements(&f.elements)?;
                    }
                }
            }
            Expr::TString(t) => {
                return Err(self.error("invalid syntax".into(), t.range));
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(attr) => self.visit_expr(&attr.value)?,
            Expr::Subscript(sub) => {
                self.visit_expr(&sub.value)?;
                self.visit_expr(&sub.slice)?;
            }
            Expr::Starred(starred) => self.visit_expr(&starred.value)?,
            Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step]
                    .into_iter()
                    .flatten()
                {
                    self.visit_expr(part)?;
                }
            }
            Expr::Name(name) => {
                let flag = if name.ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                let symbol = self.add_def(&name.id, flag, name.range)?;
                // Where the symbol is, for code generation to find it without
                // hashing the name again (it checks the name before trusting it).
                name.node_index.set(NodeIndex::from(symbol as u32));
                // A bare `super` in a function needs the `__class__` cell.
                if name.ctx == ExprContext::Load
                    && self.scope(self.cur()).kind == ScopeKind::Function
                    && name.id.as_str() == "super"
                {
                    self.add_def(&CLASS_CELL, USE, name.range)?;
                }
            }
            Expr::List(list) => self.visit_exprs(list.elts.iter())?,
            Expr::Tuple(tuple) => self.visit_exprs(tuple.elts.iter())?,
            Expr::IpyEscapeCommand(c) => {
                return Err(self.error("invalid syntax".into(), c.range));
            }
        }
        Ok(())
    }

    fn visit_call_arguments(&mut self, arguments: &ast::Arguments) -> Visit {
        // `f(x for x in y)`: the generator expression's block starts at the call's
        // parenthesis, which is also the generator's own.
        let sole_genexp = arguments.args.len() == 1 && arguments.keywords.is_empty();
        for arg in arguments.args.iter() {
            match arg {
                Expr::Generator(gen) if sole_genexp && !gen.parenthesized => {
                    self.enter_recursion()?;
                    self.visit_comprehension(
                        arg,
                        ComprehensionKind::Generator,
                        &gen.generators,
                        &gen.elt,
                        None,
                        arguments.range.start(),
                    )?;
                    self.depth -= 1;
                }
                _ => self.visit_expr(arg)?,
            }
        }
        for keyword in &arguments.keywords {
            self.visit_expr(&keyword.value)?;
        }
        Ok(())
    }

    fn visit_interpolated_elements(&mut self, elements: &[InterpolatedStringElement]) -> Visit {
        for element in elements {
            if let InterpolatedStringElement::Interpolation(interpolation) = element {
                self.visit_expr(&interpolation.expression)?;
                if let Some(spec) = &interpolation.format_spec {
                    self.visit_interpolated_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn mark_generator(&mut self, range: TextRange) -> Visit {
        let scope = self.cur_scope();
        scope.is_generator = true;
        if let Some(kind) = scope.comprehension {
            let what = match kind {
                ComprehensionKind::List => "'yield' inside list comprehension",
                ComprehensionKind::Set => "'yield' inside set comprehension",
                ComprehensionKind::Dict => "'yield' inside dict comprehension",
                ComprehensionKind::Generator => "'yield' inside generator expression",
            };
            return Err(self.error(what.into(), range));
        }
        Ok(())
    }

    /// A comprehension is a function block of its own, except that its first
    /// iterable is evaluated in the enclosing block and passed in as `.0`.
    fn visit_comprehension(
        &mut self,
        expr: &Expr,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        start: TextSize,
    ) -> Visit {
        let Some(outermost) = generators.first() else {
            return Err(self.error("invalid syntax".into(), expr.range()));
        };
        self.walk_state(|w| w.comp_iter_expr += 1);
        self.visit_expr(&outermost.iter)?;
        self.walk_state(|w| w.comp_iter_expr -= 1);
        self.enter_block(
            kind.code_name().into(),
            ScopeKind::Function,
            Some(kind),
            node_key(expr),
            expr.range(),
            start,
        );
        if outermost.is_async {
            self.cur_scope().is_coroutine = true;
        }
        self.add_def(&COMPREHENSION_ARG, DEF_PARAM, outermost.range)?;
        self.walk_state(|w| w.comp_iter_target = true);
        self.visit_expr(&outermost.target)?;
        self.walk_state(|w| w.comp_iter_target = false);
        self.visit_exprs(outermost.ifs.iter())?;
        for generator in &generators[1..] {
            self.walk_state(|w| w.comp_iter_target = true);
            self.visit_expr(&generator.target)?;
            self.walk_state(|w| w.comp_iter_target = false);
            self.walk_state(|w| w.comp_iter_expr += 1);
            self.visit_expr(&generator.iter)?;
            self.walk_state(|w| w.comp_iter_expr -= 1);
            self.visit_exprs(generator.ifs.iter())?;
            if generator.is_async {
                self.cur_scope().is_coroutine = true;
            }
        }
        // For a dict comprehension CPython visits the value before the key.
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        let is_generator = kind == ComprehensionKind::Generator;
        let scope = self.cur_scope();
        scope.is_generator = is_generator;
        let is_async = scope.is_coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur_scope().is_coroutine = true;
        }
        Ok(())
    }

    /// A walrus inside a comprehension binds in the nearest enclosing function (or
    /// the module), as if declared `nonlocal` (or `global`) in the comprehension.
    fn extend_named_expr_scope(&mut self, target: &Expr) -> Visit {
        let Expr::Name(name) = target else {
            return Ok(());
        };
        let target_name = &name.id;
        for &id in self.stack.clone().iter().rev() {
            let scope = self.scope(id);
            if scope.comprehension.is_some() {
                let in_scope = scope
                    .symbols
                    .get(target_name.as_str())
                    .map_or(0, |s| s.flags);
                if in_scope & DEF_COMP_ITER != 0 {
                    return Err(self.error(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{target_name}'"
                        ),
                        name.range,
                    ));
                }
                continue;
            }
            match scope.kind {
                ScopeKind::Function => {
                    let in_scope = scope
                        .symbols
                        .get(target_name.as_str())
                        .map_or(0, |s| s.flags);
                    let declaration = if in_scope & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(target_name, declaration, name.range)?;
                    self.record_directive(target_name, name.range);
                    self.add_def_in(id, target_name, DEF_LOCAL, name.range)?;
                    return Ok(());
                }
                ScopeKind::Module => {
                    self.add_def(target_name, DEF_GLOBAL, name.range)?;
                    self.record_directive(target_name, name.range);
                    self.add_def_in(id, target_name, DEF_GLOBAL, name.range)?;
                    return Ok(());
                }
                ScopeKind::Class => {
                    return Err(self.error(
                        "assignment expression within a comprehension cannot be used in a class body"
                            .into(),
                        name.range,
                    ));
                }
                ScopeKind::Annotation => {}
            }
        }
        Ok(())
    }

    fn visit_pattern(&mut self, pattern: &Pattern) -> Visit {
        self.enter_recursion()?;
        match pattern {
            Pattern::MatchValue(value) => self.visit_expr(&value.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(seq) => {
                for p in &seq.patterns {
                    self.visit_pattern(p)?;
                }
            }
            Pattern::MatchStar(star) => {
                if let Some(name) = &star.name {
                    self.add_def(&name.id, DEF_LOCAL, star.range)?;
                }
            }
            Pattern::MatchMapping(mapping) => {
                self.visit_exprs(mapping.keys.iter())?;
                for p in &mapping.patterns {
                    self.visit_pattern(p)?;
                }
                if let Some(rest) = &mapping.rest {
                    self.add_def(&rest.id, DEF_LOCAL, mapping.range)?;
                }
            }
            Pattern::MatchClass(class) => {
                self.visit_expr(&class.cls)?;
                for p in &class.arguments.patterns {
                    self.visit_pattern(p)?;
                }
                for keyword in &class.arguments.keywords {
                    self.visit_pattern(&keyword.pattern)?;
                }
            }
            Pattern::MatchAs(as_) => {
                if let Some(p) = &as_.pattern {
                    self.visit_pattern(p)?;
                }
                if let Some(name) = &as_.name {
                    self.add_def(&name.id, DEF_LOCAL, as_.range)?;
                }
            }
            Pattern::MatchOr(or) => {
                for p in &or.patterns {
                    self.visit_pattern(p)?;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }
}

/// The `Name` of `mangled`, which is `mangle(.., name)`: `name` itself when
/// mangling left it alone (a mangled name is always longer), so that it is
/// only copied, not allocated.
fn owned_name(mangled: &str, name: &Name) -> Name {
    if mangled.len() == name.len() {
        name.clone()
    } else {
        Name::new(mangled)
    }
}

/// Where a `def`/`async def`/`class` statement starts, found from its name: the
/// keyword precedes the name with only blanks (or explicit line joins) between, and
/// `async` precedes `def` the same way. Decorators are not part of the statement
/// in CPython's AST, though Ruff includes them in the range.
pub(crate) fn keyword_start(source: &str, name_start: TextSize, is_async: bool) -> TextSize {
    let bytes = source.as_bytes();
    let skip_blanks_back = |mut i: usize| {
        loop {
            while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\x0c') {
                i -= 1;
            }
            // `\` followed by a line break joins lines.
            let mut j = i;
            if j > 0 && bytes[j - 1] == b'\n' {
                j -= 1;
            }
            if j > 0 && bytes[j - 1] == b'\r' {
                j -= 1;
            }
            if j < i && j > 0 && bytes[j - 1] == b'\\' {
                i = j - 1;
                continue;
            }
            return i;
        }
    };
    let skip_word_back = |mut i: usize| {
        while i > 0 && bytes[i - 1].is_ascii_alphabetic() {
            i -= 1;
        }
        i
    };
    let mut i = skip_word_back(skip_blanks_back(name_start.to_usize()));
    if is_async {
        i = skip_word_back(skip_blanks_back(i));
    }
    TextSize::new(i as u32)
}
