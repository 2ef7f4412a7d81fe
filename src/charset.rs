//! Sets of characters with a one-load membership test.
//!
//! Takes characters. Gives [`CharSet`], asked about nearly every character of
//! every article by normalisation (traditional-script markers, characters that
//! conversion can change) and by the name finder (characters never in given
//! names). Never knows what the characters mean.

/// A set of characters: one bit per character of the Basic Multilingual Plane
/// (8 KiB, allocated on the first insert), and a sorted list for the rest.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    bmp: Vec<u64>,
    /// Characters beyond the plane, sorted.
    astral: Vec<char>,
}

impl CharSet {
    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        let code = c as usize;
        if code < 0x10000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x10000 / 64];
            }
            if let Some(word) = self.bmp.get_mut(code / 64) {
                *word |= 1 << (code % 64);
            }
        } else if let Err(i) = self.astral.binary_search(&c) {
            self.astral.insert(i, c);
        }
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: &char) -> bool {
        let code = *c as usize;
        if code < 0x10000 {
            self.bmp.get(code / 64).is_some_and(|word| word & (1 << (code % 64)) != 0)
        } else {
            self.astral.binary_search(c).is_ok()
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> CharSet {
        let mut set = CharSet::default();
        for c in chars {
            set.insert(c);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_added() {
        let mut set = CharSet::default();
        assert!(!set.contains(&'的'));
        for c in ['的', 'a', '𠀀'] {
            set.insert(c);
        }
        assert!(set.contains(&'的') && set.contains(&'a') && set.contains(&'𠀀'));
        assert!(!set.contains(&'王') && !set.contains(&'𠀁') && !set.contains(&'b'));
        let collected: CharSet = "會議".chars().collect();
        assert!(collected.contains(&'會') && !collected.contains(&'会'));
    }
}
