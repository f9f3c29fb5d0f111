//! Structure-aware: the fuzzer's bytes become a small program built from the
//! constructs that stress scopes and control flow (nested functions, classes,
//! lambdas and comprehensions; global/nonlocal; try/except/finally; yield;
//! with; loops with break/continue). Many such programs are invalid Python
//! (a nonlocal with no binding, a `return` at module level); compiling must
//! then fail with a SyntaxError-kind error, and never otherwise. A program
//! that compiles is also run, with the instruction budget.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// Past this depth statements render as `pass` and expressions as a name:
/// the point is how constructs combine, not how deep they nest (the
/// compiler's recursion limit has its own tests).
const MAX_DEPTH: usize = 6;

const NAMES: [&str; 6] = ["a", "b", "c", "x", "f", "g"];

#[derive(Arbitrary, Debug)]
struct Name(u8);

impl Name {
    fn text(&self) -> &'static str {
        NAMES[self.0 as usize % NAMES.len()]
    }
}

#[derive(Arbitrary, Debug)]
enum Stmt {
    Assign(Name, Expr),
    AugAssign(Name, Expr),
    Unpack(Name, Name, Expr),
    Expr(Expr),
    Print(Expr),
    Def {
        name: Name,
        params: Vec<Name>,
        decorator: Option<Name>,
        body: Vec<Stmt>,
    },
    Class {
        name: Name,
        base: Option<Name>,
        body: Vec<Stmt>,
    },
    Global(Name),
    Nonlocal(Name),
    Del(Name),
    Return(Option<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>),
    For(Name, Expr, Vec<Stmt>, Vec<Stmt>),
    Try {
        body: Vec<Stmt>,
        handler: Option<(Option<Name>, Vec<Stmt>)>,
        orelse: Vec<Stmt>,
        finally: Vec<Stmt>,
    },
    With(Expr, Option<Name>, Vec<Stmt>),
    Break,
    Continue,
    Pass,
    Raise(Option<Expr>),
    Assert(Expr),
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Name(Name),
    Int(i8),
    Str(Name),
    None,
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Binary(Box<Expr>, u8, Box<Expr>),
    Compare(Box<Expr>, u8, Box<Expr>),
    BoolOp(Box<Expr>, bool, Box<Expr>),
    Not(Box<Expr>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Attribute(Box<Expr>, Name),
    Subscript(Box<Expr>, Box<Expr>),
    Lambda(Vec<Name>, Box<Expr>),
    ListComp(Box<Expr>, Name, Box<Expr>, Option<Box<Expr>>),
    SetComp(Box<Expr>, Name, Box<Expr>),
    DictComp(Box<Expr>, Box<Expr>, Name, Box<Expr>),
    GenExp(Box<Expr>, Name, Box<Expr>),
    Walrus(Name, Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Range(u8),
}

const BINARY: [&str; 8] = ["+", "-", "*", "//", "%", "&", "|", "<<"];
const COMPARE: [&str; 8] = ["<", "<=", "==", "!=", ">", "in", "is", "is not"];

struct Writer {
    out: String,
}

impl Writer {
    fn block(&mut self, body: &[Stmt], indent: usize, depth: usize) {
        if body.is_empty() || depth >= MAX_DEPTH {
            self.line(indent, "pass");
            return;
        }
        for stmt in body {
            self.stmt(stmt, indent, depth);
        }
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn stmt(&mut self, stmt: &Stmt, indent: usize, depth: usize) {
        let e = |x: &Expr| expr(x, depth);
        let d = depth + 1;
        match stmt {
            Stmt::Assign(n, x) => self.line(indent, &format!("{} = {}", n.text(), e(x))),
            Stmt::AugAssign(n, x) => self.line(indent, &format!("{} += {}", n.text(), e(x))),
            Stmt::Unpack(a, b, x) => {
                self.line(indent, &format!("{}, {} = {}", a.text(), b.text(), e(x)))
            }
            Stmt::Expr(x) => self.line(indent, &e(x)),
            Stmt::Print(x) => self.line(indent, &format!("print({})", e(x))),
            Stmt::Def {
                name,
                params,
                decorator,
                body,
            } => {
                if let Some(dec) = decorator {
                    self.line(indent, &format!("@{}", dec.text()));
                }
                let params: Vec<_> = params.iter().take(3).map(Name::text).collect();
                self.line(
                    indent,
                    &format!("def {}({}):", name.text(), params.join(", ")),
                );
                self.block(body, indent + 1, d);
            }
            Stmt::Class { name, base, body } => {
                let base = base
                    .as_ref()
                    .map_or(String::new(), |b| format!("({})", b.text()));
                self.line(indent, &format!("class {}{base}:", name.text()));
                self.block(body, indent + 1, d);
            }
            Stmt::Global(n) => self.line(indent, &format!("global {}", n.text())),
            Stmt::Nonlocal(n) => self.line(indent, &format!("nonlocal {}", n.text())),
            Stmt::Del(n) => self.line(indent, &format!("del {}", n.text())),
            Stmt::Return(x) => match x {
                Some(x) => self.line(indent, &format!("return {}", e(x))),
                None => self.line(indent, "return"),
            },
            Stmt::If(c, then, orelse) => {
                self.line(indent, &format!("if {}:", e(c)));
                self.block(then, indent + 1, d);
                if !orelse.is_empty() {
                    self.line(indent, "else:");
                    self.block(orelse, indent + 1, d);
                }
            }
            Stmt::While(c, body) => {
                self.line(indent, &format!("while {}:", e(c)));
                self.block(body, indent + 1, d);
            }
            Stmt::For(n, it, body, orelse) => {
                self.line(indent, &format!("for {} in {}:", n.text(), e(it)));
                self.block(body, indent + 1, d);
                if !orelse.is_empty() {
                    self.line(indent, "else:");
                    self.block(orelse, indent + 1, d);
                }
            }
            Stmt::Try {
                body,
                handler,
                orelse,
                finally,
            } => {
                self.line(indent, "try:");
                self.block(body, indent + 1, d);
                if let Some((name, handler_body)) = handler {
                    match name {
                        Some(n) => self.line(indent, &format!("except Exception as {}:", n.text())),
                        None => self.line(indent, "except:"),
                    }
                    self.block(handler_body, indent + 1, d);
                    if !orelse.is_empty() {
                        self.line(indent, "else:");
                        self.block(orelse, indent + 1, d);
                    }
                }
                // A try needs a handler or a finally clause.
                if handler.is_none() || !finally.is_empty() {
                    self.line(indent, "finally:");
                    self.block(finally, indent + 1, d);
                }
            }
            Stmt::With(x, target, body) => {
                match target {
                    Some(t) => self.line(indent, &format!("with {} as {}:", e(x), t.text())),
                    None => self.line(indent, &format!("with {}:", e(x))),
                }
                self.block(body, indent + 1, d);
            }
            Stmt::Break => self.line(indent, "break"),
            Stmt::Continue => self.line(indent, "continue"),
            Stmt::Pass => self.line(indent, "pass"),
            Stmt::Raise(x) => match x {
                Some(x) => self.line(indent, &format!("raise {}", e(x))),
                None => self.line(indent, "raise"),
            },
            Stmt::Assert(x) => self.line(indent, &format!("assert {}", e(x))),
        }
    }
}

/// An expression, parenthesised wherever it is not a single token, so the
/// text always parses the way the tree says.
fn expr(x: &Expr, depth: usize) -> String {
    if depth >= MAX_DEPTH {
        return "a".into();
    }
    let e = |x: &Expr| expr(x, depth + 1);
    let list = |xs: &[Expr]| xs.iter().take(4).map(e).collect::<Vec<_>>().join(", ");
    match x {
        Expr::Name(n) => n.text().into(),
        Expr::Int(i) => format!("({i})"),
        Expr::Str(n) => format!("'{}'", n.text()),
        Expr::None => "None".into(),
        Expr::List(xs) => format!("[{}]", list(xs)),
        Expr::Tuple(xs) => format!("({},)", list(xs)),
        Expr::Binary(a, op, b) => format!("({} {} {})", e(a), BINARY[*op as usize % 8], e(b)),
        Expr::Compare(a, op, b) => format!("({} {} {})", e(a), COMPARE[*op as usize % 8], e(b)),
        Expr::BoolOp(a, and, b) => {
            format!("({} {} {})", e(a), if *and { "and" } else { "or" }, e(b))
        }
        Expr::Not(a) => format!("(not {})", e(a)),
        Expr::IfExp(a, c, b) => format!("({} if {} else {})", e(a), e(c), e(b)),
        Expr::Call(f, args) => format!("{}({})", e(f), list(args)),
        Expr::Attribute(a, n) => format!("{}.{}", e(a), n.text()),
        Expr::Subscript(a, i) => format!("{}[{}]", e(a), e(i)),
        Expr::Lambda(params, body) => {
            let params: Vec<_> = params.iter().take(3).map(Name::text).collect();
            format!("(lambda {}: {})", params.join(", "), e(body))
        }
        Expr::ListComp(elt, n, it, cond) => {
            let cond = cond
                .as_ref()
                .map_or(String::new(), |c| format!(" if {}", e(c)));
            format!("[{} for {} in {}{cond}]", e(elt), n.text(), e(it))
        }
        Expr::SetComp(elt, n, it) => format!("{{{} for {} in {}}}", e(elt), n.text(), e(it)),
        Expr::DictComp(k, v, n, it) => {
            format!("{{{}: {} for {} in {}}}", e(k), e(v), n.text(), e(it))
        }
        Expr::GenExp(elt, n, it) => format!("({} for {} in {})", e(elt), n.text(), e(it)),
        Expr::Walrus(n, v) => format!("({} := {})", n.text(), e(v)),
        Expr::Yield(v) => match v {
            Some(v) => format!("(yield {})", e(v)),
            None => "(yield)".into(),
        },
        Expr::YieldFrom(v) => format!("(yield from {})", e(v)),
        Expr::Range(n) => format!("range({})", n % 8),
    }
}

fuzz_target!(|program: Vec<Stmt>| {
    let mut writer = Writer { out: String::new() };
    writer.block(&program, 0, 0);
    let text = writer.out;
    let options = pyrite_compiler::CompileOptions::new("<fuzz>");
    let compiled = pyrite_fuzz::on_compiler_stack(|| pyrite_compiler::compile(&text, &options));
    match compiled {
        Ok(_) => pyrite_fuzz::run_text(&text),
        Err(e) => assert!(
            e.kind.is_syntax_error(),
            "a generated program failed to compile with {:?}: {}\n{text}",
            e.kind,
            e.msg
        ),
    }
});
