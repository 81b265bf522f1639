//! Where trees come from: the shipped trees embedded in the binary, the user's data folder, and
//! files or folders named on the command line. A file that fails to load is kept as a
//! [`BrokenFile`] with its diagnostics, never silently dropped.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::policy::POLICY_FILE;
use crate::tree::read::{self, MAX_FILE_BYTES};
use crate::tree::syntax::Step;
use crate::tree::{ContactBook, Loaded, Policy, Provenance, Shared, Tree, load_tree};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// A built-in tree's id, file name and the text it was read from.
struct BuiltIn {
    id: String,
    name: String,
    text: &'static str,
}

/// The built-in trees' ids (read once), to tell a local draft of one from a tree of its own.
fn built_in_trees() -> &'static [BuiltIn] {
    static TREES: std::sync::OnceLock<Vec<BuiltIn>> = std::sync::OnceLock::new();
    TREES.get_or_init(|| {
        embedded::TREE_FILES
            .iter()
            .filter(|(name, _)| *name != CONTACTS_FILE && *name != POLICY_FILE)
            .filter_map(|(name, text)| {
                let root = crate::tree::syntax::Spanned::parse(text)?;
                let (id, found) = root.follow(&[Step::Field("id")]);
                let id = id.as_str().filter(|_| found)?.to_string();
                let name = format!("<embedded>/{name}");
                Some(BuiltIn { id, name, text })
            })
            .collect()
    })
}

/// W013: the local file `file` has the id of the official tree in `official` with other
/// content.
fn draft_warning(file: &SourceFile, id: &str, official: &str) -> Diagnostic {
    crate::tree::locate::Locator::new(&file.name, &file.text)
        .at(
            Code::LocalDraft,
            &[Step::Field("id")],
            format!("\"{id}\" is the id of the official tree in {official}: this file is listed as a local draft of it, and `{id}` still means the official one"),
        )
        .with_help(format!("open the draft by its path (`signpost ask {}`, `signpost preview {}`), or give it an id of its own", file.name, file.name))
}

/// How much of a tree file is read to find the id it declares, when only one is wanted.
const HEAD_BYTES: usize = 8 * 1024;

/// The name of the contacts file in a trees folder.
pub const CONTACTS_FILE: &str = "contacts.ron";
/// The shipped tree listed first on the home screen: "which tool should I use to share?".
pub const FIRST_TREE_FILE: &str = "share.ron";
/// The folder of scenario decks inside a trees folder.
pub const DECKS_FOLDER: &str = "scenarios";

/// A tree file that could not be loaded, with the reasons.
#[derive(Clone, Debug)]
pub struct BrokenFile {
    /// The file.
    pub file: String,
    /// Why (at least one error).
    pub diagnostics: Vec<Diagnostic>,
    /// The tree as written, when its only errors are broken policy rules (for `diff`).
    pub breaking: Option<Tree>,
}

/// The text of a file to load, from the binary or from disk.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// How diagnostics name it.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Everything loaded: trees, contacts, decks' sources, and every diagnostic found on the way.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Trees that loaded, in the order found.
    pub trees: Vec<Tree>,
    /// Tree files with errors.
    pub broken: Vec<BrokenFile>,
    /// All contacts.
    pub contacts: ContactBook,
    /// The shared policy: the shipped `policy.ron`, or one from a folder given (which
    /// replaces it).
    pub policy: Policy,
    /// The text of the policy file in use (for quote positions).
    pub policy_source: Option<SourceFile>,
    /// The policy file came from a folder given whole (with every tree it governs there), not
    /// from beside a single tree file.
    policy_with_its_trees: bool,
    /// Scenario deck files found (validated by the quiz module).
    pub deck_files: Vec<SourceFile>,
    /// The text of every tree file that loaded, by tree index (for quote positions).
    pub tree_sources: Vec<SourceFile>,
    /// Every diagnostic, errors and warnings, in load order.
    pub diagnostics: Vec<Diagnostic>,
    /// The signed packs in use, in the order applied (a later one wins).
    pub packs: Vec<PackInUse>,
    /// The packs refused, each with why (E060): the built-in content stands in for them.
    pub refused_packs: Vec<Diagnostic>,
    /// How many tree files were read.
    pub files: usize,
    /// The date review dates were measured against.
    pub today: NaiveDate,
    /// The file each contact id was last read from, to say when a later file replaces one.
    contact_files: std::collections::HashMap<String, String>,
    /// The official content, as loaded before any local file: what local files may add to but
    /// never replace.
    official: Official,
    /// Local files may replace official contacts, rules and tools (with a warning), for the
    /// local trees loaded with them: the author's explicit preview.
    previewing: bool,
    /// Only the local tree files that declare this id are read ([`Selection::only_tree`]).
    only_tree: Option<String>,
}

