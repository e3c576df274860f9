//! Amounts in cents, split over years so that the parts add up exactly to
//! the total (largest remainder), and written the French way.

/// An amount in cents of euro.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Montant(pub i64);

impl Montant {
    /// The amount of a file's figure in euros, to the cent.
    pub fn of(euros: f64) -> Montant {
        Montant((euros * 100.0).round() as i64)
    }
}

/// Splits `total` into `parts` amounts that add up to it exactly, as even
/// as possible: whole euros when the total is in whole euros, otherwise
/// cents. With equal shares, the largest-remainder method gives the
/// leftover units to the first parts (the first years), one each.
pub fn repartir(total: Montant, parts: usize) -> Vec<Montant> {
    if parts == 0 {
        return Vec::new();
    }
    let unit = if total.0 % 100 == 0 { 100 } else { 1 };
    let units = total.0 / unit;
    let n = parts as i64;
    let (base, rest) = (units.div_euclid(n), units.rem_euclid(n));
    (0..n)
        .map(|i| Montant((base + i64::from(i < rest)) * unit))
        .collect()
}

/// `120 000 €`, `1 234,50 €` (narrow no-break spaces between thousands, a
/// no-break space before the sign).
pub fn euros(m: Montant) -> String {
    let negative = m.0 < 0;
    let cents = m.0.unsigned_abs();
    let mut grouped = crate::model::grouped(cents / 100);
    if !cents.is_multiple_of(100) {
        grouped.push_str(&format!(",{:02}", cents % 100));
    }
    format!("{}{grouped}\u{a0}€", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_read_the_french_way() {
        assert_eq!(euros(Montant::of(120_000.0)), "120\u{202f}000\u{a0}€");
        assert_eq!(euros(Montant::of(950.0)), "950\u{a0}€");
        assert_eq!(euros(Montant::of(1234.5)), "1\u{202f}234,50\u{a0}€");
    }

    #[test]
    fn a_third_of_350_000_is_split_to_the_euro() {
        let parts = repartir(Montant::of(350_000.0), 3);
        assert_eq!(
            parts,
            vec![
                Montant(11_666_700),
                Montant(11_666_700),
                Montant(11_666_600)
            ]
        );
        assert_eq!(parts.iter().map(|m| m.0).sum::<i64>(), 35_000_000);
    }

    proptest! {
        #[test]
        fn yearly_parts_add_up_to_the_total(cents in 0i64..10_000_000_000, parts in 1usize..12) {
            let split = repartir(Montant(cents), parts);
            prop_assert_eq!(split.len(), parts);
            prop_assert_eq!(split.iter().map(|m| m.0).sum::<i64>(), cents);
            let (min, max) = (split.iter().min().unwrap().0, split.iter().max().unwrap().0);
            prop_assert!(max - min <= 100);
        }
    }
}
