//! copil — compilateur des fichiers de gouvernance territoriale France Numérique Ensemble.
#![forbid(unsafe_code)]

pub mod reference;
pub mod rules;
