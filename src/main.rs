//! The `signpost` command: parse the command line, dispatch, map errors to exit codes.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use commands::Exit;

/// mimalloc, not the system allocator: parsing and indexing many trees makes millions of small
/// allocations, and it serves them faster and with fewer page faults (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(error) => {
            let args: Vec<String> = std::env::args().collect();
            if error.use_stderr()
                && let Some(message) = cli::mistyped_command(&args)
            {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
            error.exit()
        }
    };
    // A date for review checks that is set but cannot be read is an error, not the real date.
    if let Err(message) = signpost::tree::today_from_env() {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            if let Some(exit) = error.downcast_ref::<Exit>() {
                eprintln!("{exit}");
                return ExitCode::from(exit.code);
            }
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The command line, with `--version` naming the content as well as the program: the app's
/// version, then each shipped tree's own (the "v2.0.0" its screens show).
fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let asks_version = std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V");
    if !asks_version {
        return Cli::try_parse();
    }
    let catalog =
        signpost::catalog::Catalog::load(&signpost::catalog::Selection::new(true, vec![]));
    let trees: Vec<String> = catalog
        .trees
        .iter()
        .map(|t| format!("{} {}", t.id, t.version))
        .collect();
    let version = format!(
        "{} (built-in content: {})",
        env!("CARGO_PKG_VERSION"),
        trees.join(", ")
    );
    let version: &'static str = Box::leak(version.into_boxed_str());
    let matches = Cli::command().version(version).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Check(args)) => commands::check::run(&cli.global, args),
        Some(Command::Table(args)) => commands::table::run(&cli.global, args),
        Some(Command::Diff(args)) => commands::diff::run(&cli.global, args),
        Some(Command::Export(args)) => commands::export::run(&cli.global, args),
        Some(Command::Publish(args)) => commands::publish::run(&cli.global, args),
        Some(Command::Ask(args)) => commands::ask::run(&cli.global, args),
        Some(Command::Lookup(args)) => commands::lookup::run(&cli.global, args),
        Some(Command::Quiz(args)) => commands::quiz::run(&cli.global, args),
        Some(Command::Cheatsheet(args)) => commands::cheatsheet::run(&cli.global, args),
        Some(Command::Policy(args)) => commands::policy::run(&cli.global, args),
        Some(Command::Records(args)) => commands::records(args),
        Some(Command::Pack(args)) => commands::pack::pack(args),
        Some(Command::Keygen(args)) => commands::pack::keygen(args),
        Some(Command::Completions { shell }) => commands::completions(*shell),
        Some(Command::Preview { file, sources }) => {
            commands::app::preview(&cli.global, file, sources.as_deref())
        }
        Some(Command::Present { tree }) => commands::app::present(&cli.global, tree.as_deref()),
        None => commands::app::run(&cli.global, cli.tree.as_deref()),
    }
}

/// A closed pipe (`signpost table share | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