/// The official contacts and policy (built in), kept to hold local files to them.
#[derive(Debug, Default)]
struct Official {
    /// Each official contact's id and the file it came from.
    contacts: ContactBook,
    /// The official policy.
    policy: Policy,
}

/// A signed pack whose content is in use.
#[derive(Clone, Debug)]
pub struct PackInUse {
    /// The pack folder.
    pub path: String,
    /// Who signed it.
    pub signed_by: String,
    /// The day it was published.
    pub published: String,
    /// The signing key's id.
    pub key_id: String,
    /// Its files' names.
    pub files: Vec<String>,
}

/// Where a tree file comes from.
#[derive(Clone, Debug)]
enum Origin {
    /// Compiled into the program.
    BuiltIn,
    /// A verified pack.
    Published(Provenance),
    /// Any other file.
    Local,
}

/// What to load.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Include the shipped trees.
    pub embedded: bool,
    /// Extra files and folders, loaded after (and overriding) the shipped trees.
    pub paths: Vec<PathBuf>,
    /// The date review warnings are measured against.
    pub today: NaiveDate,
    /// Largest file read, in bytes.
    pub max_bytes: u64,
    /// Also check the policy across every tree loaded: rules no tree can meet (W008) and
    /// paths the rules cannot tell apart that end differently (W009). `check` asks for it;
    /// the app does not need it to start.
    pub across_trees: bool,
    /// The files were named by the author to preview them (`check`, `preview`, a tree given by
    /// its path): a local `contacts.ron` or `policy.ron` may then replace official entries,
    /// with a warning, for the local trees loaded with it. Otherwise that is an error.
    pub previewing: bool,
    /// Signed content packs (each a pack, or a folder of packs), used in place of the built-in
    /// content when they verify; only with the built-in trees.
    pub packs: Vec<PathBuf>,
    /// The public keys trusted to sign packs besides those built in (config.ron).
    pub trusted_keys: Vec<String>,
    /// Only the local tree files that declare this id are loaded (`ask ID`): the others are
    /// read but not parsed. A file whose id cannot be read cheaply is loaded anyway.
    pub only_tree: Option<String>,
}

impl Selection {
    /// The same selection, as the author's explicit preview (see [`Selection::previewing`]).
    pub fn previewing(mut self) -> Self {
        self.previewing = true;
        self
    }

    /// The same selection, with the packs in `folders` trusted by `keys` (config.ron's `packs`
    /// and `trusted_keys`).
    pub fn with_packs(mut self, folders: &[PathBuf], keys: &[String]) -> Self {
        self.packs = folders.to_vec();
        self.trusted_keys = keys.to_vec();
        self
    }

    /// The same selection, loading only the local tree files that declare `id`.
    pub fn only(mut self, id: &str) -> Self {
        self.only_tree = Some(id.to_string());
        self
    }

    /// The same selection, measuring review dates against `today`.
    pub fn on(mut self, today: NaiveDate) -> Self {
        self.today = today;
        self
    }

    /// The shipped trees plus `paths`.
    pub fn new(embedded: bool, paths: Vec<PathBuf>) -> Self {
        Selection {
            embedded,
            paths,
            today: crate::tree::today(),
            max_bytes: MAX_FILE_BYTES,
            across_trees: false,
            previewing: false,
            packs: Vec::new(),
            trusted_keys: Vec::new(),
            only_tree: None,
        }
    }
}

