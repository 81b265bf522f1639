//! Keys: the public keys trusted to sign packs, and making a key pair for `signpost keygen`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox};

use crate::record::{write_atomically, write_atomically_private};

/// The environment variable that holds the minisign public keys trusted in every copy of a
/// build (set when it is built), separated by commas or spaces.
pub const BUILD_KEYS_VARIABLE: &str = "SIGNPOST_TRUSTED_KEYS";

/// The environment variable `keygen` and `pack` read a secret key's password from (they ask
/// at the terminal without it).
pub const PASSWORD_VARIABLE: &str = "SIGNPOST_KEY_PASSWORD";

/// The public keys a pack may be signed with: those compiled into the build and those an
/// administrator lists in config.ron's `trusted_keys`.
#[derive(Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<PublicKey>,
    problems: Vec<String>,
}

impl TrustedKeys {
    /// The compiled-in keys, then `listed` (from config.ron, checked there already).
    pub fn new(listed: &[String]) -> TrustedKeys {
        let mut trusted = TrustedKeys::default();
        let built_in = option_env!("SIGNPOST_TRUSTED_KEYS").unwrap_or("");
        let built_in = built_in
            .split([',', ' ', '\n'])
            .filter(|k| !k.trim().is_empty());
        for (from, key) in built_in
            .map(|k| ("built in", k))
            .chain(listed.iter().map(|k| ("config.ron", k.as_str())))
        {
            match parse_public_key(key) {
                Ok(key) => trusted.keys.push(key),
                Err(e) => trusted
                    .problems
                    .push(format!("a trusted key {from} cannot be read: {e}")),
            }
        }
        trusted
    }

    /// Whether no key is trusted (then every pack is refused).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Keys that could not be read, in words.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The trusted key with this key id.
    pub fn find(&self, keynum: &[u8]) -> Option<&PublicKey> {
        self.keys.iter().find(|k| k.keynum() == keynum)
    }
}

/// A public key as written in config.ron or the build variable: the base64 line of a
/// minisign `.pub` file, or the whole file.
pub fn parse_public_key(text: &str) -> Result<PublicKey, String> {
    let text = text.trim();
    let key = match text.lines().count() {
        1 => PublicKey::from_base64(text),
        _ => PublicKeyBox::from_string(text).and_then(PublicKeyBox::into_public_key),
    };
    key.map_err(|e| format!("not a minisign public key ({e})"))
}

/// A key id as minisign prints it: 16 hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut bytes = [0u8; 8];
    for (b, k) in bytes.iter_mut().zip(keynum) {
        *b = *k;
    }
    format!("{:016X}", u64::from_le_bytes(bytes))
}

/// The files `keygen` wrote.
#[derive(Debug)]
pub struct KeyPairFiles {
    /// The secret key (`NAME.key`, readable by its owner only).
    pub secret: PathBuf,
    /// The public key (`NAME.pub`).
    pub public: PathBuf,
    /// The public key's base64 line: what goes in `trusted_keys` or the build variable.
    pub public_line: String,
    /// The key id.
    pub id: String,
}

/// How a new secret key is protected.
#[derive(Clone, Debug)]
pub enum Protection {
    /// Encrypted with this password.
    Password(String),
    /// Encrypted with a password asked for at the terminal.
    Ask,
    /// Not encrypted (for a key kept in a secrets store that protects it some other way).
    None,
}

/// Makes a key pair and writes it to `stem.key` and `stem.pub`, refusing to overwrite either.
pub fn generate(stem: &Path, protection: Protection) -> anyhow::Result<KeyPairFiles> {
    let with = |ext: &str| {
        let mut name = stem.as_os_str().to_os_string();
        name.push(ext);
        PathBuf::from(name)
    };
    let (secret, public) = (with(".key"), with(".pub"));
    for path in [&secret, &public] {
        if path.exists() {
            anyhow::bail!(
                "{} already exists: not overwritten (a key pair in use cannot be made again)",
                path.display()
            );
        }
    }
    let KeyPair { pk, sk } = match protection {
        Protection::Password(password) => KeyPair::generate_encrypted_keypair(Some(password))?,
        Protection::Ask => KeyPair::generate_encrypted_keypair(None)?,
        Protection::None => KeyPair::generate_unencrypted_keypair()?,
    };
    let id = key_id(pk.keynum());
    let secret_text = sk
        .to_box(Some(&format!("signpost secret key {id}")))?
        .to_string();
    let public_text = pk.to_box()?.to_string();
    let cannot = |path: &Path| format!("cannot write {}", path.display());
    write_atomically_private(&secret, &secret_text).with_context(|| cannot(&secret))?;
    write_atomically(&public, &public_text).with_context(|| cannot(&public))?;
    Ok(KeyPairFiles {
        secret,
        public,
        public_line: pk.to_base64(),
        id,
    })
}

/// Reads a secret key file, decrypting it with `password` when it is encrypted (`None`: asked
/// at the terminal).
pub fn read_secret_key(path: &Path, password: Option<String>) -> anyhow::Result<SecretKey> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the secret key {}: {e}", path.display()))?;
    let key_box = SecretKeyBox::from_string(&text)?;
    let not_a_key = |e: minisign::PError| {
        anyhow::anyhow!("{} is not a minisign secret key: {e}", path.display())
    };
    match key_box.clone().into_unencrypted_secret_key() {
        Ok(key) => Ok(key),
        Err(e) if e.to_string().contains("encrypted") => key_box
            .into_secret_key(password)
            .map_err(|e| anyhow::anyhow!("cannot unlock the secret key {}: {e}", path.display())),
        Err(e) => Err(not_a_key(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_trusted_by_its_public_line_or_file_and_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let stem = dir.path().join("team");
        let files = generate(&stem, Protection::None).expect("generates");
        let public_file = std::fs::read_to_string(&files.public).expect("public");
        let by_line = parse_public_key(&files.public_line).expect("line");
        let by_file = parse_public_key(&public_file).expect("file");
        assert_eq!(by_line.keynum(), by_file.keynum());
        assert_eq!(key_id(by_line.keynum()), files.id);
        let secret = read_secret_key(&files.secret, None).expect("unencrypted");
        assert_eq!(secret.keynum(), by_line.keynum());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&files.secret)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "the secret key is its owner's only");
        }
        let again = generate(&stem, Protection::None).expect_err("refused");
        assert!(again.to_string().contains("already exists"), "{again}");
        assert!(parse_public_key("RWQnot-a-key").is_err());
        let trusted = TrustedKeys::new(&[files.public_line.clone(), "junk".into()]);
        assert!(trusted.find(by_line.keynum()).is_some());
        assert_eq!(trusted.problems().len(), 1);
    }
}
