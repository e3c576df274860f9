//! Stage 2, the model: syntax tree in, compiled governance out (identifiers
//! resolved, codes checked against the reference data, enumerations typed),
//! with every compile error of the file.

mod bodies;
mod feuilles;
mod membres;
mod resolve;
mod types;

pub use resolve::resolve;
pub use types::*;