impl Catalog {
    /// Loads everything in `selection`.
    pub fn load(selection: &Selection) -> Catalog {
        let mut catalog = Catalog {
            today: selection.today,
            previewing: selection.previewing,
            only_tree: selection.only_tree.clone(),
            ..Catalog::default()
        };
        let mut tree_files: Vec<(SourceFile, Origin)> = Vec::new();

        // The shipped contacts are always known, so a user's tree can refer to them.
        for (name, text) in embedded::TREE_FILES {
            let file = SourceFile {
                name: format!("<embedded>/{name}"),
                text: (*text).to_string(),
            };
            if *name == CONTACTS_FILE {
                catalog.add_contacts(&file, true);
            } else if *name == POLICY_FILE {
                catalog.set_policy(file, selection.today);
            } else if selection.embedded {
                tree_files.push((file, Origin::BuiltIn));
            }
        }
        if selection.embedded {
            for (name, text) in embedded::DECK_FILES {
                catalog.deck_files.push(SourceFile {
                    name: format!("<embedded>/{DECKS_FOLDER}/{name}"),
                    text: (*text).to_string(),
                });
            }
        }
        if selection.embedded {
            catalog.apply_packs(selection, &mut tree_files);
        }
        // The tree most people come for is listed first; the rest keep their file order.
        tree_files.sort_by_key(|(file, _)| !file.name.ends_with(&format!("/{FIRST_TREE_FILE}")));
        // The official trees are loaded with the official contacts and policy only: no local
        // file can change what they say.
        catalog.add_trees(std::mem::take(&mut tree_files), selection.today);
        catalog.official = Official {
            contacts: catalog.contacts.clone(),
            policy: catalog.policy.clone(),
        };
        for path in &selection.paths {
            catalog.gather(path, selection.max_bytes, selection.today, &mut tree_files);
        }
        catalog.add_trees(tree_files, selection.today);
        // A policy checked with only some of the trees it governs (one tree file beside it)
        // would warn about rules those trees do not reach. A tree with errors reaches nothing:
        // its own errors say more.
        let with_its_trees = match &catalog.policy_source {
            Some(f) if f.name.starts_with("<embedded>") => selection.embedded,
            Some(_) => catalog.policy_with_its_trees,
            None => false,
        };
        if selection.across_trees && with_its_trees && catalog.broken.is_empty() {
            catalog.rules_no_tree_reaches();
            catalog.inconsistent_verdicts();
        }
        catalog
    }

    /// W009 for every two answer paths, in one tree or two, that agree on every fact the
    /// policy's rules test and name the same tools, but end on different verdicts. Reported at
    /// the second path's outcome.
    fn inconsistent_verdicts(&mut self) {
        let trees: Vec<&Tree> = self.trees.iter().collect();
        let (found, skipped) = crate::tree::consistency::disagreements(&trees, &self.policy);
        let mut out = Vec::new();
        for d in found {
            let Some(i) = self
                .trees
                .iter()
                .position(|t| std::ptr::eq(t, d.second.tree))
            else {
                continue;
            };
            let file = &self.tree_sources[i];
            let loc = crate::tree::locate::Locator::new(&file.name, &file.text);
            let keys = crate::tree::consistency::rule_keys(&self.policy);
            let facts = d.first.fact_words(&keys);
            out.push(
                loc.at(
                    Code::Inconsistent,
                    &[Step::Field("nodes"), Step::Key(d.second.outcome.index())],
                    format!(
                        "the same facts ({}) end on {} and on {}",
                        facts.join("; "),
                        d.first.describe(),
                        d.second.describe()
                    ),
                )
                .with_help("the policy's rules see no difference between these answers: give them the same verdict, or remember the answer that tells them apart and write the rule that depends on it"),
            );
        }
        for tree in skipped {
            let i = self.trees.iter().position(|t| std::ptr::eq(t, tree));
            if let Some(file) = i.map(|i| &self.tree_sources[i]) {
                let loc = crate::tree::locate::Locator::new(&file.name, &file.text);
                out.push(
                    loc.at(
                        Code::Inconsistent,
                        &[Step::Field("id")],
                        format!(
                            "tree \"{}\" has too many ways to end to compare with the other trees",
                            tree.id
                        ),
                    )
                    .with_help(
                        "it was not compared; split it into smaller trees to have it checked",
                    ),
                );
            }
        }
        self.diagnostics.extend(out);
    }

