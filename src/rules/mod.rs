//! National rules as data.
pub mod expr;
