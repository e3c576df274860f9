//! What the benches share: synthetic governances far larger than any
//! département's.

use std::fmt::Write as _;

/// `comites` comités of `per_comite` members drawn from `members`
/// associations, by a fixed pseudo-random draw (an LCG): no two comités
/// alike by construction, as in real files.
pub fn synthetic(comites: usize, members: usize, per_comite: usize) -> String {
    let mut src = String::from(
        "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\npilotage { prefet prefecture\n pilote cd38 }\n",
    );
    for m in 0..members {
        writeln!(src, "membre m{m} association \"Association {m}\"").unwrap();
    }
    for c in 0..comites {
        let mut state = (c as u64 + 1).wrapping_mul(6_364_136_223_846_793_005);
        let mut list: Vec<String> = (0..per_comite)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                format!("m{}", (state >> 33) % members as u64)
            })
            .collect();
        list.sort();
        list.dedup();
        writeln!(
            src,
            "comite c{c} technique \"Comité {c}\" {{\n membres {}\n frequence annuelle\n}}",
            list.join(", ")
        )
        .unwrap();
    }
    src
}
