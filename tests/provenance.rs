//! Official or not (issue 21, items 1 and 2): a local copy of a built-in tree with other
//! content is a draft. It never replaces the published advice under its id, says what it is on
//! every screen, in plain mode, in JSON and in a saved record (its path and SHA-256), and
//! `check` warns about it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// The shipped share tree with one headline changed, as someone with write access to the
/// data folder might leave it.
fn tampered() -> String {
    let shipped =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/share.ron"))
            .expect("the shipped share tree");
    let changed = shipped.replace(
        "headline: \"Use CJSE or CJSM\"",
        "headline: \"Use WhatsApp on your own phone\"",
    );
    assert_ne!(
        changed, shipped,
        "the headline to change is in the shipped tree"
    );
    changed
}

fn signpost(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_DATA_DIR", home.join("data"))
        .env("SIGNPOST_CONFIG_DIR", home.join("config"))
        .env("SIGNPOST_TODAY", "2026-06-01");
    cmd
}

const CJSM_ANSWERS: [&str; 10] = [
    "--answer", "1", "--answer", "3", "--answer", "2", "--answer", "2", "--answer", "1",
];

/// `signpost ask share MORE…` answered to the CJSE/CJSM outcome.
fn ask_share(home: &Path, more: &[&str]) -> std::process::Output {
    signpost(home)
        .args(["ask", "share"])
        .args(more)
        .args(CJSM_ANSWERS)
        .output()
        .expect("runs")
}

#[test]
fn a_local_copy_never_passes_for_the_built_in_tree() {
    let home = tempfile::tempdir().expect("temp dir");
    let trees = home.path().join("data/trees");
    fs::create_dir_all(&trees).expect("trees folder");
    let draft = trees.join("share.ron");
    fs::write(&draft, tampered()).expect("write the copy");

    // `ask share` means the built-in tree, whatever the data folder holds.
    let out = ask_share(home.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Outcome: RECOMMENDED — Use CJSE or CJSM"),
        "{stdout}"
    );
    assert!(!stdout.contains("WhatsApp on your own phone"), "{stdout}");

    // By its path, the draft is walked, and every output says what it is.
    let path = draft.display().to_string();
    let out = signpost(home.path())
        .args(["ask", &path, "--format", "json"])
        .args(CJSM_ANSWERS)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["outcome"]["title"], "Use WhatsApp on your own phone");
    let provenance = &json["tree"]["provenance"];
    assert_eq!(provenance["kind"], "local");
    assert_eq!(provenance["draft"], true);
    assert_eq!(provenance["path"], path.as_str());
    let sha256 = signpost::tree::provenance::sha256_hex(tampered().as_bytes());
    assert_eq!(provenance["sha256"], sha256.as_str());

    let record = signpost(home.path())
        .args(["ask", &path, "--format", "markdown"])
        .args(CJSM_ANSWERS)
        .output()
        .expect("runs");
    let record = String::from_utf8_lossy(&record.stdout);
    let source =
        format!("- **Source:** LOCAL DRAFT — not the published advice: {path} (SHA-256 {sha256})");
    assert!(record.contains(&source), "{record}");

    let walk = signpost(home.path())
        .args(["ask", &path])
        .write_stdin("q\n")
        .output()
        .expect("runs");
    let walk = String::from_utf8_lossy(&walk.stdout);
    assert!(
        walk.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("LOCAL DRAFT — not the published advice: ")),
        "plain mode's header says so:\n{walk}"
    );

    // The built-in tree's own JSON says where it comes from too.
    let out = ask_share(home.path(), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json["tree"]["provenance"],
        serde_json::json!({"kind": "built-in"})
    );
}

