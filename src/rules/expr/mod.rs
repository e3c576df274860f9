//! Rule expression language (being written).