    /// W008 for each written rule of the policy that no path of any loaded tree can meet.
    fn rules_no_tree_reaches(&mut self) {
        let Some(file) = &self.policy_source else {
            return;
        };
        let loc = crate::tree::locate::Locator::new(&file.name, &file.text);
        for (r, rule) in self.policy.rules.iter().enumerate() {
            let written = rule.origin == crate::tree::model::RuleOrigin::Policy;
            let reached = self
                .trees
                .iter()
                .any(|t| t.policy_rules.iter().any(|p| p.id == rule.id));
            if written && !reached {
                self.diagnostics.push(
                    loc.at(
                        Code::RuleNeverApplies,
                        &[Step::Field("rules"), Step::Key(r)],
                        format!("no path of any tree can meet {}", rule.name()),
                    )
                    .with_help("check the facts and values its `when` tests against the trees' answers, or remove the rule"),
                );
            }
        }
    }

    /// Finds a tree by id.
    pub fn tree(&self, id: &str) -> Option<&Tree> {
        self.trees.iter().find(|t| t.id == id)
    }

    /// The errors of the `contacts.ron` and `policy.ron` beside `tree`: while there are any,
    /// the tree is not shown (it would show with the shipped contacts or policy in their place).
    pub fn broken_neighbours(&self, tree: &Tree) -> Vec<&Diagnostic> {
        let Some(folder) = Path::new(&tree.origin).parent() else {
            return Vec::new();
        };
        let beside = |name: &str| folder.join(name).display().to_string();
        let neighbours = [beside(CONTACTS_FILE), beside(POLICY_FILE)];
        self.diagnostics
            .iter()
            .filter(|d| d.is_error() && neighbours.contains(&d.file))
            .collect()
    }

    /// Moves every tree with [`Catalog::broken_neighbours`] to the broken files, with those
    /// errors, so the app lists it as not loaded instead of showing it half-right.
    pub fn set_aside_trees_with_broken_neighbours(&mut self) {
        let mut i = 0;
        while i < self.trees.len() {
            let errors: Vec<Diagnostic> = self
                .broken_neighbours(&self.trees[i])
                .into_iter()
                .cloned()
                .collect();
            if errors.is_empty() {
                i += 1;
                continue;
            }
            let tree = self.trees.remove(i);
            self.tree_sources.remove(i);
            self.broken.push(BrokenFile {
                file: tree.origin,
                diagnostics: errors,
                breaking: None,
            });
        }
    }

