//! The pest grammar of the language (`grammar/copil.pest`), compiled into
//! [`CopilParser`] and its [`Rule`]s.

/// The parser pest derives from the grammar.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/copil.pest"]
pub(crate) struct CopilParser;
