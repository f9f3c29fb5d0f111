//! The name tables of a code object being compiled: `co_names`, `co_varnames`,
//! `co_cellvars` and `co_freevars`, each a list of distinct names in the order
//! they were first added, with an index to find a name's position.
//!
//! An `IndexSet<String>` did the same, but the code object wants a plain
//! `Vec<String>`, and collecting one out of the set's entries cost a walk, a
//! shrinking reallocation and a copy per table per code object. Here the list
//! is the `Vec` itself.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

#[derive(Default)]
pub(super) struct NameTable {
    names: Vec<String>,
    /// Positions in `names`, by the hash of the name.
    index: hashbrown::HashTable<u32>,
}

fn name_hash(name: &str) -> u64 {
    FxBuildHasher.hash_one(name)
}

impl NameTable {
    pub fn with_capacity(capacity: usize) -> NameTable {
        NameTable {
            names: Vec::with_capacity(capacity),
            index: hashbrown::HashTable::with_capacity(capacity),
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.names.iter()
    }

    /// The position of `name`, if it is in the table.
    pub fn get_index_of(&self, name: &str) -> Option<usize> {
        // Many tables are empty (a function without globals or cells): no
        // hashing for them.
        if self.names.is_empty() {
            return None;
        }
        let names = &self.names;
        self.index
            .find(name_hash(name), |&i| names[i as usize] == name)
            .map(|&i| i as usize)
    }

    /// The position of `name`, added at the end if new (the string is only
    /// allocated then).
    pub fn index_of(&mut self, name: &str) -> u32 {
        let hash = name_hash(name);
        let names = &self.names;
        if let Some(&i) = self.index.find(hash, |&i| names[i as usize] == name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).expect("fewer than 2^32 names");
        self.index
            .insert_unique(hash, i, |&j| name_hash(&names[j as usize]));
        self.names.push(name.to_string());
        i
    }

    pub fn into_vec(self) -> Vec<String> {
        self.names
    }
}

#[cfg(test)]
mod tests {
    use super::NameTable;

    #[test]
    fn names_keep_their_first_position() {
        let mut table = NameTable::default();
        assert_eq!(table.get_index_of("a"), None);
        assert_eq!(table.index_of("a"), 0);
        assert_eq!(table.index_of("b"), 1);
        assert_eq!(table.index_of("a"), 0);
        // Past the initial room, so the index grows and rehashes.
        for i in 0..100 {
            assert_eq!(table.index_of(&format!("n{i}")), i + 2);
        }
        assert_eq!(table.get_index_of("b"), Some(1));
        assert_eq!(table.get_index_of("n57"), Some(59));
        assert_eq!(table.len(), 102);
        let names = table.into_vec();
        assert_eq!(&names[..3], ["a", "b", "n0"]);
    }
}
