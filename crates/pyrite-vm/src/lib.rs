//! Pyrite runtime.
