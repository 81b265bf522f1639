//! Signed content packs (issue 21, items 3 and 4): `keygen`, `pack`, `check --pack`, and the
//! app using a pack only when it verifies — a tampered file, another key, a missing signature
//! or an older version each refuse the whole pack with one reason, and the built-in content
//! is used.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

struct Setup {
    home: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let home = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(home.path().join("config")).expect("config folder");
        Setup { home }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    fn signpost(&self) -> Command {
        let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
        cmd.env("SIGNPOST_DATA_DIR", self.path("data"))
            .env("SIGNPOST_CONFIG_DIR", self.path("config"))
            .env("SIGNPOST_TODAY", "2026-06-01")
            .env_remove("SIGNPOST_KEY_PASSWORD");
        cmd
    }

    /// `signpost keygen NAME --no-password`; returns the public key's line.
    fn keygen(&self, name: &str) -> String {
        let out = self
            .signpost()
            .args([
                "keygen",
                &self.path(name).display().to_string(),
                "--no-password",
            ])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let public = fs::read_to_string(self.path(&format!("{name}.pub"))).expect("public key");
        public.lines().nth(1).expect("the key line").to_string()
    }

    /// The shipped content with share.ron at `version` and its CJSE/CJSM headlines changed.
    fn content(&self, name: &str, version: &str) -> PathBuf {
        let dir = self.path(name);
        fs::create_dir_all(&dir).expect("content folder");
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees");
        for entry in fs::read_dir(&shipped).expect("shipped") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                let text = fs::read_to_string(&path).expect("read");
                let text = match path.file_name().is_some_and(|n| n == "share.ron") {
                    true => updated_share(&text, version),
                    false => text,
                };
                fs::write(dir.join(path.file_name().expect("name")), text).expect("write");
            }
        }
        dir
    }

    /// `signpost pack CONTENT --key KEY.key --out PACK`.
    fn pack(&self, content: &Path, key: &str, out: &str) -> std::process::Output {
        self.pack_on(content, key, out, "2027-01-10")
    }

    /// [`Setup::pack`], published on `day`.
    fn pack_on(&self, content: &Path, key: &str, out: &str, day: &str) -> std::process::Output {
        let key = self.path(&format!("{key}.key")).display().to_string();
        self.signpost()
            .args(["pack", &content.display().to_string(), "--key", &key])
            .args(["--signed-by", "MoJ Cyber Security", "--published", day])
            .args(["--out", &self.path(out).display().to_string()])
            .output()
            .expect("runs")
    }

    fn trust(&self, key_line: &str, packs: &str) {
        fs::write(
            self.path("config/config.ron"),
            format!(
                "Config(trusted_keys: [\"{key_line}\"], packs: [\"{}\"])",
                self.path(packs).display()
            ),
        )
        .expect("config");
    }

    fn check_pack(&self, pack: &str) -> (Option<i32>, String, String) {
        let out = self
            .signpost()
            .args(["check", "--pack", &self.path(pack).display().to_string()])
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `ask share` to the CJSE/CJSM outcome, as JSON.
    fn ask_share(&self) -> (serde_json::Value, String) {
        let out = self
            .signpost()
            .args(["ask", "share", "--format", "json"])
            .args([
                "--answer", "1", "--answer", "3", "--answer", "2", "--answer", "2",
            ])
            .args(["--answer", "1"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        (
            serde_json::from_slice(&out.stdout).expect("JSON"),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

const UPDATED: &str = "Use CJSE or CJSM (updated)";

fn updated_share(text: &str, version: &str) -> String {
    let changed = text
        // Every CJSE/CJSM outcome (for a department, a partner, another organisation).
        .replace(
            "headline: \"Use CJSE or CJSM\"",
            &format!("headline: \"{UPDATED}\""),
        )
        .replacen("version: \"2.0.1\"", &format!("version: \"{version}\""), 1);
    assert!(changed.contains(UPDATED) && changed.contains(version));
    changed
}

#[test]
fn a_pack_that_verifies_replaces_the_built_in_content_and_says_so() {
    let s = Setup::new();
    let key = s.keygen("team");
    let content = s.content("content", "2.1.0");
    let out = s.pack(&content, "team", "packs/2027-01");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout.contains("share 2.1.0"), "{stdout}");
    assert!(s.path("packs/2027-01/manifest.ron.minisig").is_file());

    s.trust(&key, "packs");
    let (code, stdout, stderr) = s.check_pack("packs/2027-01");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("verified — signed by MoJ Cyber Security with key"),
        "{stdout}"
    );
    assert!(stdout.contains("0 errors"), "{stdout}");

    let (json, stderr) = s.ask_share();
    assert_eq!(json["outcome"]["title"], UPDATED, "{stderr}");
    let provenance = &json["tree"]["provenance"];
    assert_eq!(provenance["kind"], "published");
    assert_eq!(provenance["published"], "2027-01-10");
    assert_eq!(provenance["signed_by"], "MoJ Cyber Security");
    assert!(stderr.is_empty(), "{stderr}");

    // The record says where its advice came from.
    let record = s
        .signpost()
        .args(["ask", "share", "--format", "markdown", "--answer", "1"])
        .args([
            "--answer", "3", "--answer", "2", "--answer", "2", "--answer", "1",
        ])
        .output()
        .expect("runs");
    let record = String::from_utf8_lossy(&record.stdout);
    assert!(
        record.contains("- **Source:** published 2027-01-10, signed by MoJ Cyber Security"),
        "{record}"
    );
}

/// Each way a pack can be wrong refuses it with its reason, and the built-in tree is used.
#[test]
fn a_tampered_foreign_unsigned_or_older_pack_is_refused() {
    let s = Setup::new();
    let key = s.keygen("team");
    s.keygen("other");
    let content = s.content("content", "2.1.0");
    assert_eq!(
        s.pack(&content, "team", "packs/good").status.code(),
        Some(0)
    );
    let copy = |to: &str| {
        let to = s.path(to);
        fs::create_dir_all(&to).expect("folder");
        for entry in fs::read_dir(s.path("packs/good")).expect("pack") {
            let path = entry.expect("entry").path();
            fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    };
    // One byte of a packed tree changed.
    copy("tampered");
    let share = s.path("tampered/share.ron");
    let text = fs::read_to_string(&share).expect("share");
    fs::write(&share, text.replacen("(updated)", "(updatee)", 1)).expect("write");
    // Signed by a key nobody trusts.
    assert_eq!(s.pack(&content, "other", "foreign").status.code(), Some(0));
    // No signature.
    copy("unsigned");
    fs::remove_file(s.path("unsigned/manifest.ron.minisig")).expect("remove");
    // Older than the built-in tree.
    let older = s.content("older-content", "1.9.0");
    assert_eq!(s.pack(&older, "team", "older").status.code(), Some(0));

    for (pack, reason) in [
        (
            "tampered",
            "share.ron was changed after the pack was signed",
        ),
        ("foreign", "which is not a trusted key"),
        ("unsigned", "it is not signed"),
        (
            "older",
            "share.ron is version 1.9.0, older than the built-in 2.0.1",
        ),
    ] {
        s.trust(&key, pack);
        let (code, stdout, stderr) = s.check_pack(pack);
        assert_eq!(code, Some(1), "{pack}: {stdout}{stderr}");
        assert!(stderr.contains("error[E060]"), "{pack}: {stderr}");
        assert!(stderr.contains(reason), "{pack}: {stderr}");
        let (json, stderr) = s.ask_share();
        assert_eq!(
            json["outcome"]["title"], "Use CJSE or CJSM",
            "{pack}: the built-in advice"
        );
        assert_eq!(json["tree"]["provenance"]["kind"], "built-in");
        assert!(
            stderr.contains("was refused") && stderr.contains(reason),
            "{pack}: said on standard error: {stderr}"
        );
    }
}

#[test]
fn content_with_errors_is_not_packed_and_keys_are_never_overwritten() {
    let s = Setup::new();
    s.keygen("team");
    let content = s.content("content", "2.1.0");
    let share = content.join("share.ron");
    let text = fs::read_to_string(&share).expect("share");
    fs::write(&share, text.replacen("Outcome(", "Outcom(", 1)).expect("write");
    let out = s.pack(&content, "team", "packs/broken");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the pack was not written"), "{stderr}");
    assert!(!s.path("packs/broken").exists());

    let again = s
        .signpost()
        .args([
            "keygen",
            &s.path("team").display().to_string(),
            "--no-password",
        ])
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn a_password_protects_the_secret_key() {
    let s = Setup::new();
    let stem = s.path("locked").display().to_string();
    let out = s
        .signpost()
        .env("SIGNPOST_KEY_PASSWORD", "correct horse")
        .args(["keygen", &stem])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let content = s.content("content", "2.1.0");
    let pack = |password: &str, out: &str| {
        s.signpost()
            .env("SIGNPOST_KEY_PASSWORD", password)
            .args([
                "pack",
                &content.display().to_string(),
                "--key",
                &format!("{stem}.key"),
            ])
            .args(["--signed-by", "MoJ Cyber Security", "--out"])
            .arg(s.path(out))
            .output()
            .expect("runs")
    };
    let wrong = pack("wrong", "p1");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("cannot unlock the secret key"),
        "{wrong:?}"
    );
    assert_eq!(pack("correct horse", "p2").status.code(), Some(0));
}

#[test]
fn a_bad_trusted_key_in_the_config_is_reported_at_its_position() {
    let s = Setup::new();
    fs::write(
        s.path("config/config.ron"),
        "Config(\n  trusted_keys: [\"RWQnot-a-key\"],\n)",
    )
    .expect("config");
    let out = s
        .signpost()
        .args(["ask", "share", "--answer", "1"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "config.ron:2:18: error[E040]: this trusted key is not a minisign public key"
        ),
        "{stderr}"
    );
}

/// Packs apply oldest first, so a later one wins; one published later that goes back on a
/// version already in use is refused.
#[test]
fn a_later_pack_cannot_go_back_on_an_earlier_one() {
    let s = Setup::new();
    let key = s.keygen("team");
    let newer = s.content("newer", "2.2.0");
    let older = s.content("older", "2.1.0");
    // Named so that the folder order is the opposite of the publication order.
    assert_eq!(
        s.pack_on(&newer, "team", "packs/a", "2027-03-01")
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        s.pack_on(&older, "team", "packs/b", "2027-02-01")
            .status
            .code(),
        Some(0)
    );
    s.trust(&key, "packs");
    let (json, stderr) = s.ask_share();
    assert!(stderr.is_empty(), "both apply, the older first: {stderr}");
    let version = json["tree"]["version"].as_str().map(str::to_string);
    assert_eq!(version.as_deref(), Some("2.2.0"), "the later one wins");

    let backwards = s.content("backwards", "2.1.5");
    assert_eq!(
        s.pack_on(&backwards, "team", "packs/c", "2027-04-01")
            .status
            .code(),
        Some(0)
    );
    let (json, stderr) = s.ask_share();
    assert_eq!(json["tree"]["version"], "2.2.0");
    assert!(
        stderr.contains("share.ron is version 2.1.5, older than the 2.2.0 already in use"),
        "{stderr}"
    );
}
