//! The command line, read with CPython's rules: options first (single letters
//! may be combined, `-c`/`-m`/`-W`/`-X` take the rest of their argument or the
//! next one), then the program (`-c CMD`, `-m MOD`, a file, or `-` for
//! standard input), and everything after the program goes to `sys.argv`
//! untouched.

/// What to run.
#[derive(Debug, PartialEq, Eq)]
pub enum Program {
    /// No program: the prompt on a terminal, else a program read from stdin.
    Default,
    Stdin,
    File(String),
    Command(String),
    Module(String),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub program: Program,
    /// `sys.argv[1:]`.
    pub args: Vec<String>,
    /// `-B`.
    pub dont_write_bytecode: bool,
    /// `-i`.
    pub inspect: bool,
    /// `-q`.
    pub quiet: bool,
    /// `-E` (and `-I`): ignore `PYTHON*` environment variables.
    pub ignore_environment: bool,
    /// `-I`: isolated mode (`-E -s`, and the script's directory is not put on
    /// `sys.path`).
    pub isolated: bool,
    /// `-u`.
    pub unbuffered: bool,
    /// `-O` (once: asserts removed; twice: docstrings too).
    pub optimize: u8,
    /// The letters that change nothing here but `sys.flags`: `-d`, `-v`,
    /// `-b` (counted), `-s`, `-S`, `-P`, and `-X dev`, `-X utf8`,
    /// `-X int_max_str_digits=N`.
    pub debug: u8,
    pub verbose: u8,
    pub bytes_warning: u8,
    pub no_user_site: bool,
    pub no_site: bool,
    pub safe_path: bool,
    pub dev_mode: bool,
    pub utf8_mode: bool,
    pub int_max_str_digits: Option<i64>,
    /// How many times `-V` / `--version` was given.
    pub version: u8,
}

/// What the command line asks for instead of running something.
#[derive(Debug, PartialEq, Eq)]
pub enum Early {
    Help,
    /// `-V` (1) or `-VV` (2 or more: the longer form).
    Version(u8),
    /// A usage error: the message, then the usage lines; exit status 2.
    Usage(String),
    /// A setting the interpreter cannot start with: CPython's "Fatal Python
    /// error" message; exit status 1.
    Fatal(String),
}

pub const HELP: &str = "\
usage: pyrite [option] ... [-c cmd | -m mod | file | -] [arg] ...
       pyrite dis|scopes|codeobjs|compile ...   (see below)
Options:
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate Pyrite from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements
-OO    : do -O changes and also discard docstrings
-q     : don't print version and copyright messages on interactive startup
-s     : (accepted; there is no user site directory)
-S     : (accepted; there is no site module)
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the Python version number and exit (also --version)
-W arg : warning control (accepted)
-X opt : implementation-specific option (accepted)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Subcommands (only as the first argument; to run a script named like one,
write its path with a directory, e.g. ./dis):
pyrite dis FILE...                      the bytecode of every code object, as python3 -m dis prints it
pyrite scopes FILE... [--jsonl]         the symbol table: every name's scope in every block
pyrite scopes --explain FILE...         ... and the reason for each, with source positions
pyrite codeobjs FILE... --jsonl         code objects' name tuples and name instructions
pyrite compile [--no-write] [-f] [--invalidation-mode MODE] [-j N] PATH...
                                        compile files (directories recursively) to __pycache__

Environment variables:
PYTHONPATH             : ':'-separated directories prefixed to the module search path
PYTHONDONTWRITEBYTECODE: if non-empty, don't write .pyc files (as -B)
PYTHONUNBUFFERED       : if non-empty, unbuffered output (as -u)
PYRITE_TRACE_PYCACHE   : if non-empty, report every bytecode cache decision on stderr
";

pub fn usage_line(program: &str) -> String {
    format!(
        "usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n\
         Try `pyrite -h' for more information.\n"
    )
}

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Options, Early> {
    // `-V` wins over running anything, wherever it stands among the options,
    // and counts (`-VV`), as in CPython.
    let options = parse_options(args)?;
    if options.version > 0 {
        return Err(Early::Version(options.version));
    }
    Ok(options)
}

