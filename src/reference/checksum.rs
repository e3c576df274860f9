//! Checksums of French business identifiers: SIREN (9 digits, a legal
//! unit) and SIRET (14 digits, one establishment of that unit).
//!
//! In: the identifier as written, without spaces. Out: whether its check
//! digit holds. Nothing here says whether the number is *assigned*; only the
//! SIRENE register knows that.

/// SIREN of La Poste, whose establishments follow their own SIRET rule.
pub const LA_POSTE_SIREN: &str = "356000000";

/// SIRET of La Poste's head office, the one La Poste SIRET checked by Luhn.
pub const LA_POSTE_HEAD_OFFICE_SIRET: &str = "35600000000048";

/// The Luhn check: `digits` is non-empty, made of ASCII digits only, and the
/// Luhn sum (every second digit from the right doubled, 9 taken off when the
/// double exceeds 9) is a multiple of 10.
pub fn luhn(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A SIREN is exactly 9 ASCII digits whose Luhn check holds.
pub fn siren_valid(siren: &str) -> bool {
    siren.len() == 9 && luhn(siren)
}

/// A SIRET is exactly 14 ASCII digits; the Luhn check holds over the 14
/// digits and over the SIREN (the first 9).
///
/// La Poste is the exception. When it became a société anonyme (2010) all its
/// establishments were gathered under the single SIREN 356000000; they are
/// too many for a Luhn check digit over a 4-digit sequence number, so INSEE
/// numbers them with another rule: **the sum of the 14 digits is a multiple
/// of 5**. Only the head office, SIRET 35600000000048, is a plain Luhn number
/// (its digit sum, 26, is not a multiple of 5). So for SIREN 356000000 a
/// SIRET is valid when it is the head office's or when its digit sum is a
/// multiple of 5; passing Luhn is not enough (35600000049839 passes Luhn and
/// is rejected).
///
/// Sources: French Wikipedia, « Système d'identification du répertoire des
/// établissements », section « Exceptions pour le groupe La Poste » (citing
/// INSEE's page on the SIRET number, consulted 2019-12-15);
/// <https://blog.pagesd.info/2012/09/05/verifier-numero-siret-poste/>; the
/// same rule is implemented by Dolibarr (`htdocs/core/lib/profid.lib.php`,
/// whose tests use the La Poste establishment 35600000049837) and by
/// IsoCodes (`src/IsoCodes/Siren.php`).
pub fn siret_valid(siret: &str) -> bool {
    if siret.len() != 14 || !siret.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let siren = &siret[..9];
    if siren == LA_POSTE_SIREN {
        let digit_sum: u32 = siret.bytes().map(|b| u32::from(b - b'0')).sum();
        return siret == LA_POSTE_HEAD_OFFICE_SIRET || digit_sum.is_multiple_of(5);
    }
    luhn(siret) && siren_valid(siren)
}
