//! Command-line definitions (clap derive). Parsing only: the work happens in `commands`.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use signpost::theme_name::ThemeName;

/// Which tool should I use to share this? Decision trees for public-sector staff.
///
/// With no command, opens the interactive app on the shipped trees (or on TREE).
#[derive(Debug, Parser)]
#[command(name = "signpost", version, about, long_about = None, after_help = "Examples:\n  signpost                 open the app\n  signpost share           open the \"share\" tree\n  signpost check           check the shipped trees\n  signpost table share     every answer path of the share tree")]
pub struct Cli {
    /// A tree to open straight away: a tree id (e.g. `share`) or a `.ron` file.
    #[arg(value_name = "TREE")]
    pub tree: Option<String>,

    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command accepts.
#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Also load trees from this folder or file (repeatable).
    #[arg(long = "trees", value_name = "PATH", global = true)]
    pub trees: Vec<PathBuf>,

    /// Use the line-based mode (for screen readers and scripts) instead of the full-screen app.
    /// Also chosen automatically when input or output is not a terminal, TERM=dumb or ACCESSIBLE=1.
    #[arg(long, global = true)]
    pub plain: bool,

    /// Colours for the full-screen app (default: from config.ron, else `default`; NO_COLOR
    /// always means monochrome).
    #[arg(long, value_parser = theme_parser(), global = true)]
    pub theme: Option<ThemeName>,
}