#[test]
fn check_warns_about_a_draft_and_not_about_the_shipped_files() {
    let home = tempfile::tempdir().expect("temp dir");
    let draft = home.path().join("share.ron");
    fs::write(&draft, tampered()).expect("write the copy");
    let out = signpost(home.path())
        .args(["check", &draft.display().to_string(), "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("warning[W013]: \"share\" is the id of the official tree in <embedded>/share.ron: this file is listed as a local draft of it"),
        "{stdout}"
    );
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees");
    let out = signpost(home.path())
        .args(["check", &shipped.display().to_string(), "--deny-warnings"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "the shipped files are the built-in trees, not drafts: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// `lookup` labels a result from a local draft, in text and JSON: a search can find the draft,
/// but never passes it off as the published advice.
#[test]
fn lookup_labels_a_result_from_a_local_draft() {
    let home = tempfile::tempdir().expect("temp dir");
    let trees = home.path().join("data/trees");
    fs::create_dir_all(&trees).expect("trees folder");
    fs::write(trees.join("share.ron"), tampered()).expect("write the copy");
    // The draft's outcome (the criminal justice partner's CJSE or CJSM, renamed) is the best
    // match for a question that leads to it.
    let query = "use whatsapp on your own phone for a police force that cannot use teams";
    let out = signpost(home.path())
        .args(["lookup", query])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let best = text
        .lines()
        .position(|l| l.starts_with("Best match"))
        .expect("a best match");
    assert!(
        text.lines()
            .nth(best)
            .is_some_and(|l| l.contains("Use WhatsApp on your own phone")),
        "{text}"
    );
    assert!(
        text.lines()
            .nth(best + 1)
            .is_some_and(|l| l.starts_with("LOCAL DRAFT — not the published advice: ")),
        "{text}"
    );
    // Further down the list, it is marked too.
    let out = signpost(home.path())
        .args(["lookup", "whatsapp", "on", "your", "own", "phone"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "[outcome] share: Use WhatsApp on your own phone (LOCAL DRAFT — not the published advice)"
        ),
        "{text}"
    );
    let out = signpost(home.path())
        .args(["lookup", query, "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let best = &json["results"][0];
    assert_eq!(best["outcome"]["title"], "Use WhatsApp on your own phone");
    assert_eq!(best["provenance"]["draft"], true);
}

/// The shipped policy with Microsoft Teams approved up to SECRET: the edit the policy's rules
/// exist to catch.
fn loosened_policy() -> String {
    let shipped =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/policy.ron"))
            .expect("the shipped policy");
    let at = shipped.find("name: \"Microsoft Teams\"").expect("Teams");
    let (before, after) = shipped.split_at(at);
    let after = after.replacen("up_to: \"official-sensitive\"", "up_to: \"secret\"", 1);
    format!("{before}{after}")
}

/// A tree of the user's own, beside a `contacts.ron` that gives the official `security`
/// contact another address.
fn own_tree_with_shadowing_contacts(trees: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    fs::create_dir_all(trees).expect("trees folder");
    fs::copy(fixtures.join("sample.ron"), trees.join("sample.ron")).expect("copy");
    let contacts = fs::read_to_string(fixtures.join("contacts.ron")).expect("contacts");
    fs::write(
        trees.join("contacts.ron"),
        contacts.replace("security@justice.gov.uk", "security@example.org"),
    )
    .expect("write");
}

#[test]
fn a_local_contacts_file_never_sends_people_elsewhere() {
    let home = tempfile::tempdir().expect("temp dir");
    let trees = home.path().join("data/trees");
    own_tree_with_shadowing_contacts(&trees);

    // The built-in tree keeps the official address.
    let out = ask_share(home.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("security@justice.gov.uk"), "{stdout}");
    assert!(!stdout.contains("example.org"), "{stdout}");
    // Said on standard error as the app starts, naming the contact and the rule.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[E059]: contact \"security\" is an official contact"),
        "{stderr}"
    );

    // The tree beside the file is not shown with it.
    let out = signpost(home.path())
        .args(["ask", "share-example", "--answer", "1"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E059]"), "{stderr}");
    assert!(out.stdout.is_empty());

    // The author's preview of the folder: a warning, and the tree checks.
    let out = signpost(home.path())
        .args(["check", &trees.display().to_string()])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("warning[W011]"), "{stdout}");
    assert!(!stdout.contains("E059"), "{stdout}");
}

#[test]
fn a_local_policy_may_not_loosen_an_official_tool() {
    let home = tempfile::tempdir().expect("temp dir");
    let trees = home.path().join("data/trees");
    fs::create_dir_all(&trees).expect("trees folder");
    fs::write(trees.join("policy.ron"), loosened_policy()).expect("write");
    let own =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/share.ron"))
            .expect("share")
            .replacen("id: \"share\"", "id: \"my-share\"", 1);
    fs::write(trees.join("my-share.ron"), own).expect("write");

    // Loaded by the app or `ask`: refused, and the tree beside it is not shown.
    let out = signpost(home.path())
        .args(["ask", "my-share"])
        .args(CJSM_ANSWERS)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[E059]: this policy changes the official tool \"teams\""),
        "{stderr}"
    );
    // The built-in tree is untouched.
    let out = ask_share(home.path(), &[]);
    assert_eq!(out.status.code(), Some(0));

    // The author's preview: used for the local trees, with a warning at the tool.
    let out = signpost(home.path())
        .args(["check", "--format", "short", &trees.display().to_string()])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("warning[W014]: this policy changes the official tool \"teams\""),
        "{stdout}"
    );
}
