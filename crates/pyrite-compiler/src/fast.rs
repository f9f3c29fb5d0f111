//! Hash collections with the Fx hash: the compiler's tables are keyed by
//! names and small integers, where SipHash's cost buys nothing.

pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type FastSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;
pub type FastIndexMap<K, V> = indexmap::IndexMap<K, V, rustc_hash::FxBuildHasher>;
pub type FastIndexSet<K> = indexmap::IndexSet<K, rustc_hash::FxBuildHasher>;