/// The `--theme` values, with their descriptions, from [`ThemeName::ALL`].
fn theme_parser() -> impl clap::builder::TypedValueParser<Value = ThemeName> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(
        ThemeName::ALL.map(|t| PossibleValue::new(t.as_str()).help(t.description())),
    )
    .map(|name: String| ThemeName::parse(&name).expect("clap accepts only the listed names"))
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check trees for errors and warnings.
    #[command(
        after_help = "Examples:\n  signpost check\n  signpost check my-tree.ron --format short\n  signpost check decision-trees --sources ../guidance --deny-warnings"
    )]
    Check(CheckArgs),
    /// Print every answer path of a tree and where it ends.
    #[command(
        after_help = "Examples:\n  signpost table share\n  signpost table my-tree.ron --format csv > paths.csv"
    )]
    Table(TableArgs),
    /// Compare two versions of a tree: which answer paths now end differently (changes towards a
    /// more permissive verdict first), paths and nodes added or removed, nodes no longer
    /// reachable, and reworded text. Exits 1 when any path's outcome changed, 2 when the new
    /// version breaks a policy rule or a version cannot be loaded.
    #[command(
        after_help = "Examples:\n  signpost diff old/share.ron decision-trees/share.ron\n  signpost diff share my-share.ron --format markdown > review.md"
    )]
    Diff(DiffArgs),
    /// Print a tree as a Mermaid flowchart, a Graphviz graph, a Markdown handbook or a web page.
    #[command(
        after_help = "Examples:\n  signpost export share --format mermaid > share.mmd\n  signpost export share --format dot | dot -Tsvg > share.svg\n  signpost export my-tree.ron --format markdown > handbook.md\n  signpost export share --format html > share.html"
    )]
    Export(ExportArgs),
    /// Write every tree as a web page that works offline (one HTML file each, nothing fetched)
    /// and an index page, into a folder to put on an intranet or a shared drive.
    #[command(
        after_help = "Examples:\n  signpost publish --out site\n  signpost --trees drafts publish --out review"
    )]
    Publish(PublishArgs),
    /// Walk a tree line by line, or answer it in one go with --answer.
    #[command(
        after_help = "Examples:\n  signpost ask share\n  signpost ask share --answer 1 --answer 3 --answer official-sensitive --answer yes --format json"
    )]
    Ask(AskArgs),
    /// Quick answer: fuzzy search across every tree.
    #[command(
        after_help = "Examples:\n  signpost lookup can I use zoom\n  signpost lookup send files to police --format json"
    )]
    Lookup(LookupArgs),
    /// Scenario quiz: walk the tree for each situation and see whether you reach the right
    /// outcome; a score at the end and a summary to save.
    #[command(
        after_help = "Examples:\n  signpost quiz\n  signpost quiz share-induction --pick 1,4,9\n  signpost quiz share-room --present --shuffle --group \"Induction, 2 December\"\n  signpost quiz share-room --script > facilitator.md\n  signpost quiz decision-trees/scenarios/apps-induction.ron"
    )]
    Quiz(QuizArgs),
    /// One printable page: the order of tools with their conditions, what is never allowed,
    /// the apps and the contacts, all taken from the trees.
    #[command(
        after_help = "Examples:\n  signpost cheatsheet > cheatsheet.md\n  signpost cheatsheet --format text"
    )]
    Cheatsheet(CheatsheetArgs),
    /// The shared policy: the facts every tree shares, the register of approved tools, and
    /// every rule with its source and the answer paths it covers in each tree.
    #[command(
        after_help = "Examples:\n  signpost policy\n  signpost policy decision-trees --format json"
    )]
    Policy(PolicyArgs),
    /// List saved decision records (date, tree, verdict, headline), newest first; `records
    /// show N` prints one.
    #[command(
        after_help = "Examples:\n  signpost records\n  signpost records --format json\n  signpost records show 1"
    )]
    Records(RecordsArgs),
    /// Sign a folder of trees, contacts and policy as a content pack, which staff machines use
    /// in place of the built-in content once it verifies (docs/authoring.md, "Publishing an
    /// update"). The key's password is read from SIGNPOST_KEY_PASSWORD, or asked for.
    #[command(
        after_help = "Example:\n  signpost pack decision-trees --key moj-cyber.key --signed-by \"MoJ Cyber Security\" --out packs/2027-01-10"
    )]
    Pack(PackArgs),
    /// Make a key pair for signing content packs: NAME.key (secret, password-protected) and
    /// NAME.pub (the public key staff machines trust). The password is read from
    /// SIGNPOST_KEY_PASSWORD, or asked for.
    #[command(after_help = "Example:\n  signpost keygen moj-cyber")]
    Keygen(KeygenArgs),
    /// Preview a tree file while you edit it: reloads on every save (of the tree, the contacts and
    /// policy beside it, or with --sources a quoted document) and keeps your place.
    #[command(
        after_help = "Examples:\n  signpost preview decision-trees/share.ron\n  signpost preview decision-trees/share.ron --sources ../shared/guidance"
    )]
    Preview {
        /// The tree file.
        file: PathBuf,
        /// Check every quote against the documents in this folder on each reload.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Presentation mode for training sessions: large headings, high contrast, step-by-step reveal.
    #[command(
        after_help = "Examples:\n  signpost present share\n  signpost present       (choose the tree on the home screen)"
    )]
    Present {
        /// A tree id or a `.ron` file.
        tree: Option<String>,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  signpost completions bash > ~/.local/share/bash-completion/completions/signpost"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `signpost ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// A tree id or a `.ron` file (asked for when left out).
    pub tree: Option<String>,
    /// An answer: the option's number (from 1) or its label (case-insensitive, exact or a
    /// unique prefix). Repeat for each question in turn. Where several answers can apply, give
    /// numbers or labels separated by commas, or "none". `key=value` answers whichever question
    /// remembers that fact, in any order (format-2 trees).
    #[arg(long = "answer", short = 'a', value_name = "VALUE")]
    pub answers: Vec<String>,
    /// Output format for --answer runs.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// A note for the record of an --answer run: who or what it was sent to.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// For listening: leave each question's guidance out until asked for with `g`.
    #[arg(long)]
    pub brief: bool,
}

/// `signpost records`.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// Show one record instead of the list.
    #[command(subcommand)]
    pub show: Option<RecordsShow>,
    /// How the list is printed.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    pub format: LookupFormat,
}