    /// What every tree is checked against: the contacts and the policy.
    pub fn shared(&self) -> Shared<'_> {
        Shared {
            contacts: &self.contacts,
            policy: &self.policy,
        }
    }

    /// Errors and warnings counts.
    pub fn counts(&self) -> (usize, usize) {
        crate::diagnostic::count(&self.diagnostics)
    }

    fn gather(
        &mut self,
        path: &Path,
        max_bytes: u64,
        today: NaiveDate,
        tree_files: &mut Vec<(SourceFile, Origin)>,
    ) {
        if path.is_dir() {
            let contacts = path.join(CONTACTS_FILE);
            if contacts.is_file() {
                self.read_then(&contacts, max_bytes, |c, file| c.add_contacts(&file, false));
            }
            let policy = path.join(POLICY_FILE);
            if policy.is_file() {
                self.read_then(&policy, max_bytes, |c, file| c.set_policy(file, today));
                self.policy_with_its_trees = true;
            }
            let files: Vec<PathBuf> = self
                .ron_files(path)
                .into_iter()
                .filter(|file| {
                    file.file_name()
                        .is_some_and(|n| n != CONTACTS_FILE && n != POLICY_FILE)
                        && !self.declares_another_id(file)
                })
                .collect();
            // Read on every core (a folder may hold many large trees), then taken in order.
            let texts = crate::parallel::map(&files, |file| read::read_text(file, max_bytes));
            for (file, text) in files.iter().zip(texts) {
                self.take_read(file, text, |_, file| tree_files.push((file, Origin::Local)));
            }
            let decks = path.join(DECKS_FOLDER);
            if decks.is_dir() {
                for file in self.ron_files(&decks) {
                    self.read_then(&file, max_bytes, |c, file| c.deck_files.push(file));
                }
            }
        } else {
            if let Some(contacts) = path.parent().map(|p| p.join(CONTACTS_FILE))
                && contacts.is_file()
                && contacts != path
            {
                self.read_then(&contacts, max_bytes, |c, file| c.add_contacts(&file, false));
            }
            if let Some(policy) = path.parent().map(|p| p.join(POLICY_FILE))
                && policy.is_file()
                && policy != path
            {
                self.read_then(&policy, max_bytes, |c, file| c.set_policy(file, today));
                self.policy_with_its_trees = false;
            }
            if path.file_name().is_some_and(|n| n == CONTACTS_FILE) {
                self.read_then(path, max_bytes, |c, file| c.add_contacts(&file, false));
            } else if path.file_name().is_some_and(|n| n == POLICY_FILE) {
                self.read_then(path, max_bytes, |c, file| c.set_policy(file, today));
            } else if path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == DECKS_FOLDER)
            {
                self.read_then(path, max_bytes, |c, file| c.deck_files.push(file));
            } else if !self.declares_another_id(path) {
                self.read_then(path, max_bytes, |_, file| {
                    tree_files.push((file, Origin::Local))
                });
            }
        }
    }

    /// Whether only one tree id is wanted and the file at `path` declares another in its
    /// first bytes: then it is neither read in full nor parsed.
    fn declares_another_id(&self, path: &Path) -> bool {
        use std::io::Read;
        let Some(wanted) = &self.only_tree else {
            return false;
        };
        let mut head = Vec::with_capacity(HEAD_BYTES);
        let read =
            fs::File::open(path).and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head));
        if read.is_err() {
            return false;
        }
        let text = match std::str::from_utf8(&head) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        };
        crate::tree::declared_id::declared_id(text).is_some_and(|found| found != wanted)
    }

    /// The `.ron` files of a folder, sorted; unreadable entries become diagnostics.
    fn ron_files(&mut self, folder: &Path) -> Vec<PathBuf> {
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) => {
                self.unreadable(folder, &e);
                return Vec::new();
            }
        };
        let mut files = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if path.extension().is_some_and(|e| e == "ron") && !path.is_dir() {
                        files.push(path);
                    }
                }
                Err(e) => self.unreadable(folder, &e),
            }
        }
        files.sort();
        files
    }

    fn unreadable(&mut self, path: &Path, error: &std::io::Error) {
        let name = path.display().to_string();
        let d = Diagnostic::whole_file(
            Code::Unreadable,
            &name,
            format!("cannot read {name}: {error}"),
        )
        .with_help("check the folder's permissions; the other trees were still loaded");
        self.broken.push(BrokenFile {
            file: name,
            diagnostics: vec![d.clone()],
            breaking: None,
        });
        self.diagnostics.push(d);
    }

    fn read_then(&mut self, path: &Path, max_bytes: u64, then: impl FnOnce(&mut Self, SourceFile)) {
        self.take_read(path, read::read_text(path, max_bytes), then);
    }

    /// Passes the file at `path`, with its text as read, to `then`; or records why it could not
    /// be read.
    fn take_read(
        &mut self,
        path: &Path,
        read: Result<String, Diagnostic>,
        then: impl FnOnce(&mut Self, SourceFile),
    ) {
        match read {
            Ok(text) => then(
                self,
                SourceFile {
                    name: path.display().to_string(),
                    text,
                },
            ),
            Err(d) => {
                self.files += 1;
                self.broken.push(BrokenFile {
                    file: path.display().to_string(),
                    diagnostics: vec![d.clone()],
                    breaking: None,
                });
                self.diagnostics.push(d);
            }
        }
    }

    /// Adds a contacts file's entries. One that replaces an official contact with another way
    /// to reach them is the error E059 and is left out, unless the author is previewing the
    /// file; one that replaces a contact of another file that way is the warning W011, naming
    /// both files.
    fn add_contacts(&mut self, file: &SourceFile, official: bool) {
        let (mut book, diagnostics) = ContactBook::parse(&file.name, &file.text);
        self.diagnostics.extend(diagnostics);
        if official {
            // Built in, or a verified pack's (whose entries replace the built-in ones with the
            // same id): the official contacts.
            for entry in book.entries() {
                self.contact_files
                    .insert(entry.id.clone(), file.name.clone());
            }
            self.contacts.merge(book);
            return;
        }
        let mut refused = Vec::new();
        for entry in book.entries() {
            let at_id = || {
                let key = format!("\"{}\"", entry.id);
                let at = file.text.find(&key).unwrap_or(0);
                at..at + key.len()
            };
            let official = self.official.contacts.get(&entry.id);
            if official.is_some_and(|o| reach(&o.contact) != reach(&entry.contact))
                && !self.previewing
            {
                self.diagnostics.push(
                    Diagnostic::at(
                        Code::ShadowsOfficial,
                        &file.name,
                        &file.text,
                        at_id(),
                        format!(
                            "contact \"{}\" is an official contact: a local file cannot send people elsewhere in its place",
                            entry.id
                        ),
                    )
                    .with_help("give your contact an id of its own; a change to an official contact is published in a signed pack, and `signpost check` on this folder previews it"),
                );
                refused.push(entry.id.clone());
                continue;
            }
            let before = self
                .contact_files
                .insert(entry.id.clone(), file.name.clone());
            // Reached the same way (email, Slack, phone, web): a reworded name or description
            // sends nobody elsewhere.
            let same = self
                .contacts
                .get(&entry.id)
                .is_some_and(|old| reach(&old.contact) == reach(&entry.contact));
            if let Some(before) = before.filter(|b| *b != file.name && !same) {
                self.diagnostics.push(
                    Diagnostic::at(
                        Code::ContactReplaced,
                        &file.name,
                        &file.text,
                        at_id(),
                        format!(
                            "contact \"{}\" replaces the one in {before}, with another way to reach them, for every local tree loaded with this file",
                            entry.id
                        ),
                    )
                    .with_help("give your contact an id of its own, unless you mean to replace it (for example to try a change before it is shipped)"),
                );
            }
        }
        book.retain(|entry| !refused.contains(&entry.id));
        self.contacts.merge(book);
    }

    /// Where the official tree `id` comes from and its text: the one loaded (built in, or from
    /// a pack), or the built-in one when the built-in trees were not asked for.
    fn official_source(&self, id: &str) -> Option<(&str, &str)> {
        let loaded = self
            .trees
            .iter()
            .position(|t| t.id == id && !t.provenance.is_local());
        match loaded {
            Some(i) => Some((&self.tree_sources[i].name, &self.tree_sources[i].text)),
            None => built_in_trees()
                .iter()
                .find(|b| b.id == id)
                .map(|b| (b.name.as_str(), b.text)),
        }
    }

    /// Verifies the configured packs; each one that verifies replaces the official contacts,
    /// policy and trees it holds (in `tree_files`), and each one refused is said (E060).
    fn apply_packs(&mut self, selection: &Selection, tree_files: &mut Vec<(SourceFile, Origin)>) {
        let folders = crate::pack::find(&selection.packs);
        if folders.is_empty() {
            return;
        }
        let keys = crate::pack::TrustedKeys::new(&selection.trusted_keys);
        for problem in keys.problems() {
            self.refused_packs.push(
                Diagnostic::whole_file(Code::PackRefused, "trusted keys", problem.clone())
                    .with_help("fix the key in config.ron's `trusted_keys`, or the SIGNPOST_TRUSTED_KEYS the program was built with"),
            );
        }
        // Nothing in a pack may be older than the built-in content.
        let mut floor: std::collections::HashMap<String, String> = built_in_trees()
            .iter()
            .filter_map(|b| Some((b.id.clone(), crate::pack::id_and_version(b.text).1?)))
            .collect();
        floor.insert(POLICY_FILE.to_string(), self.policy.version.clone());
        let mut verified = Vec::new();
        for folder in folders {
            match crate::pack::verify(&folder, &keys, &floor) {
                Ok(pack) => verified.push(pack),
                Err(refusal) => self.refuse_pack(refusal),
            }
        }
        // The oldest first, so a later one wins; and none may go back on one applied before it.
        verified.sort_by(|a, b| (&a.published, &a.path).cmp(&(&b.published, &b.path)));
        for pack in verified {
            if let Some(refusal) = older_than(&pack, &floor) {
                self.refuse_pack(refusal);
                continue;
            }
            for file in &pack.files {
                let (id, version) = crate::pack::id_and_version(&file.text);
                if let Some(version) = version {
                    floor.insert(id.clone().unwrap_or_else(|| file.name.clone()), version);
                }
                let source = SourceFile {
                    name: format!("{}/{}", pack.path, file.name),
                    text: file.text.clone(),
                };
                if file.name == CONTACTS_FILE {
                    self.add_contacts(&source, true);
                } else if file.name == POLICY_FILE {
                    self.set_policy(source, selection.today);
                    // The pack's policy governs the built-in trees, as the built-in one did.
                    self.policy_with_its_trees = true;
                } else {
                    tree_files.retain(|(f, _)| {
                        id.is_none() || crate::pack::id_and_version(&f.text).0 != id
                    });
                    let provenance = Provenance::Published {
                        pack: pack.path.clone(),
                        signed_by: pack.signed_by.clone(),
                        published: pack.published.clone(),
                        sha256: file.sha256.clone(),
                    };
                    tree_files.push((source, Origin::Published(provenance)));
                }
            }
            self.packs.push(PackInUse {
                path: pack.path,
                signed_by: pack.signed_by,
                published: pack.published,
                key_id: pack.key_id,
                files: pack.files.into_iter().map(|f| f.name).collect(),
            });
        }
    }

    /// Says that a pack was refused, and why (E060).
    fn refuse_pack(&mut self, refusal: crate::pack::Refusal) {
        let help = match &refusal.detail {
            Some(detail) => format!("{detail}; tell whoever publishes the updates"),
            None => "tell whoever publishes the updates; `signpost check --pack PACK` checks a pack before it goes out".to_string(),
        };
        self.refused_packs.push(
            Diagnostic::whole_file(Code::PackRefused, &refusal.pack, refusal.to_string())
                .with_help(help),
        );
    }

    /// Uses the policy in `file` in place of any loaded before, for the trees loaded after it.
    /// One that changes or leaves out an official rule or tool is the error E059 and is not
    /// used, unless the author is previewing it (then the warning W014 names each departure).
    fn set_policy(&mut self, file: SourceFile, today: NaiveDate) {
        let (policy, diagnostics) = Policy::load(&file.name, &file.text, today);
        self.diagnostics.extend(diagnostics);
        let departures = if policy.is_broken() {
            Vec::new()
        } else {
            policy.departures_from(&self.official.policy)
        };
        let code = match self.previewing {
            true => Code::PolicyDraft,
            false => Code::ShadowsOfficial,
        };
        // Each change at its id; everything left out in one message at the top of the file.
        let (changed, left_out): (Vec<_>, Vec<_>) = departures.iter().partition(|d| d.changed);
        let mut said: Vec<(std::ops::Range<usize>, String)> = changed
            .iter()
            .map(|d| {
                let key = format!("\"{}\"", d.id);
                let at = file.text.find(&key).unwrap_or(0);
                (
                    at..at + key.len(),
                    format!("changes the official {}", d.name()),
                )
            })
            .collect();
        if !left_out.is_empty() {
            let names: Vec<String> = left_out.iter().take(4).map(|d| d.name()).collect();
            let more = match left_out.len() - names.len() {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let what = format!("leaves out the official {}{more}", names.join(", "));
            said.push((0..0, what));
        }
        for (span, what) in said {
            let (message, help) = match self.previewing {
                true => (
                    format!(
                        "this policy {what}: the local trees loaded with it are held to this draft, not to the published policy"
                    ),
                    "publish the change in a signed pack when it is agreed; until then only your local trees see it",
                ),
                false => (
                    format!(
                        "this policy {what}: a local policy may add rules and tools, never replace or remove official ones, so it is not used"
                    ),
                    "keep the official rules and tools as they are and add your own under new ids; preview a change to them with `signpost check` on this folder",
                ),
            };
            self.diagnostics
                .push(Diagnostic::at(code, &file.name, &file.text, span, message).with_help(help));
        }
        if departures.is_empty() || self.previewing {
            self.policy = policy;
            self.policy_source = Some(file);
        }
    }

    /// Loads tree files with the contacts and policy known now, several at a time
    /// ([`crate::parallel`]), and adds them in their order.
    fn add_trees(&mut self, files: Vec<(SourceFile, Origin)>, today: NaiveDate) {
        let shared = self.shared();
        let loaded = crate::parallel::map(&files, |(file, origin)| {
            let mut loaded = load_tree(&file.name, &file.text, shared, today);
            // A local file's provenance holds a hash of its bytes: worked out here too.
            if let (Some(tree), Origin::Local) = (&mut loaded.tree, origin) {
                tree.provenance = Provenance::local(&file.name, &file.text, false);
            }
            loaded
        });
        for ((file, origin), loaded) in files.into_iter().zip(loaded) {
            self.add_tree(file, origin, loaded);
        }
    }

    /// Adds a loaded tree file.
    fn add_tree(&mut self, file: SourceFile, origin: Origin, loaded: Loaded) {
        self.files += 1;
        let mut diagnostics = loaded.diagnostics;
        let embedded = !matches!(origin, Origin::Local);
        if let Some(mut tree) = loaded.tree {
            if let Origin::Published(provenance) = origin {
                tree.provenance = provenance;
            } else if !embedded {
                // A local file with an official tree's id and other content is a draft: it is
                // listed as one, never used in the official tree's place.
                let official = self
                    .official_source(&tree.id)
                    .filter(|(_, text)| *text != file.text)
                    .map(|(name, _)| name.to_string());
                if let Some(official) = official {
                    if let Provenance::Local { draft, .. } = &mut tree.provenance {
                        *draft = true;
                    }
                    diagnostics.push(draft_warning(&file, &tree.id, &official));
                    self.trees.push(tree);
                    self.tree_sources.push(file);
                    self.diagnostics.extend(diagnostics);
                    return;
                }
            }
            match self.trees.iter().position(|t| t.id == tree.id) {
                // The same content as the official tree, read from a file (the shipped folder):
                // nothing to add.
                Some(i) if !self.trees[i].provenance.is_local() && !embedded => {}
                Some(i) => {
                    let loc = crate::tree::locate::Locator::new(&file.name, &file.text);
                    diagnostics.push(
                        loc.at(
                            Code::DuplicateTree,
                            &[Step::Field("id")],
                            format!(
                                "another tree already has the id \"{}\" ({})",
                                tree.id, self.tree_sources[i].name
                            ),
                        )
                        .with_help("give each tree its own `id`"),
                    );
                    self.broken.push(BrokenFile {
                        file: file.name.clone(),
                        diagnostics: diagnostics.clone(),
                        breaking: None,
                    });
                }
                None => {
                    self.trees.push(tree);
                    self.tree_sources.push(file);
                }
            }
        } else {
            self.broken.push(BrokenFile {
                file: file.name.clone(),
                diagnostics: diagnostics.clone(),
                breaking: loaded.breaking,
            });
        }
        self.diagnostics.extend(diagnostics);
    }
}

