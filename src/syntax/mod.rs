//! Stage 1, syntax: source text in, syntax tree (with spans and comments)
//! and syntax errors out. The grammar is `grammar/copil.pest`.

pub mod ast;
mod error;
mod fast;
mod french;
mod grammar;
pub mod keyword;
mod parser;
mod recovery;

pub use keyword::Keyword;
pub use parser::{Parsed, parse, parse_with_pest};

#[cfg(test)]
mod tests;