/// `signpost records show N`.
#[derive(Debug, Subcommand)]
pub enum RecordsShow {
    /// Print record N of the list (1 is the newest).
    Show {
        /// The record's number in `signpost records`.
        number: usize,
    },
}

/// How a finished walk is printed.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    /// Plain text.
    Text,
    /// A Markdown decision record.
    Markdown,
    /// JSON.
    Json,
}

/// `signpost cheatsheet`.
#[derive(Debug, Args)]
pub struct CheatsheetArgs {
    /// The tree whose order of tools is summarised: a tree id or a `.ron` file.
    #[arg(long, value_name = "TREE", default_value = "share")]
    pub order_tree: String,
    /// The tree summarised as a table of apps: a tree id or a `.ron` file.
    #[arg(long, value_name = "TREE", default_value = "apps")]
    pub apps_tree: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheatsheetFormat::Markdown)]
    pub format: CheatsheetFormat,
}

/// How the cheat sheet is printed.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheatsheetFormat {
    /// Markdown (print it from any Markdown viewer).
    Markdown,
    /// Plain text, wrapped at 78 columns.
    Text,
    /// A self-contained web page that prints on one sheet of A4 or US Letter.
    Html,
}

/// `signpost quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// A deck id (e.g. `share-induction`) or a deck `.ron` file (asked for when left out).
    pub deck: Option<String>,
    /// Play only these scenarios, by their number in the deck, in this order (`--pick 1,4,9`).
    #[arg(long, value_delimiter = ',', value_name = "N,N,…")]
    pub pick: Vec<usize>,
    /// Play N scenarios of the deck chosen at random.
    #[arg(long, value_name = "N", conflicts_with = "pick")]
    pub random: Option<usize>,
    /// Play the scenarios in a random order.
    #[arg(long)]
    pub shuffle: bool,
    /// A label for the group (a date, a team), written in the saved summary.
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Print the facilitator script of the deck (each situation, the expected answer and route,
    /// the passages that decide it, and the trainer's notes) instead of playing it.
    #[arg(long)]
    pub script: bool,
    /// The full-screen quiz for a room: the situation pinned at the top, each question
    /// presented step by step, the room's answer entered by the trainer, RIGHT or NOT QUITE in
    /// large letters.
    #[arg(long, conflicts_with = "script")]
    pub present: bool,
}

/// `signpost lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// What you want to know, in a few words.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    pub format: LookupFormat,
}

/// How lookup results are printed.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LookupFormat {
    /// Plain text.
    Text,
    /// JSON.
    Json,
}

/// `signpost check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check. With none, the shipped trees are checked.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Verify every quoted passage against the documents in this folder.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Measure review dates against this date instead of today (also: SIGNPOST_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = signpost::tree::parse_date)]
    pub today: Option<chrono::NaiveDate>,
    /// Instead of checking, list every tree and the policy file with its owner, review date
    /// and the days left, most urgent first. Never fails because a date has passed.
    #[arg(long)]
    pub review_report: bool,
    /// With `--sources`: print, for each quote that nearly matches its document, the
    /// document's text to quote instead.
    #[arg(long, requires = "sources")]
    pub fix_quotes: bool,
    /// With `--fix-quotes`: put those texts in the files (each rewritten whole).
    #[arg(long, requires = "fix_quotes")]
    pub write: bool,
    /// Verify this signed content pack as the app would (signature, files, no downgrade),
    /// then check the built-in trees with it in place.
    #[arg(long, value_name = "PACK", conflicts_with = "paths")]
    pub pack: Option<PathBuf>,
}

