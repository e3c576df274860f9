//! Stage 2, the model: syntax tree in, compiled governance out (identifiers
//! resolved, codes checked against the reference data, enumerations typed),
//! with every compile error of the file. The resolver (`resolve`,
//! `membres`, `bodies`, `feuilles`) decides when to report; `wording` says
//! what, in French.

mod besoins;
mod bodies;
mod feuilles;
mod membres;
mod resolve;
mod roles;
mod types;
mod wording;
pub(crate) use wording::{grouped, grouped_with};

pub use besoins::groupe_libelle;
pub use resolve::resolve;
pub use types::*;
