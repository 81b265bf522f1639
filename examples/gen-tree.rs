//! Writes a large, valid decision tree to stdout, for benchmarks and for trying the app on big
//! trees. The same arguments always give the same file.
//!
//! ```text
//! cargo run --release --example gen-tree -- --nodes 10000 --seed 1 > /tmp/tree-10k.ron
//! cargo run --release --example gen-tree -- --paths 59000 > /tmp/tree-59k-paths.ron
//! cargo run --release --example gen-tree -- --nodes 10000 --terse > /tmp/tree-10k-terse.ron
//! cargo run --release --example gen-tree -- --paths 59000 --routes > /tmp/tree-59k-routes.ron
//! cargo run --release --example gen-tree -- --nodes 10000 --routes --rules 10 > /tmp/rules/tree.ron
//! cargo run --release --example gen-tree -- --policy > /tmp/rules/policy.ron
//! ```
//!
//! A summary (nodes, longest path, number of paths, size) goes to stderr. See
//! docs/benchmarks.md for how the benchmarks use it.

#[path = "../benches/support/tree_gen.rs"]
mod tree_gen;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

/// Writes a generated decision tree (RON) to stdout.
#[derive(Parser)]
#[command(about)]
struct Args {
    /// About how many nodes (questions and outcomes) to generate.
    #[arg(long, default_value_t = 1000)]
    nodes: usize,
    /// The seed of the pseudo-random choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Give every path the same length, with about this many root-to-outcome paths.
    #[arg(long)]
    paths: Option<u64>,
    /// Short texts like the shipped trees' (question ~60 characters, passage ~160) instead of
    /// long ones (question ~100, help ~300, passage ~800).
    #[arg(long)]
    terse: bool,
    /// Tree format 2: every question remembers its answer and branches through a route, and
    /// outcomes carry conditional text (the same paths as without it).
    #[arg(long)]
    routes: bool,
    /// With --routes: this many policy rules, about the register tool "gen" (check the tree with
    /// a policy.ron beside it that registers "gen"; --policy prints one).
    #[arg(long, default_value_t = 0)]
    rules: usize,
    /// Print the policy.ron that registers the tool generated rules are about, and stop.
    #[arg(long)]
    policy: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.policy {
        println!("{}", tree_gen::POLICY);
        return ExitCode::SUCCESS;
    }
    let tree = tree_gen::generate(&tree_gen::Shape {
        nodes: args.nodes,
        paths: args.paths,
        terse: args.terse,
        routes: args.routes,
        rules: args.rules,
        seed: args.seed,
    });
    eprintln!(
        "{} nodes ({} questions, {} outcomes), longest path {} answers, {} paths, {} bytes",
        tree.questions + tree.outcomes,
        tree.questions,
        tree.outcomes,
        tree.depth,
        tree.paths,
        tree.text.len()
    );
    match io::stdout().lock().write_all(tree.text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the tree: {e}");
            ExitCode::FAILURE
        }
    }
}