/// Arguments of `signpost pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The folder whose `.ron` files (trees, contacts.ron, policy.ron) go in the pack.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The secret key to sign with (made by `signpost keygen`).
    #[arg(long, value_name = "SECRET_KEY")]
    pub key: PathBuf,
    /// The pack folder to write; it must not exist yet.
    #[arg(long, value_name = "PACK")]
    pub out: PathBuf,
    /// Who signs it, as staff will read it ("signed by MoJ Cyber Security").
    #[arg(long, value_name = "NAME")]
    pub signed_by: String,
    /// The publication date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = signpost::tree::parse_date)]
    pub published: Option<chrono::NaiveDate>,
}

/// Arguments of `signpost keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// The key pair's name: NAME.key and NAME.pub are written (never over existing files).
    #[arg(value_name = "NAME")]
    pub name: PathBuf,
    /// Leave the secret key unencrypted (only for a key kept in a secrets store that protects
    /// it some other way).
    #[arg(long)]
    pub no_password: bool,
}

/// Arguments of `signpost policy`.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// Trees folders or files (a folder's `policy.ron` replaces the shipped one). With none, the
    /// shipped policy and trees.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PolicyFormat::Text)]
    pub format: PolicyFormat,
}

/// How `policy` prints.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PolicyFormat {
    /// For people.
    Text,
    /// JSON, for tools.
    Json,
}

/// How `check` prints diagnostics.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// rustc-style, with the source line and a caret.
    Human,
    /// One line each: `file:line:col: error[E011]: message`.
    Short,
    /// A JSON array.
    Json,
}

/// `signpost table`.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// A tree id or a `.ron` file.
    pub tree: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
    /// List at most this many answer paths (counted by the tree's shape, an upper bound); a
    /// tree with more is refused before any is listed.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_paths: u128,
    /// List only the paths on from this node (a question, checklist or outcome id), each
    /// starting with the fewest answers that reach it.
    #[arg(long, value_name = "NODE")]
    pub from: Option<String>,
    /// For `--format csv`: a byte-order mark first and `>` between answers, so Excel opens it
    /// with every character right.
    #[arg(long)]
    pub excel: bool,
}

/// How `table` prints paths.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns.
    Text,
    /// A Markdown table.
    Markdown,
    /// Comma-separated values.
    Csv,
    /// A JSON array.
    Json,
}

/// `signpost diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a `.ron` file or a tree id.
    pub old: String,
    /// The new version: a `.ron` file or a tree id.
    pub new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Compare answer path by answer path up to this many paths per version; past it, compare
    /// the versions node by node.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_paths: u128,
}

/// How `diff` prints its report.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    /// Plain text.
    Text,
    /// Markdown, for a review comment.
    Markdown,
    /// JSON.
    Json,
}

/// `signpost export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A tree id or a `.ron` file.
    pub tree: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
}

/// What `export` produces.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz graph (`dot` language).
    Dot,
    /// A Markdown handbook to print or paste into an intranet page.
    Markdown,
    /// A self-contained web page: a walk with a script, the whole tree without one.
    Html,
}

/// `signpost publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The folder to write the pages into (made when missing; a page of the same name is
    /// replaced, and any other page already there is named on standard error, not deleted).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// The command `word` was probably meant to be (`exprot` → `export`), if one is close.
pub fn closest_command(word: &str) -> Option<String> {
    use clap::CommandFactory;
    if word.chars().count() < 3 {
        return None;
    }
    let word = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| *name != word)
        .map(|name| (strsim::jaro_winkler(&word, &name), name))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// For a command line clap refused: when its first word is a misspelt command (`signpost exprot
/// share`), what to say instead of clap's "unexpected argument 'share'".
pub fn mistyped_command(args: &[String]) -> Option<String> {
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--trees" | "--theme" => {
                words.next();
            }
            w if w.starts_with('-') => {}
            w => {
                let meant = closest_command(w)?;
                return Some(format!(
                    "`{w}` is not a command: did you mean `signpost {meant}`? (`signpost --help` lists the commands)"
                ));
            }
        }
    }
    None
}