fn parse_options(args: &[String]) -> Result<Options, Early> {
    let mut options = Options {
        program: Program::Default,
        args: Vec::new(),
        dont_write_bytecode: false,
        inspect: false,
        quiet: false,
        ignore_environment: false,
        isolated: false,
        unbuffered: false,
        optimize: 0,
        debug: 0,
        verbose: 0,
        bytes_warning: 0,
        no_user_site: false,
        no_site: false,
        safe_path: false,
        dev_mode: false,
        utf8_mode: false,
        int_max_str_digits: None,
        version: 0,
    };
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            break;
        }
        if arg == "-" || !arg.starts_with('-') {
            i -= 1;
            break;
        }
        match arg.as_str() {
            "--help" => return Err(Early::Help),
            "--version" => {
                options.version = options.version.saturating_add(1);
                continue;
            }
            long if long.starts_with("--") => {
                return Err(Early::Usage(format!("unknown option {long}")));
            }
            _ => {}
        }
        let letters: Vec<char> = arg[1..].chars().collect();
        let mut j = 0;
        while j < letters.len() {
            let letter = letters[j];
            j += 1;
            match letter {
                'c' | 'm' | 'W' | 'X' => {
                    // The rest of this argument, or the next one.
                    let attached: String = letters[j..].iter().collect();
                    let value = if !attached.is_empty() {
                        attached
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(Early::Usage(format!(
                            "Argument expected for the -{letter} option"
                        )));
                    };
                    match letter {
                        'c' => {
                            options.program = Program::Command(value);
                            options.args = args[i..].to_vec();
                            return Ok(options);
                        }
                        'm' => {
                            options.program = Program::Module(value);
                            options.args = args[i..].to_vec();
                            return Ok(options);
                        }
                        'X' => {
                            match value.as_str() {
                                "dev" => options.dev_mode = true,
                                "utf8" | "utf8=1" => options.utf8_mode = true,
                                other => {
                                    if let Some(n) = other.strip_prefix("int_max_str_digits=") {
                                        match n.parse::<i64>() {
                                            Ok(n) if n == 0 || n >= 640 => {
                                                options.int_max_str_digits = Some(n)
                                            }
                                            _ => {
                                                return Err(Early::Fatal(
                                                    "config_init_int_max_str_digits: -X \
                                                 int_max_str_digits: invalid limit; must be \
                                                 >= 640 or 0 for unlimited."
                                                        .to_string(),
                                                ))
                                            }
                                        }
                                    }
                                }
                            }
                            break;
                        }
                        // Warning filters are accepted and ignored, as are
                        // the other -X options.
                        _ => break,
                    }
                }
                'B' => options.dont_write_bytecode = true,
                'i' => options.inspect = true,
                'q' => options.quiet = true,
                'E' => options.ignore_environment = true,
                'I' => {
                    options.isolated = true;
                    options.ignore_environment = true;
                    options.no_user_site = true;
                    options.safe_path = true;
                }
                'u' => options.unbuffered = true,
                'O' => options.optimize = options.optimize.saturating_add(1).min(2),
                'd' => options.debug = options.debug.saturating_add(1),
                'v' => options.verbose = options.verbose.saturating_add(1),
                'b' => options.bytes_warning = options.bytes_warning.saturating_add(1),
                's' => options.no_user_site = true,
                'S' => options.no_site = true,
                'P' => options.safe_path = true,
                'R' | 'x' => {}
                'h' | '?' => return Err(Early::Help),
                'V' => options.version = options.version.saturating_add(1),
                other => return Err(Early::Usage(format!("Unknown option: -{other}"))),
            }
        }
    }
    if i < args.len() {
        options.program = if args[i] == "-" {
            Program::Stdin
        } else {
            Program::File(args[i].clone())
        };
        options.args = args[i + 1..].to_vec();
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn program_and_arguments() {
        let o = parse(&args(&["-B", "script.py", "-c", "x"])).unwrap();
        assert_eq!(o.program, Program::File("script.py".into()));
        assert_eq!(o.args, args(&["-c", "x"]));
        assert!(o.dont_write_bytecode);
        let o = parse(&args(&["-c", "print(1)", "-m", "y"])).unwrap();
        assert_eq!(o.program, Program::Command("print(1)".into()));
        assert_eq!(o.args, args(&["-m", "y"]));
        let o = parse(&args(&["-ccode", "a"])).unwrap();
        assert_eq!(o.program, Program::Command("code".into()));
        let o = parse(&args(&["-mjson.tool", "f"])).unwrap();
        assert_eq!(o.program, Program::Module("json.tool".into()));
        assert_eq!(o.args, args(&["f"]));
        let o = parse(&args(&["-Bqi", "-", "x"])).unwrap();
        assert_eq!(o.program, Program::Stdin);
        assert!(o.inspect && o.quiet && o.dont_write_bytecode);
        let o = parse(&args(&["-Xdev", "-W", "ignore", "-OO", "f.py"])).unwrap();
        assert_eq!((o.optimize, o.program), (2, Program::File("f.py".into())));
        let o = parse(&args(&["--", "-x.py"])).unwrap();
        assert_eq!(o.program, Program::File("-x.py".into()));
        assert_eq!(parse(&args(&[])).unwrap().program, Program::Default);
    }

    #[test]
    fn early_exits() {
        assert_eq!(parse(&args(&["-h"])), Err(Early::Help));
        assert_eq!(parse(&args(&["--version"])), Err(Early::Version(1)));
        assert_eq!(parse(&args(&["-VV", "-c", "pass"])), Err(Early::Version(2)));
        assert_eq!(
            parse(&args(&["-q", "--version", "--version"])),
            Err(Early::Version(2))
        );
        assert_eq!(
            parse(&args(&["-Z"])),
            Err(Early::Usage("Unknown option: -Z".into()))
        );
        assert_eq!(
            parse(&args(&["-c"])),
            Err(Early::Usage("Argument expected for the -c option".into()))
        );
    }
}
