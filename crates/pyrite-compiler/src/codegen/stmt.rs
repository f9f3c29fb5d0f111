//! Statements.

use ruff_python_ast::{self as ast, ExceptHandler, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::cfg::BlockId;
use super::{Compiler, Emit, FBlockKind, UnitKind, STACK_USE_GUIDELINE};
use crate::bytecode::{Constant, Opcode};
use crate::future::{docstring, is_future_module};
use crate::location::Position;
use crate::symtable::{keyword_start, ScopeKind};

use Opcode::*;

impl<'a> Compiler<'a> {
    pub(super) fn compile_stmts(&mut self, body: &'a [Stmt]) -> Emit {
        for stmt in body {
            self.compile_stmt(stmt)?;
        }
        Ok(())
    }

    pub(super) fn compile_stmt(&mut self, stmt: &'a Stmt) -> Emit {
        self.enter_recursion()?;
        let range = self.stmt_range(stmt);
        self.set_loc(range);
        self.compile_stmt_inner(stmt)?;
        self.leave_recursion();
        Ok(())
    }

    fn compile_stmt_inner(&mut self, stmt: &'a Stmt) -> Emit {
        match stmt {
            Stmt::FunctionDef(def) => self.compile_function(def),
            Stmt::ClassDef(class) => self.compile_class(class),
            Stmt::Return(ret) => self.compile_return(ret),
            Stmt::Delete(del) => {
                for target in &del.targets {
                    self.compile_expr(target)?;
                }
                Ok(())
            }
            Stmt::Assign(assign) => {
                self.compile_expr(&assign.value)?;
                let n = assign.targets.len();
                for (i, target) in assign.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit_arg(COPY, 1);
                    }
                    self.compile_expr(target)?;
                }
                Ok(())
            }
            Stmt::AugAssign(aug) => self.compile_augassign(aug),
            Stmt::AnnAssign(ann) => self.compile_annassign(ann),
            Stmt::For(for_) if for_.is_async => self.compile_async_for(for_),
            Stmt::For(for_) => self.compile_for(for_),
            Stmt::While(while_) => self.compile_while(while_),
            Stmt::If(if_) => self.compile_if(if_),
            Stmt::Match(match_) => self.compile_match(match_),
            Stmt::Raise(raise) => {
                let mut n = 0;
                if let Some(exc) = &raise.exc {
                    self.compile_expr(exc)?;
                    n += 1;
                    if let Some(cause) = &raise.cause {
                        self.compile_expr(cause)?;
                        n += 1;
                    }
                }
                self.emit_arg(RAISE_VARARGS, n);
                self.next_block();
                Ok(())
            }
            Stmt::Try(try_) => {
                if try_.is_star {
                    if try_.finalbody.is_empty() {
                        self.compile_try_star_except(try_)
                    } else {
                        self.compile_try_finally(try_)
                    }
                } else if try_.finalbody.is_empty() {
                    self.compile_try_except(try_)
                } else {
                    self.compile_try_finally(try_)
                }
            }
            Stmt::Assert(assert) => self.compile_assert(assert),
            Stmt::Import(import) => self.compile_import(import),
            Stmt::ImportFrom(import) => self.compile_from_import(import, stmt.range()),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(expr) => self.compile_expr_stmt(&expr.value),
            Stmt::Pass(_) => {
                self.emit(NOP);
                Ok(())
            }
            Stmt::Break(_) => self.compile_break(),
            Stmt::Continue(_) => self.compile_continue(),
            Stmt::With(with) if with.is_async => self.compile_async_with(with, 0),
            Stmt::With(with) => self.compile_with(with, 0),
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => Err(self.error("invalid syntax")),
        }
    }

    fn compile_expr_stmt(&mut self, value: &Expr) -> Emit {
        if self.options.interactive && self.units.len() <= 1 {
            self.compile_expr(value)?;
            self.emit(PRINT_EXPR);
            return Ok(());
        }
        if self.constant_of(value).is_some() {
            // A constant statement (a docstring-like string) does nothing.
            self.emit(NOP);
            return Ok(());
        }
        self.compile_expr(value)?;
        self.unset_loc();
        self.emit(POP_TOP);
        Ok(())
    }

    // ----- functions and classes ---------------------------------------------

    fn check_debug_args(&self, parameters: &ast::Parameters) -> Emit {
        for param in parameters.iter() {
            if param.name().as_str() == "__debug__" {
                return Err(self.error_at("cannot assign to __debug__", param.name().range));
            }
        }
        Ok(())
    }

    /// Pushes the tuple of positional defaults and the dict of keyword-only
    /// defaults; returns the MAKE_FUNCTION flags for what was pushed.
    fn compile_defaults(
        &mut self,
        parameters: &ast::Parameters,
    ) -> Result<u32, super::CompileError> {
        let mut flags = 0;
        let positional: Vec<&Expr> = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !positional.is_empty() {
            for default in &positional {
                self.compile_expr(default)?;
            }
            self.emit_arg(BUILD_TUPLE, positional.len() as u32);
            flags |= 0x01;
        }
        let mut keys: Vec<Constant> = Vec::new();
        for param in &parameters.kwonlyargs {
            if let Some(default) = &param.default {
                let mangled =
                    crate::symtable::mangle(self.unit().private.as_deref(), &param.parameter.name)
                        .into_owned();
                keys.push(Constant::Str(mangled));
                self.compile_expr(default)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys));
            self.emit_arg(BUILD_CONST_KEY_MAP, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    /// Pushes `(name, annotation, ...)` for the parameters and return value;
    /// returns whether a tuple was pushed.
    fn compile_annotations(
        &mut self,
        parameters: &ast::Parameters,
        returns: Option<&Expr>,
    ) -> Result<bool, super::CompileError> {
        let mut count = 0u32;
        // CPython's order: positional, positional-only, *args, keyword-only, **kw.
        let mut entries: Vec<(&str, &Expr)> = Vec::new();
        for param in parameters.args.iter().chain(&parameters.posonlyargs) {
            if let Some(annotation) = &param.parameter.annotation {
                entries.push((param.parameter.name.as_str(), annotation));
            }
        }
        if let Some(vararg) = &parameters.vararg {
            if let Some(annotation) = &vararg.annotation {
                entries.push((vararg.name.as_str(), annotation));
            }
        }
        for param in &parameters.kwonlyargs {
            if let Some(annotation) = &param.parameter.annotation {
                entries.push((param.parameter.name.as_str(), annotation));
            }
        }
        if let Some(kwarg) = &parameters.kwarg {
            if let Some(annotation) = &kwarg.annotation {
                entries.push((kwarg.name.as_str(), annotation));
            }
        }
        if let Some(returns) = returns {
            entries.push(("return", returns));
        }
        for (name, annotation) in entries {
            let mangled =
                crate::symtable::mangle(self.unit().private.as_deref(), name).into_owned();
            self.load_const(Constant::Str(mangled));
            self.compile_annotation_value(annotation)?;
            count += 2;
        }
        if count > 0 {
            self.emit_arg(BUILD_TUPLE, count);
        }
        Ok(count > 0)
    }

    /// An annotation's value: the expression, or under `from __future__ import
    /// annotations` its source form as a string.
    pub(super) fn compile_annotation_value(&mut self, annotation: &Expr) -> Emit {
        if self.future.annotations {
            let text = super::unparse::unparse_annotation(annotation, self.index.source());
            self.load_const(Constant::Str(text));
        } else if let Expr::Starred(starred) = annotation {
            self.compile_expr(&starred.value)?;
            self.emit_arg(UNPACK_SEQUENCE, 1);
        } else {
            self.compile_expr(annotation)?;
        }
        Ok(())
    }

    fn compile_decorators(&mut self, decorators: &[ast::Decorator]) -> Emit {
        for decorator in decorators {
            self.compile_expr(&decorator.expression)?;
        }
        Ok(())
    }

    /// Calls the decorators, innermost first, each at its own line.
    fn apply_decorators(&mut self, decorators: &[ast::Decorator]) {
        let saved = self.unit().loc;
        for decorator in decorators.iter().rev() {
            self.set_loc(decorator.expression.range());
            self.emit_arg(PRECALL, 0);
            self.emit_arg(CALL, 0);
        }
        self.unit_mut().loc = saved;
    }

    fn compile_function(&mut self, def: &'a ast::StmtFunctionDef) -> Emit {
        self.check_debug_args(&def.parameters)?;
        self.compile_decorators(&def.decorator_list)?;
        let def_range = TextRange::new(
            keyword_start(self.index.source(), def.name.range.start(), def.is_async),
            def.range.end(),
        );
        let mut firstlineno = self.line_of(def_range);
        if let Some(first) = def.decorator_list.first() {
            firstlineno = self.line_of(first.expression.range());
        }
        let mut flags = self.compile_defaults(&def.parameters)?;
        if self.compile_annotations(&def.parameters, def.returns.as_deref())? {
            flags |= 0x04;
        }
        let scope = self.child_scope(def)?;
        let kind = if def.is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        let start = self.index.position(def_range.start());
        self.enter_scope(&def.name, kind, scope, firstlineno, start)?;
        let doc = if self.options.optimize < 2 {
            docstring(&def.body)
        } else {
            None
        };
        self.add_const(match doc {
            Some(doc) => Constant::Str(doc.value.to_string()),
            None => Constant::None,
        });
        let params = &def.parameters;
        self.unit_mut().argcount = params.args.len() as u32;
        self.unit_mut().posonlyargcount = params.posonlyargs.len() as u32;
        self.unit_mut().kwonlyargcount = params.kwonlyargs.len() as u32;
        let body = if doc.is_some() {
            &def.body[1..]
        } else {
            &def.body[..]
        };
        self.compile_stmts(body)?;
        let code = self.exit_scope(true)?;
        self.make_closure(code, flags)?;
        self.apply_decorators(&def.decorator_list);
        self.name_op(&def.name, ExprContext::Store)
    }

    fn compile_class(&mut self, class: &'a ast::StmtClassDef) -> Emit {
        self.compile_decorators(&class.decorator_list)?;
        let class_range = TextRange::new(
            keyword_start(self.index.source(), class.name.range.start(), false),
            class.range.end(),
        );
        let mut firstlineno = self.line_of(class_range);
        if let Some(first) = class.decorator_list.first() {
            firstlineno = self.line_of(first.expression.range());
        }
        let scope = self.child_scope(class)?;
        let start = self.index.position(class_range.start());
        self.enter_scope(&class.name, UnitKind::Class, scope, firstlineno, start)?;
        self.unit_mut().private = Some(class.name.to_string());
        self.name_op("__name__", ExprContext::Load)?;
        self.name_op("__module__", ExprContext::Store)?;
        let qualname = self.unit().qualname.clone();
        self.load_const(Constant::Str(qualname));
        self.name_op("__qualname__", ExprContext::Store)?;
        self.compile_body(&class.body)?;
        self.unset_loc();
        if self.scope().needs_class_closure {
            // Store the `__class__` cell as `__classcell__` and return it:
            // `type.__new__` fills it in for `super()`.
            let index = self.unit().cellvars.get_index_of("__class__").unwrap_or(0) as u32;
            self.emit_arg(LOAD_CLOSURE, index);
            self.emit_arg(COPY, 1);
            self.name_op("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(Constant::None);
        }
        self.emit(RETURN_VALUE);
        let code = self.exit_scope(true)?;

        self.emit(PUSH_NULL);
        self.emit(LOAD_BUILD_CLASS);
        self.make_closure(code, 0)?;
        self.load_const(Constant::Str(class.name.to_string()));
        let (bases, keywords): (&[Expr], &[ast::Keyword]) = match &class.arguments {
            Some(arguments) => (&arguments.args, &arguments.keywords),
            None => (&[], &[]),
        };
        self.compile_call_helper(2, bases, keywords)?;
        self.apply_decorators(&class.decorator_list);
        self.name_op(&class.name, ExprContext::Store)
    }

    fn compile_return(&mut self, ret: &'a ast::StmtReturn) -> Emit {
        let value_const = ret.value.as_deref().and_then(|v| self.constant_of(v));
        let preserve_tos = ret.value.is_some() && value_const.is_none();
        if self.scope().kind != ScopeKind::Function {
            return Err(self.error("'return' outside function"));
        }
        if ret.value.is_some() && self.scope().is_coroutine && self.scope().is_generator {
            return Err(self.error("'return' with value in async generator"));
        }
        if preserve_tos {
            self.compile_expr(ret.value.as_deref().expect("checked above"))?;
        } else if let Some(value) = &ret.value {
            self.set_loc(value.range());
            self.emit(NOP);
        }
        let value_line = ret.value.as_ref().map(|v| self.line_of(v.range()));
        if value_line != Some(self.line_of(ret.range)) {
            self.set_loc(ret.range);
            self.emit(NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match (&ret.value, value_const) {
            (None, _) => self.load_const(Constant::None),
            (Some(_), Some(constant)) => self.load_const(constant),
            _ => {}
        }
        self.emit(RETURN_VALUE);
        self.next_block();
        Ok(())
    }

    fn compile_break(&mut self) -> Emit {
        self.emit(NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error("'break' outside loop"));
        };
        let fblock = self.unit().fblocks[loop_index].clone();
        self.unwind_fblock(&fblock, false)?;
        let exit = fblock.exit.expect("loops have an exit block");
        self.emit_jump(JUMP, exit);
        self.next_block();
        Ok(())
    }

    fn compile_continue(&mut self) -> Emit {
        self.emit(NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error("'continue' not properly in loop"));
        };
        let start = self.unit().fblocks[loop_index]
            .block
            .expect("loops have a start block");
        self.emit_jump(JUMP, start);
        self.next_block();
        Ok(())
    }

    /// Emits what leaving one frame block early requires (popping an iterator,
    /// running a `finally` body, calling `__exit__`, ...).
    fn unwind_fblock(&mut self, fblock: &super::FBlock<'a>, preserve_tos: bool) -> Emit {
        match &fblock.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.emit(POP_TOP);
            }
            FBlockKind::TryExcept => self.emit(POP_BLOCK),
            FBlockKind::FinallyTry(body) => {
                self.emit(POP_BLOCK);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, None, None)?;
                }
                self.compile_stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.emit(POP_TOP);
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.emit(POP_BLOCK);
                self.emit(POP_EXCEPT);
            }
            FBlockKind::With(range) | FBlockKind::AsyncWith(range) => {
                self.set_loc(*range);
                self.emit(POP_BLOCK);
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.call_exit_with_nones();
                if matches!(fblock.kind, FBlockKind::AsyncWith(_)) {
                    self.emit_arg(GET_AWAITABLE, 2);
                    self.load_const(Constant::None);
                    self.add_yield_from(true);
                }
                self.emit(POP_TOP);
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup(name) => {
                if name.is_some() {
                    self.emit(POP_BLOCK);
                }
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.emit(POP_BLOCK);
                self.emit(POP_EXCEPT);
                if let Some(name) = name {
                    self.load_const(Constant::None);
                    self.name_op(name, ExprContext::Store)?;
                    self.name_op(name, ExprContext::Del)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit_arg(SWAP, 2);
                }
                self.emit(POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwinds every frame block (for `return`), or up to the innermost loop (for
    /// `break`/`continue`, when `stop_at_loop`): returns that loop's index.
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
    ) -> Result<Option<usize>, super::CompileError> {
        let Some(top) = self.unit().fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
            return Err(
                self.error("'break', 'continue' and 'return' cannot appear in an except* block")
            );
        }
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(self.unit().fblocks.len() - 1));
        }
        self.unit_mut().fblocks.pop();
        self.unwind_fblock(&top, preserve_tos)?;
        let found = self.unwind_fblock_stack(preserve_tos, stop_at_loop)?;
        self.unit_mut().fblocks.push(top);
        Ok(found)
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit_arg(PRECALL, 2);
        self.emit_arg(CALL, 2);
    }

    // ----- assignment ---------------------------------------------------------

    fn compile_augassign(&mut self, aug: &'a ast::StmtAugAssign) -> Emit {
        let target = aug.target.as_ref();
        let saved = self.unit().loc;
        self.set_loc(target.range());
        match target {
            Expr::Attribute(attr) => {
                self.compile_expr(&attr.value)?;
                self.emit_arg(COPY, 1);
                self.set_attr_loc(attr);
                self.emit_name(LOAD_ATTR, &attr.attr);
            }
            Expr::Subscript(sub) => {
                self.compile_expr(&sub.value)?;
                self.compile_expr(&sub.slice)?;
                self.emit_arg(COPY, 2);
                self.emit_arg(COPY, 2);
                self.emit(BINARY_SUBSCR);
            }
            Expr::Name(name) => self.name_expr_op(name, ExprContext::Load)?,
            _ => return Err(self.error("illegal expression for augmented assignment")),
        }
        self.unit_mut().loc = saved;
        self.compile_expr(&aug.value)?;
        self.emit_arg(BINARY_OP, super::expr::binary_op_arg(aug.op) + 13);
        self.set_loc(target.range());
        match target {
            Expr::Attribute(attr) => {
                self.set_attr_loc(attr);
                self.emit_arg(SWAP, 2);
                self.emit_name(STORE_ATTR, &attr.attr);
            }
            Expr::Subscript(_) => {
                self.emit_arg(SWAP, 3);
                self.emit_arg(SWAP, 2);
                self.emit(STORE_SUBSCR);
            }
            Expr::Name(name) => self.name_expr_op(name, ExprContext::Store)?,
            _ => unreachable!("checked above"),
        }
        Ok(())
    }

    fn compile_annassign(&mut self, ann: &'a ast::StmtAnnAssign) -> Emit {
        let target = ann.target.as_ref();
        if let Some(value) = &ann.value {
            self.compile_expr(value)?;
            self.compile_expr(target)?;
        }
        let at_namespace = matches!(self.unit().kind, UnitKind::Module | UnitKind::Class);
        match target {
            Expr::Name(name) => {
                if name.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                if ann.simple && at_namespace {
                    self.compile_annotation_value(&ann.annotation)?;
                    self.emit_name(LOAD_NAME, "__annotations__");
                    let mangled = crate::symtable::mangle(self.unit().private.as_deref(), &name.id)
                        .into_owned();
                    self.load_const(Constant::Str(mangled));
                    self.emit(STORE_SUBSCR);
                }
            }
            Expr::Attribute(attr) => {
                if attr.attr.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                if ann.value.is_none() {
                    self.check_ann_expr(&attr.value)?;
                }
            }
            Expr::Subscript(sub) => {
                if ann.value.is_none() {
                    self.check_ann_expr(&sub.value)?;
                    self.check_ann_subscript(&sub.slice)?;
                }
            }
            _ => return Err(self.error("illegal target for annotation")),
        }
        if !ann.simple && !self.future.annotations && at_namespace {
            self.check_ann_expr(&ann.annotation)?;
        }
        Ok(())
    }

    /// Evaluates an expression only for its errors (annotation targets).
    fn check_ann_expr(&mut self, expr: &Expr) -> Emit {
        self.compile_expr(expr)?;
        self.emit(POP_TOP);
        Ok(())
    }

    fn check_ann_subscript(&mut self, expr: &Expr) -> Emit {
        match expr {
            Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step]
                    .into_iter()
                    .flatten()
                {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            Expr::Tuple(tuple) => {
                for elt in &tuple.elts {
                    self.check_ann_subscript(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(expr),
        }
    }

    // ----- control flow -------------------------------------------------------

    fn compile_if(&mut self, if_: &'a ast::StmtIf) -> Emit {
        self.compile_if_chain(&if_.test, &if_.body, &if_.elif_else_clauses)
    }

    /// `if`/`elif`/`else`: CPython nests each `elif` as an `if` in the `else`.
    fn compile_if_chain(
        &mut self,
        test: &Expr,
        body: &'a [Stmt],
        rest: &'a [ast::ElifElseClause],
    ) -> Emit {
        let end = self.new_block();
        let next = if rest.is_empty() {
            end
        } else {
            self.new_block()
        };
        self.compile_jump_if(test, next, false)?;
        self.compile_stmts(body)?;
        if let Some((clause, more)) = rest.split_first() {
            self.emit_jump_noline(JUMP, end);
            self.use_next_block(next);
            match &clause.test {
                Some(elif_test) => {
                    self.enter_recursion()?;
                    self.set_loc(clause.range);
                    self.compile_if_chain(elif_test, &clause.body, more)?;
                    self.leave_recursion();
                }
                None => self.compile_stmts(&clause.body)?,
            }
        }
        self.use_next_block(end);
        Ok(())
    }

    fn compile_for(&mut self, for_: &'a ast::StmtFor) -> Emit {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end))?;
        self.compile_iterable(&for_.iter)?;
        self.emit(GET_ITER);
        self.use_next_block(start);
        self.emit_jump(FOR_ITER, cleanup);
        self.use_next_block(body);
        self.compile_expr(&for_.target)?;
        self.compile_stmts(&for_.body)?;
        self.unset_loc();
        self.emit_jump(JUMP, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.compile_stmts(&for_.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_async_for(&mut self, for_: &'a ast::StmtFor) -> Emit {
        if self.unit().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async for' outside async function"));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.compile_expr(&for_.iter)?;
        self.emit(GET_AITER);
        self.use_next_block(start);
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end))?;
        self.emit_jump(SETUP_FINALLY, except);
        self.emit(GET_ANEXT);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.emit(POP_BLOCK);
        self.compile_expr(&for_.target)?;
        self.compile_stmts(&for_.body)?;
        self.unset_loc();
        self.emit_jump(JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.set_loc(for_.iter.range());
        self.emit(END_ASYNC_FOR);
        self.compile_stmts(&for_.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_while(&mut self, while_: &'a ast::StmtWhile) -> Emit {
        let loop_ = self.new_block();
        let body = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(loop_);
        self.push_fblock(FBlockKind::WhileLoop, Some(loop_), Some(end))?;
        self.compile_jump_if(&while_.test, anchor, false)?;
        self.use_next_block(body);
        self.compile_stmts(&while_.body)?;
        // The test is repeated at the bottom, jumping back while it holds.
        self.set_loc(while_.range);
        self.compile_jump_if(&while_.test, body, true)?;
        self.pop_fblock();
        self.use_next_block(anchor);
        self.compile_stmts(&while_.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn compile_assert(&mut self, assert: &'a ast::StmtAssert) -> Emit {
        if self.options.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.compile_jump_if(&assert.test, end, true)?;
        self.emit(LOAD_ASSERTION_ERROR);
        if let Some(msg) = &assert.msg {
            self.compile_expr(msg)?;
            self.emit_arg(PRECALL, 0);
            self.emit_arg(CALL, 0);
        }
        self.emit_arg(RAISE_VARARGS, 1);
        self.use_next_block(end);
        Ok(())
    }

    // ----- exceptions ---------------------------------------------------------

    /// `COPY 3; POP_EXCEPT; RERAISE 1`: the cleanup handler that restores the
    /// previous exception before re-raising.
    fn pop_except_and_reraise(&mut self) {
        self.emit_arg(COPY, 3);
        self.emit(POP_EXCEPT);
        self.emit_arg(RERAISE, 1);
    }

    fn compile_try_finally(&mut self, try_: &'a ast::StmtTry) -> Emit {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        // The `try` block.
        self.emit_jump(SETUP_FINALLY, end);
        self.use_next_block(body);
        self.push_fblock(
            FBlockKind::FinallyTry(&try_.finalbody),
            Some(body),
            Some(end),
        )?;
        if !try_.handlers.is_empty() {
            if try_.is_star {
                self.compile_try_star_except(try_)?;
            } else {
                self.compile_try_except(try_)?;
            }
        } else {
            self.compile_stmts(&try_.body)?;
        }
        self.emit_noline(POP_BLOCK, 0);
        self.pop_fblock();
        self.compile_stmts(&try_.finalbody)?;
        self.emit_jump_noline(JUMP, exit);
        // The `finally` block, run when an exception is propagating.
        self.use_next_block(end);
        self.unset_loc();
        self.emit_jump(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::FinallyEnd, Some(end), None)?;
        self.compile_stmts(&try_.finalbody)?;
        self.pop_fblock();
        self.emit_arg(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    fn compile_try_except(&mut self, try_: &'a ast::StmtTry) -> Emit {
        let body = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.emit_jump(SETUP_FINALLY, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, Some(body), None)?;
        self.compile_stmts(&try_.body)?;
        self.pop_fblock();
        self.emit_noline(POP_BLOCK, 0);
        self.compile_stmts(&try_.orelse)?;
        self.emit_jump_noline(JUMP, end);
        let n = try_.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO);
        // The runtime pushes the exception; account for it.
        self.push_fblock(FBlockKind::ExceptionHandler, None, None)?;
        for (i, handler) in try_.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(handler) = handler;
            self.set_loc(handler.range);
            if handler.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last"));
            }
            except = self.new_block();
            if let Some(type_) = &handler.type_ {
                self.compile_expr(type_)?;
                self.emit(CHECK_EXC_MATCH);
                self.emit_jump(POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = &handler.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.name_op(name, ExprContext::Store)?;
                // try: body finally: name = None; del name
                self.emit_jump(SETUP_CLEANUP, cleanup_end);
                self.use_next_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(Some(name.to_string())),
                    Some(cleanup_body),
                    None,
                )?;
                self.compile_stmts(&handler.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(POP_BLOCK);
                self.emit(POP_BLOCK);
                self.emit(POP_EXCEPT);
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store)?;
                self.name_op(name, ExprContext::Del)?;
                self.emit_jump(JUMP, end);
                // The handler body raised: unbind the name, re-raise.
                self.use_next_block(cleanup_end);
                self.unset_loc();
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store)?;
                self.name_op(name, ExprContext::Del)?;
                self.emit_arg(RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.emit(POP_TOP);
                self.use_next_block(cleanup_body);
                self.push_fblock(FBlockKind::HandlerCleanup(None), Some(cleanup_body), None)?;
                self.compile_stmts(&handler.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(POP_BLOCK);
                self.emit(POP_EXCEPT);
                self.emit_jump(JUMP, end);
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.emit_arg(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    fn compile_try_star_except(&mut self, try_: &'a ast::StmtTry) -> Emit {
        let body = self.new_block();
        let mut except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.emit_jump(SETUP_FINALLY, except);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::TryExcept, Some(body), None)?;
        self.compile_stmts(&try_.body)?;
        self.pop_fblock();
        self.emit_noline(POP_BLOCK, 0);
        self.emit_jump_noline(JUMP, orelse);
        let n = try_.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, None, None)?;
        for (i, handler) in try_.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(handler) = handler;
            self.set_loc(handler.range);
            except = self.new_block();
            let next_handler = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                // [exc] -> [orig, [], exc]: the original group and the list of
                // exceptions raised or re-raised by the handlers.
                self.emit_arg(COPY, 1);
                self.emit_arg(BUILD_LIST, 0);
                self.emit_arg(SWAP, 2);
            }
            if let Some(type_) = &handler.type_ {
                self.compile_expr(type_)?;
                self.emit(CHECK_EG_MATCH);
                self.emit_arg(COPY, 1);
                self.emit_jump(POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &handler.name {
                Some(name) => self.name_op(name, ExprContext::Store)?,
                None => self.emit(POP_TOP),
            }
            self.emit_jump(SETUP_CLEANUP, cleanup_end);
            self.use_next_block(cleanup_body);
            self.push_fblock(
                FBlockKind::HandlerCleanup(handler.name.as_ref().map(|n| n.to_string())),
                Some(cleanup_body),
                None,
            )?;
            self.compile_stmts(&handler.body)?;
            self.pop_fblock();
            self.emit(POP_BLOCK);
            if let Some(name) = &handler.name {
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store)?;
                self.name_op(name, ExprContext::Del)?;
            }
            self.emit_jump(JUMP, except);
            // The handler raised: record what it raised.
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &handler.name {
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store)?;
                self.name_op(name, ExprContext::Del)?;
            }
            self.emit_arg(LIST_APPEND, 3);
            self.emit(POP_TOP);
            self.emit_jump(JUMP, except);
            self.use_next_block(except);
            self.emit_jump(JUMP, next_handler);
            // No match: drop the None and go on with the next handler.
            self.use_next_block(no_match);
            self.emit(POP_TOP);
            self.use_next_block(next_handler);
            if i + 1 == n {
                // What no handler matched is re-raised with the rest.
                self.emit_arg(LIST_APPEND, 1);
                self.emit_jump(JUMP, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.emit(PREP_RERAISE_STAR);
        self.emit_arg(COPY, 1);
        self.emit_jump(POP_JUMP_IF_NOT_NONE, reraise);
        // Nothing to re-raise.
        self.emit(POP_TOP);
        self.emit(POP_BLOCK);
        self.emit(POP_EXCEPT);
        self.emit_jump(JUMP, end);
        self.use_next_block(reraise);
        self.emit(POP_BLOCK);
        self.emit_arg(SWAP, 2);
        self.emit(POP_EXCEPT);
        self.emit_arg(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse);
        self.compile_stmts(&try_.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    // ----- with ---------------------------------------------------------------

    fn compile_with(&mut self, with: &'a ast::StmtWith, pos: usize) -> Emit {
        let item = &with.items[pos];
        let body = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.compile_expr(&item.context_expr)?;
        self.emit(BEFORE_WITH);
        self.emit_jump(SETUP_WITH, final_);
        self.use_next_block(body);
        self.push_fblock(FBlockKind::With(with.range), Some(body), Some(final_))?;
        match &item.optional_vars {
            Some(vars) => self.compile_expr(vars)?,
            None => self.emit(POP_TOP),
        }
        if pos + 1 == with.items.len() {
            self.compile_stmts(&with.body)?;
        } else {
            self.compile_with(with, pos + 1)?;
        }
        self.unset_loc();
        self.emit(POP_BLOCK);
        self.pop_fblock();
        // Normal exit: __exit__(None, None, None).
        self.set_loc(with.range);
        self.call_exit_with_nones();
        self.emit(POP_TOP);
        self.emit_jump(JUMP, exit);
        // Exceptional exit.
        self.use_next_block(final_);
        self.emit_jump(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO);
        self.emit(WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    fn compile_async_with(&mut self, with: &'a ast::StmtWith, pos: usize) -> Emit {
        if self.unit().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async with' outside async function"));
        }
        let item = &with.items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.compile_expr(&item.context_expr)?;
        self.emit(BEFORE_ASYNC_WITH);
        self.emit_arg(GET_AWAITABLE, 1);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.emit_jump(SETUP_WITH, final_);
        self.use_next_block(block);
        self.push_fblock(FBlockKind::AsyncWith(with.range), Some(block), Some(final_))?;
        match &item.optional_vars {
            Some(vars) => self.compile_expr(vars)?,
            None => self.emit(POP_TOP),
        }
        if pos + 1 == with.items.len() {
            self.compile_stmts(&with.body)?;
        } else {
            self.compile_async_with(with, pos + 1)?;
        }
        self.pop_fblock();
        self.emit(POP_BLOCK);
        self.set_loc(with.range);
        self.call_exit_with_nones();
        self.emit_arg(GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.emit(POP_TOP);
        self.emit_jump(JUMP, exit);
        self.use_next_block(final_);
        self.emit_jump(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO);
        self.emit(WITH_EXCEPT_START);
        self.emit_arg(GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// After `WITH_EXCEPT_START`: swallow the exception if `__exit__` returned
    /// true, else re-raise it.
    fn with_except_finish(&mut self, cleanup: BlockId) {
        self.unset_loc();
        let exit = self.new_block();
        self.emit_jump(POP_JUMP_IF_TRUE, exit);
        self.next_block();
        self.emit_arg(RERAISE, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        self.emit(POP_TOP);
        self.emit(POP_BLOCK);
        self.emit(POP_EXCEPT);
        self.emit(POP_TOP);
        self.emit(POP_TOP);
    }

    // ----- imports ------------------------------------------------------------

    fn compile_import(&mut self, import: &'a ast::StmtImport) -> Emit {
        for alias in &import.names {
            self.load_const(Constant::Int(0.into()));
            self.load_const(Constant::None);
            self.emit_name(IMPORT_NAME, &alias.name);
            let name = alias.name.as_str();
            match &alias.asname {
                Some(asname) => {
                    // `import a.b.c as d` binds d to the submodule a.b.c.
                    if let Some((_, attrs)) = name.split_once('.') {
                        let parts: Vec<&str> = attrs.split('.').collect();
                        for (i, attr) in parts.iter().enumerate() {
                            self.emit_name(IMPORT_FROM, attr);
                            if i + 1 < parts.len() {
                                self.emit_arg(SWAP, 2);
                                self.emit(POP_TOP);
                            }
                        }
                        self.name_op(asname, ExprContext::Store)?;
                        self.emit(POP_TOP);
                    } else {
                        self.name_op(asname, ExprContext::Store)?;
                    }
                }
                None => {
                    // `import a.b.c` binds a.
                    let top = name.split('.').next().unwrap_or(name);
                    self.name_op(top, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    fn compile_from_import(&mut self, import: &'a ast::StmtImportFrom, range: TextRange) -> Emit {
        self.load_const(Constant::Int(import.level.into()));
        let names: Vec<Constant> = import
            .names
            .iter()
            .map(|a| Constant::Str(a.name.to_string()))
            .collect();
        if is_future_module(import) && self.line_of(range) > self.future.lineno {
            return Err(
                self.error("from __future__ imports must occur at the beginning of the file")
            );
        }
        self.load_const(Constant::Tuple(names));
        let module = import.module.as_ref().map_or("", |m| m.as_str());
        self.emit_name(IMPORT_NAME, module);
        for (i, alias) in import.names.iter().enumerate() {
            if i == 0 && alias.name.as_str().starts_with('*') {
                self.emit(IMPORT_STAR);
                return Ok(());
            }
            self.emit_name(IMPORT_FROM, &alias.name);
            let store = alias.asname.as_ref().unwrap_or(&alias.name);
            self.name_op(store, ExprContext::Store)?;
        }
        self.emit(POP_TOP);
        Ok(())
    }

    // ----- shared with classes ------------------------------------------------

    /// Arguments of a call whose callable (and `n` more values) are pushed.
    pub(super) fn compile_call_helper(
        &mut self,
        n: u32,
        args: &[Expr],
        keywords: &[ast::Keyword],
    ) -> Emit {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            for arg in args {
                self.compile_expr(arg)?;
            }
            if nkw > 0 {
                for keyword in keywords {
                    self.compile_expr(&keyword.value)?;
                }
                self.kw_names(keywords);
            }
            let count = n + (nelts + nkw) as u32;
            self.emit_arg(PRECALL, count);
            self.emit_arg(CALL, count);
            return Ok(());
        }
        // The general form: a tuple of positional arguments and a dict of keywords.
        if n == 0 && nelts == 1 {
            if let Expr::Starred(starred) = &args[0] {
                self.compile_expr(&starred.value)?;
            } else {
                self.starunpack(args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?;
            }
        } else {
            self.starunpack(args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, keyword) in keywords.iter().enumerate() {
                if keyword.arg.is_none() {
                    if nseen > 0 {
                        self.compile_subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.emit_arg(DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit_arg(BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.compile_expr(&keyword.value)?;
                    self.emit_arg(DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.compile_subkwargs(&keywords[nkw - nseen..])?;
                if have_dict {
                    self.emit_arg(DICT_MERGE, 1);
                }
            }
        }
        self.emit_arg(CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    pub(super) fn kw_names(&mut self, keywords: &[ast::Keyword]) {
        let names: Vec<Constant> = keywords
            .iter()
            .map(|k| Constant::Str(k.arg.as_ref().map(|a| a.to_string()).unwrap_or_default()))
            .collect();
        let index = self.add_const(Constant::Tuple(names));
        self.emit_arg(KW_NAMES, index);
    }

    fn compile_subkwargs(&mut self, keywords: &[ast::Keyword]) -> Emit {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for keyword in keywords {
                self.compile_expr(&keyword.value)?;
            }
            let keys: Vec<Constant> = keywords
                .iter()
                .map(|k| Constant::Str(k.arg.as_ref().map(|a| a.to_string()).unwrap_or_default()))
                .collect();
            self.load_const(Constant::Tuple(keys));
            self.emit_arg(BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.emit_noline(BUILD_MAP, 0);
        }
        for keyword in keywords {
            let key = keyword
                .arg
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_default();
            self.load_const(Constant::Str(key));
            self.compile_expr(&keyword.value)?;
            if big {
                self.emit_noline(MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn validate_keywords(&self, keywords: &[ast::Keyword]) -> Emit {
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(arg) = &keyword.arg else {
                continue;
            };
            if arg.as_str() == "__debug__" {
                return Err(self.error_at("cannot assign to __debug__", keyword.range));
            }
            if keywords[i + 1..].iter().any(|other| {
                other
                    .arg
                    .as_ref()
                    .is_some_and(|o| o.as_str() == arg.as_str())
            }) {
                let repeat = keywords[i + 1..]
                    .iter()
                    .find(|other| {
                        other
                            .arg
                            .as_ref()
                            .is_some_and(|o| o.as_str() == arg.as_str())
                    })
                    .map_or(keyword.range, |k| k.range);
                return Err(self.error_at(format!("keyword argument repeated: {arg}"), repeat));
            }
        }
        Ok(())
    }

    pub(super) fn definition_start(&self, range: TextRange) -> Position {
        self.index.position(range.start())
    }
}
