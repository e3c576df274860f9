//! The shipped rulesets compiled ahead of time: `rules/compiled.bin`, so
//! that a check starts without reading TOML, parsing or type-checking a
//! single expression.
//!
//! The file holds, in postcard (a compact binary serde format, read
//! without any parsing of text), the rule ids of every shipped ruleset and
//! each profile (its chain, parameters and compiled rules) as its own
//! block, read only when a file of that profile is checked. It records a
//! fingerprint of the shipped ruleset texts it was made from: when a
//! shipped file changes without the cache being regenerated, the
//! fingerprint differs and the rules are compiled from their text as if
//! there were no cache. A test keeps the committed file equal to what
//! compiling the shipped rulesets gives
//! (`COPIL_REGENERER_CACHE=1 cargo test --lib compiled_rules_cache`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::compile::{ActiveRules, Rule};

static BYTES: &[u8] = include_bytes!("../../rules/compiled.bin");

/// The whole cache; the profiles stay encoded until they are needed.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot<'a> {
    /// [`fingerprint`] of the shipped rulesets it was compiled from.
    texts: u64,
    /// Every rule id of every shipped ruleset.
    pub ids: Vec<String>,
    /// Each profile by name, encoded ([`Frozen`]).
    #[serde(borrow)]
    pub profiles: Vec<(String, &'a [u8])>,
}

/// One profile, as [`ActiveRules`] without what is derived from it.
#[derive(Serialize, Deserialize)]
struct Frozen {
    chain: Vec<String>,
    /// The parameters as JSON text (their values are JSON values, which a
    /// binary format without self-description cannot hold).
    params: String,
    rules: Vec<Rule>,
}

/// FNV-1a over every shipped ruleset's path and text: which texts a cache
/// was compiled from.
fn fingerprint(rulesets: &[(&str, &str)]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, text) in rulesets {
        for byte in path.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The committed cache, when it was made from texts of fingerprint
/// `texts` (the shipped ones: [`super::registry`] passes the fingerprint
/// the build computed, so that starting does not hash 27 kio of TOML);
/// `None` otherwise, or when it cannot be read.
pub(crate) fn open(texts: u64) -> Option<Snapshot<'static>> {
    let snapshot: Snapshot<'static> = postcard::from_bytes(BYTES).ok()?;
    (snapshot.texts == texts).then_some(snapshot)
}

/// A profile of the cache, decoded; `None` when its block is unreadable.
pub(crate) fn thaw(bytes: &[u8]) -> Option<ActiveRules> {
    let frozen: Frozen = postcard::from_bytes(bytes).ok()?;
    let params = serde_json::from_str(&frozen.params).ok()?;
    let infos = frozen.rules.iter().map(|r| r.info.clone()).collect();
    Some(ActiveRules {
        chain: frozen.chain,
        params,
        rules: frozen.rules,
        infos,
        selection: None,
    })
}

/// The cache of `profiles`, compiled from the shipped texts `rulesets`
/// with rule ids `ids`.
pub(crate) fn make(
    rulesets: &[(&str, &str)],
    ids: &[String],
    profiles: &BTreeMap<String, Arc<ActiveRules>>,
) -> Vec<u8> {
    let blocks: Vec<(String, Vec<u8>)> = profiles
        .iter()
        .map(|(name, active)| {
            let frozen = Frozen {
                chain: active.chain.clone(),
                params: serde_json::to_string(&active.params).expect("parameters serialise"),
                rules: active.rules.clone(),
            };
            let bytes = postcard::to_allocvec(&frozen).expect("compiled rules serialise");
            (name.clone(), bytes)
        })
        .collect();
    let snapshot = Snapshot {
        texts: fingerprint(rulesets),
        ids: ids.to_vec(),
        profiles: blocks
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
            .collect(),
    };
    postcard::to_allocvec(&snapshot).expect("the cache serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_sees_any_change_of_a_shipped_text() {
        let base = fingerprint(&[("rules/a.toml", "id = 1"), ("rules/b.toml", "")]);
        assert_ne!(
            base,
            fingerprint(&[("rules/a.toml", "id = 2"), ("rules/b.toml", "")])
        );
        assert_ne!(base, fingerprint(&[("rules/a.toml", "id = 1")]));
        assert_ne!(
            base,
            fingerprint(&[("rules/a.toml", ""), ("rules/b.toml", "id = 1")])
        );
        assert_eq!(
            base,
            fingerprint(&[("rules/a.toml", "id = 1"), ("rules/b.toml", "")])
        );
    }

    #[test]
    fn a_cache_of_other_texts_is_not_used() {
        assert!(open(fingerprint(&[("rules/national.toml", "autre texte")])).is_none());
    }

    #[test]
    fn the_build_fingerprints_the_shipped_texts_as_the_cache_does() {
        let (rulesets, built) = crate::rules::registry::embedded_fingerprint();
        assert_eq!(fingerprint(rulesets), built);
        assert!(
            open(built).is_some(),
            "the committed cache is that of the shipped texts"
        );
    }
}
