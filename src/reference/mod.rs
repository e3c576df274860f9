//! Reference data (placeholder being written).