/// Why `pack` may not be used after the packs whose versions `floor` holds: a file older than
/// the version already in use.
fn older_than(
    pack: &crate::pack::Verified,
    floor: &std::collections::HashMap<String, String>,
) -> Option<crate::pack::Refusal> {
    pack.files.iter().find_map(|file| {
        let (id, version) = crate::pack::id_and_version(&file.text);
        let version = version?;
        let used = floor.get(&id.unwrap_or_else(|| file.name.clone()))?;
        (crate::pack::compare_versions(&version, used) == std::cmp::Ordering::Less).then(|| {
            crate::pack::Refusal {
                pack: pack.path.clone(),
                reason: format!(
                    "{} is version {version}, older than the {used} already in use (an update never goes back)",
                    file.name
                ),
                detail: None,
            }
        })
    })
}

/// How a contact is reached (email, Slack, phone, web): what a replacement must not change.
fn reach(c: &crate::tree::model::Contact) -> [&Option<String>; 4] {
    [&c.email, &c.slack, &c.phone, &c.web]
}

/// The built-in tree `id`, for unit tests.
#[cfg(test)]
pub(crate) fn shipped(id: &str) -> Tree {
    let catalog = Catalog::load(&Selection::new(true, Vec::new()));
    catalog
        .trees
        .into_iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no built-in tree {id}"))
}
