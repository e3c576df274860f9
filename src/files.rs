//! The files copil reads: which `.copil` files a list of paths names (the
//! walk of folders), reading one as UTF-8 text, and how paths and I/O
//! errors are shown. No other stage touches the file system for sources.

use std::path::Path;
#[cfg(feature = "cli")]
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

/// The `.copil` files named by `paths`: files as given, folders walked for
/// every `*.copil` below them. The walk skips hidden folders, `target/`
/// and what `.gitignore` files exclude (ripgrep's walker, the `ignore`
/// crate), so that `copil check .` at a repository's root checks the
/// governance files, not build outputs. Sorted and without duplicates,
/// so that the order of the arguments does not change the output. A path
/// that does not exist is kept: checking it reports the error.
#[cfg(feature = "cli")]
pub fn collect_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    out.sort_by_key(|p| display_path(p));
    out.dedup_by_key(|p| display_path(p));
    out
}

#[cfg(feature = "cli")]
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .parents(true)
        .filter_entry(|e| e.depth() == 0 || e.file_name() != "target")
        .build();
    let mut found = false;
    for entry in walker {
        let Ok(entry) = entry else { continue };
        found = true;
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && path.extension().is_some_and(|e| e == "copil")
        {
            out.push(path.to_path_buf());
        }
    }
    if !found {
        // An unreadable folder: checking it reports why.
        out.push(dir.to_path_buf());
    }
}

/// A source read from disk: its text, or the diagnostic that says why it
/// cannot be compiled, with the text to show under it when there is one.
pub enum Source {
    /// UTF-8 text.
    Text(String),
    /// The file cannot be used; `shown` is its text with each invalid
    /// byte replaced by `?` (offsets kept), when it could be read.
    Unusable {
        /// Why.
        diagnostic: Diagnostic,
        /// What to show under the diagnostic.
        shown: Option<String>,
    },
}

/// The largest source copil reads: 16 Mio. The largest real governance
/// file is about 50 kio; anything near the limit is not a governance file.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a source file as UTF-8, at most [`MAX_SOURCE_BYTES`]: a larger
/// file is refused without being read whole.
pub fn read_source(path: &Path) -> Source {
    let read = std::fs::File::open(path).and_then(|file| {
        use std::io::Read;
        // Sized from the file's length: reading into a growing buffer
        // would keep up to twice the text for every file of a national run.
        let expected = file
            .metadata()
            .map_or(0, |m| m.len().min(MAX_SOURCE_BYTES + 1));
        let mut bytes = Vec::with_capacity(expected as usize);
        file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    if let Ok(bytes) = &read
        && bytes.len() as u64 > MAX_SOURCE_BYTES
    {
        return Source::Unusable {
            diagnostic: Diagnostic::error(
                Code::Taille,
                Span::new(0, 0),
                format!(
                    "le fichier dépasse {} Mio : ce n'est pas un fichier de gouvernance",
                    MAX_SOURCE_BYTES / (1024 * 1024)
                ),
            )
            .label("fichier trop gros")
            .help("un fichier de gouvernance fait quelques dizaines de kio : vérifiez le chemin"),
            shown: None,
        };
    }
    match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Source::Text(text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                // Each invalid byte becomes one `?`: byte offsets stay those
                // of the file, so the report can show the line.
                let mut shown = String::with_capacity(bytes.len());
                for chunk in bytes.utf8_chunks() {
                    shown.push_str(chunk.valid());
                    shown.extend(chunk.invalid().iter().map(|_| '?'));
                }
                Source::Unusable {
                    diagnostic: Diagnostic::error(
                        Code::Utf8,
                        Span::new(at, at + 1),
                        format!("le fichier n'est pas en UTF-8 (octet invalide ligne {line})"),
                    )
                    .label("octet invalide")
                    .help("le fichier semble enregistré en Latin-1 ou Windows-1252 : enregistrez-le en UTF-8"),
                    shown: Some(shown),
                }
            }
        },
        Err(e) => Source::Unusable {
            diagnostic: Diagnostic::error(
                Code::Lecture,
                Span::new(0, 0),
                format!("le fichier ne peut pas être lu : {}", io_message(&e)),
            )
            .label("illisible")
            .help("vérifiez le chemin et les droits de lecture"),
            shown: None,
        },
    }
}

/// The reason of an I/O error, in French.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "il n'existe pas".to_string(),
        ErrorKind::PermissionDenied => "permission refusée".to_string(),
        ErrorKind::IsADirectory => "c'est un dossier".to_string(),
        _ => format!("erreur d'entrée-sortie ({e})"),
    }
}

/// A path as shown in reports: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "cli")]
    fn the_walk_skips_hidden_target_and_ignored_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for sub in ["a", "a/b", ".cache", "target", "ignored", "vendor/target"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        for file in [
            "z.copil",
            "a/x.copil",
            "a/b/y.copil",
            "a/notes.txt",
            ".cache/h.copil",
            "target/t.copil",
            "ignored/i.copil",
            "vendor/target/v.copil",
        ] {
            std::fs::write(root.join(file), "territoire 38\n").expect("write");
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").expect("write");
        let found: Vec<String> = collect_paths(&[root.to_path_buf()])
            .iter()
            .map(|p| display_path(p.strip_prefix(root).expect("below root")))
            .collect();
        assert_eq!(found, ["a/b/y.copil", "a/x.copil", "z.copil"]);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gros.copil");
        let file = std::fs::File::create(&path).expect("create");
        // A sparse file: 1 Gio that takes no room and is never read whole.
        file.set_len(1 << 30).expect("set_len");
        match read_source(&path) {
            Source::Unusable { diagnostic, shown } => {
                assert_eq!(diagnostic.code, Code::Taille);
                assert!(
                    diagnostic.message.contains("16 Mio"),
                    "{}",
                    diagnostic.message
                );
                assert!(shown.is_none());
            }
            Source::Text(_) => panic!("a 1 Gio file must be refused"),
        }
        let path = dir.path().join("juste.copil");
        std::fs::write(&path, vec![b' '; MAX_SOURCE_BYTES as usize]).expect("write");
        assert!(matches!(read_source(&path), Source::Text(_)));
    }

    #[test]
    #[cfg(feature = "cli")]
    fn a_file_named_explicitly_is_kept_whatever_its_folder() {
        let paths = [PathBuf::from("target/x.copil"), PathBuf::from("./a.copil")];
        assert_eq!(
            collect_paths(&paths),
            [PathBuf::from("./a.copil"), PathBuf::from("target/x.copil")]
        );
    }
}
