//! Rule data: surnames, posts, meeting kinds, role verbs, places and cues, and
//! the markers of page furniture.
//!
//! Takes the files in `data/` (embedded at build time) and, optionally, a folder of
//! the same files whose entries are added to them at run time (`--rules DIR`).
//! Gives a [`Lexicon`] that the extractors query, and the [`Boilerplate`]
//! markers that normalisation drops lines by. Never holds logic about how the
//! entries are used: that lives in [`crate::extract`] and [`crate::normalize`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use sha2::{Digest, Sha256};

/// A role a person can have at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Presided (主持).
    Chair,
    /// Spoke (讲话, 作报告, 发言).
    Speaker,
    /// Reported (汇报).
    Reporter,
    /// Relayed another meeting's spirit (传达).
    Relayer,
    /// Attended (出席, 参加).
    Attendee,
    /// Attended without a vote (列席).
    Nonvoting,
    /// Sat on the rostrum (在主席台就座).
    Presidium,
    /// Attended by invitation (应邀到会).
    Invited,
    /// Listed as absent (缺席).
    Absent,
}

impl Role {
    /// Parses a role name as written in `role_verbs.tsv`.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "chair" => Role::Chair,
            "speaker" => Role::Speaker,
            "reporter" => Role::Reporter,
            "relayer" => Role::Relayer,
            "attendee" => Role::Attendee,
            "nonvoting" => Role::Nonvoting,
            "presidium" => Role::Presidium,
            "invited" => Role::Invited,
            "absent" => Role::Absent,
            _ => return None,
        })
    }

    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Speaker => "speaker",
            Role::Reporter => "reporter",
            Role::Relayer => "relayer",
            Role::Attendee => "attendee",
            Role::Nonvoting => "nonvoting",
            Role::Presidium => "presidium",
            Role::Invited => "invited",
            Role::Absent => "absent",
        }
    }

    /// Whether the role means the person was there.
    pub fn is_present(self) -> bool {
        self != Role::Absent
    }
}

/// A place of the administrative gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Full name (江苏省).
    pub name: String,
    /// Short name (江苏).
    pub short: String,
    /// `province` or `prefecture`.
    pub level: String,
    /// Full name of the province, or 中国.
    pub parent: String,
}

/// A data file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// The rules folder or a file in it could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line that does not have the file's shape.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The embedded data files, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("boilerplate_lines.txt", include_str!("../../data/boilerplate_lines.txt")),
    ("boilerplate_tail.txt", include_str!("../../data/boilerplate_tail.txt")),
    ("common_words.txt", include_str!("../../data/common_words.txt")),
    ("countries.txt", include_str!("../../data/countries.txt")),
    ("group_labels.txt", include_str!("../../data/group_labels.txt")),
    ("meeting_kinds.tsv", include_str!("../../data/meeting_kinds.tsv")),
    ("mention_cues.txt", include_str!("../../data/mention_cues.txt")),
    ("name_context.tsv", include_str!("../../data/name_context.tsv")),
    ("not_meetings.txt", include_str!("../../data/not_meetings.txt")),
    ("not_in_names.txt", include_str!("../../data/not_in_names.txt")),
    ("places.tsv", include_str!("../../data/places.tsv")),
    ("posts.txt", include_str!("../../data/posts.txt")),
    ("rare_in_names.txt", include_str!("../../data/rare_in_names.txt")),
    ("role_verbs.tsv", include_str!("../../data/role_verbs.tsv")),
    ("surnames.txt", include_str!("../../data/surnames.txt")),
    ("transliteration.txt", include_str!("../../data/transliteration.txt")),
    ("word_surnames.txt", include_str!("../../data/word_surnames.txt")),
];

/// The built-in files whose lines are left out of [`Lexicon::hash`]. Their
/// words were constants in the code before they became files, and hashing them
/// would change the rules hash of every stored article without changing what
/// it says; lines a `--rules` folder adds to them are hashed like any other.
const UNHASHED_BUILTIN: &[&str] = &["boilerplate_lines.txt", "boilerplate_tail.txt"];

/// Words that mark page furniture, which normalisation drops whole lines by.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    /// Words from whose line on everything is furniture (相关新闻, 版权所有).
    pub tail: Vec<String>,
    /// Words that mark a short line of furniture wherever it stands (分享到, 责任编辑).
    pub lines: Vec<String>,
}

impl Boilerplate {
    /// The built-in markers, read once.
    pub fn builtin() -> &'static Boilerplate {
        static BUILT: std::sync::OnceLock<Boilerplate> = std::sync::OnceLock::new();
        BUILT.get_or_init(|| {
            let mut lex = Lexicon::default();
            for (name, text) in BUILTIN.iter().filter(|(n, _)| UNHASHED_BUILTIN.contains(n)) {
                let _ = lex.add_file(name, text);
            }
            lex.boilerplate
        })
    }
}

/// A set of strings with fast prefix and suffix look-ups.
///
/// The words are kept in two character tries, one read forwards and one read
/// backwards, so that the longest word at the start or end of a text costs one
/// step per character of that word, whatever the size of the set. The extractors
/// ask at nearly every character of every sentence, so this is the hot path.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    forward: Trie,
    backward: Trie,
    count: usize,
    /// Byte length of the longest word.
    longest: usize,
}

/// A character trie: node 0 is the root; each node's children are sorted by character.
#[derive(Debug, Clone, Default)]
struct Trie {
    nodes: Vec<TrieNode>,
    /// The root's children for characters of the Basic Multilingual Plane, as a
    /// two-level table: `pages[c >> 8]` is 1 + the index of the block of 256 entries
    /// holding `c`'s child (0 for a page with none), and an entry is the child's node
    /// (0 for none, since the root is no one's child). The root has a child for
    /// nearly every character that starts a word, and every look-up starts there,
    /// so this spares a search in the longest list of children.
    pages: Vec<u16>,
    blocks: Vec<[u32; 256]>,
    /// One bit per character of the Basic Multilingual Plane: whether the root has
    /// a child for it. Most look-ups end at the root, and this 8 KiB set answers
    /// them from the cache, where the blocks above (1 KiB per 256 characters) do not stay.
    starts: Vec<u64>,
}
#[derive(Debug, Clone, Default)]
struct TrieNode {
    children: Vec<(char, u32)>,
    terminal: bool,
}

impl Trie {
    /// Adds the word spelt by `chars`; returns whether it was new.
    fn insert(&mut self, chars: impl Iterator<Item = char>) -> bool {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
            self.pages = vec![0; 256];
            self.starts = vec![0; 0x10000 / 64];
        }
        let mut at = 0usize;
        for c in chars {
            let next_id = self.nodes.len();
            let Some(node) = self.nodes.get_mut(at) else { return false };
            at = match node.children.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => node.children.get(i).map_or(0, |&(_, n)| n as usize),
                Err(i) => {
                    node.children.insert(i, (c, next_id as u32));
                    self.nodes.push(TrieNode::default());
                    if at == 0 {
                        self.set_root_child(c, next_id as u32);
                    }
                    next_id
                }
            };
        }
        match self.nodes.get_mut(at) {
            Some(node) if !node.terminal => {
                node.terminal = true;
                true
            }
            _ => false,
        }
    }

    fn set_root_child(&mut self, c: char, node: u32) {
        let code = c as usize;
        if code >= 0x10000 {
            return;
        }
        if let Some(bits) = self.starts.get_mut(code / 64) {
            *bits |= 1 << (code % 64);
        }
        let Some(page) = self.pages.get_mut(code >> 8) else { return };
        if *page == 0 {
            self.blocks.push([0; 256]);
            *page = self.blocks.len() as u16;
        }
        let block = usize::from(*page) - 1;
        if let Some(slot) = self.blocks.get_mut(block).and_then(|b| b.get_mut(code & 0xFF)) {
            *slot = node;
        }
    }

    #[inline]
    fn child(&self, at: usize, c: char) -> Option<usize> {
        let code = c as usize;
        if at == 0 && code < 0x10000 {
            if self.starts.get(code / 64).is_none_or(|bits| bits & (1 << (code % 64)) == 0) {
                return None;
            }
            let page = usize::from(*self.pages.get(code >> 8)?);
            let node = *self.blocks.get(page.checked_sub(1)?)?.get(code & 0xFF)?;
            return (node != 0).then_some(node as usize);
        }
        let children = &self.nodes.get(at)?.children;
        let i = children.binary_search_by_key(&c, |&(k, _)| k).ok()?;
        children.get(i).map(|&(_, n)| n as usize)
    }

    #[inline]
    fn is_terminal(&self, at: usize) -> bool {
        self.nodes.get(at).is_some_and(|n| n.terminal)
    }

    /// Follows `chars` from the root; gives the byte length (summed from
    /// `chars`' UTF-8 lengths) of the longest non-empty path that ends on a word.
    #[inline]
    fn longest(&self, chars: impl Iterator<Item = char>) -> Option<usize> {
        let mut at = 0usize;
        let mut len = 0usize;
        let mut best = None;
        for c in chars {
            let Some(next) = self.child(at, c) else { break };
            at = next;
            len += c.len_utf8();
            if self.is_terminal(at) {
                best = Some(len);
            }
        }
        best
    }
}

impl WordSet {
    fn insert(&mut self, w: &str) {
        if self.forward.insert(w.chars()) {
            self.backward.insert(w.chars().rev());
            self.count += 1;
            self.longest = self.longest.max(w.len());
        }
    }

    /// Byte length of the longest word (0 for an empty set).
    pub fn longest_len(&self) -> usize {
        self.longest
    }

    /// Whether some word ends with `c`.
    #[inline]
    pub fn may_end_with(&self, c: char) -> bool {
        self.backward.child(0, c).is_some()
    }

    /// Whether `w` is in the set.
    pub fn contains(&self, w: &str) -> bool {
        if self.forward.nodes.is_empty() {
            return false;
        }
        let mut at = 0usize;
        for c in w.chars() {
            match self.forward.child(at, c) {
                Some(next) => at = next,
                None => return false,
            }
        }
        self.forward.is_terminal(at)
    }

    /// The longest word that `s` starts with, as a byte length.
    #[inline]
    pub fn longest_prefix(&self, s: &str) -> Option<usize> {
        self.forward.longest(s.chars())
    }

    /// The longest word starting at every byte of `s`: `out[k]` is the byte length of
    /// the longest word that `s[k..]` starts with, or 0 for none (and inside a
    /// character). The same as asking [`WordSet::longest_prefix`] at every character.
    pub fn longest_at_each(&self, s: &str) -> Vec<u32> {
        let mut out = vec![0u32; s.len()];
        for (k, c) in s.char_indices() {
            // Most characters start no word: the root's table says so without a walk.
            if self.forward.child(0, c).is_none() {
                continue;
            }
            if let (Some(slot), Some(rest)) = (out.get_mut(k), s.get(k..)) {
                *slot = self.forward.longest(rest.chars()).unwrap_or(0) as u32;
            }
        }
        out
    }

    /// The longest word that `s` ends with, as a byte length.
    pub fn longest_suffix(&self, s: &str) -> Option<usize> {
        self.backward.longest(s.chars().rev())
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Everything the extractors know about the language of government news.
///
/// The maps and sets use a fast non-cryptographic hasher: the extractors look words
/// up at nearly every character, the keys are our own rule data, and the maps serve
/// look-ups only, so their iteration order never reaches the output.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Surnames, single and compound.
    pub surnames: WordSet,
    /// Posts a title ends in.
    pub posts: WordSet,
    /// Meeting kinds; the value says whether the kind needs a body or ordinal before it.
    pub meeting_kinds: WordSet,
    /// Kinds that name a meeting only with a body or ordinal before them, or
    /// when a sentence reports the meeting held.
    pub generic_kinds: HashSet<String>,
    /// Heads (会) that end a meeting's name only where a sentence reports the
    /// meeting held, and only when the word they end is not in [`Self::not_meetings`].
    pub open_kinds: HashSet<String>,
    /// Words that end in a meeting head but name no meeting (社会, 协会, 晚会).
    pub not_meetings: WordSet,
    /// Role verbs.
    pub role_verbs: WordSet,
    /// The role each verb gives.
    pub verb_roles: HashMap<String, Role>,
    /// Group labels (市领导).
    pub group_labels: WordSet,
    /// Cues after a name that mark a mention only.
    pub mention_cues: WordSet,
    /// Words before a name, with whether they are enough on their own.
    pub name_left: HashMap<String, bool>,
    /// Words after a name, with whether they are enough on their own.
    pub name_right: HashMap<String, bool>,
    /// The same words, for prefix and suffix look-ups.
    pub name_left_words: WordSet,
    /// See `name_left_words`.
    pub name_right_words: WordSet,
    /// Characters never found in a given name.
    pub not_in_names: crate::charset::CharSet,
    /// Characters found in given names only rarely: a name holding one needs
    /// strong context on both sides.
    pub rare_in_names: crate::charset::CharSet,
    /// Surnames that are also characters of ordinary words: a name starting with
    /// one needs a word after it that names stand before.
    pub word_surnames: crate::charset::CharSet,
    /// Ordinary words of a name's shape (卫生), and words a name never starts inside (有关).
    pub common_words: WordSet,
    /// Places by full and short name.
    pub places: HashMap<String, Place>,
    /// Place names (full and short) for prefix look-ups.
    pub place_names: WordSet,
    /// Countries by their short Chinese names (索马里, 俄罗斯).
    pub countries: WordSet,
    /// Characters that transliterated foreign names are written in.
    pub transliteration: crate::charset::CharSet,
    /// Words that mark page furniture, for normalisation.
    pub boilerplate: Boilerplate,
    /// SHA-256 over every data line loaded (the built-in page-furniture markers
    /// aside), hex: identifies the rules in provenance.
    pub hash: String,
    hasher_input: Vec<String>,
}

/// The one character `line` holds.
fn one_char(line: &str) -> Option<char> {
    let mut cs = line.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

impl Lexicon {
    /// The embedded rule data.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.add_builtin();
        lex.finish();
        lex
    }

    fn add_builtin(&mut self) {
        for (name, text) in BUILTIN {
            // The embedded files are checked by tests; a bad line there is a bug
            // caught before release, so it is skipped here rather than failing.
            let _ = self.add_text(name, text, true);
        }
    }

    /// The embedded data plus every known file found in `dir`.
    pub fn with_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        lex.add_builtin();
        let entries =
            std::fs::read_dir(dir).map_err(|source| LexiconError::Io { path: dir.display().to_string(), source })?;
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            if !BUILTIN.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|source| LexiconError::Io { path: path.display().to_string(), source })?;
            lex.add_file(&path.display().to_string(), &text)?;
        }
        lex.finish();
        Ok(lex)
    }

    /// Adds the entries of one data file; `name` ends in the file's base name.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        self.add_text(name, text, false)
    }

    /// Adds the entries of one data file, built in or not (see [`UNHASHED_BUILTIN`]).
    fn add_text(&mut self, name: &str, text: &str, builtin: bool) -> Result<(), LexiconError> {
        let base = name.rsplit('/').next().unwrap_or(name);
        let hashed = !(builtin && UNHASHED_BUILTIN.contains(&base));
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad =
                |reason: &str| LexiconError::Parse { path: name.to_string(), line: i + 1, reason: reason.to_string() };
            let cols: Vec<&str> = line.split('\t').collect();
            match base {
                "surnames.txt" => self.surnames.insert(line),
                "posts.txt" => self.posts.insert(line),
                "group_labels.txt" => self.group_labels.insert(line),
                "common_words.txt" => self.common_words.insert(line),
                "mention_cues.txt" => self.mention_cues.insert(line),
                "not_in_names.txt" => {
                    self.not_in_names.insert(one_char(line).ok_or_else(|| bad("expected one character"))?)
                }
                "rare_in_names.txt" => {
                    self.rare_in_names.insert(one_char(line).ok_or_else(|| bad("expected one character"))?)
                }
                "word_surnames.txt" => {
                    self.word_surnames.insert(one_char(line).ok_or_else(|| bad("expected one character"))?)
                }
                "transliteration.txt" => {
                    self.transliteration.insert(one_char(line).ok_or_else(|| bad("expected one character"))?)
                }
                "countries.txt" => self.countries.insert(line),
                "boilerplate_tail.txt" => self.boilerplate.tail.push(line.to_string()),
                "boilerplate_lines.txt" => self.boilerplate.lines.push(line.to_string()),
                "not_meetings.txt" => self.not_meetings.insert(line),
                "name_context.tsv" => {
                    let [word, side, strength] = cols.as_slice() else {
                        return Err(bad("expected word<TAB>left|right<TAB>strong|weak"));
                    };
                    let strong = match *strength {
                        "strong" => true,
                        "weak" => false,
                        _ => return Err(bad("third column must be strong or weak")),
                    };
                    match *side {
                        "left" => {
                            self.name_left.insert(word.to_string(), strong);
                            self.name_left_words.insert(word);
                        }
                        "right" => {
                            self.name_right.insert(word.to_string(), strong);
                            self.name_right_words.insert(word);
                        }
                        _ => return Err(bad("second column must be left or right")),
                    }
                }
                "meeting_kinds.tsv" => {
                    let [kind, class] = cols.as_slice() else {
                        return Err(bad("expected kind<TAB>named|generic|open"));
                    };
                    match *class {
                        "named" => {}
                        "generic" => {
                            self.generic_kinds.insert(kind.to_string());
                        }
                        "open" => {
                            self.open_kinds.insert(kind.to_string());
                        }
                        _ => return Err(bad("second column must be named, generic or open")),
                    }
                    self.meeting_kinds.insert(kind);
                }
                "role_verbs.tsv" => {
                    let [verb, role] = cols.as_slice() else { return Err(bad("expected verb<TAB>role")) };
                    let role = Role::parse(role).ok_or_else(|| bad("unknown role"))?;
                    self.role_verbs.insert(verb);
                    self.verb_roles.insert(verb.to_string(), role);
                }
                "places.tsv" => {
                    let [name, short, level, parent] = cols.as_slice() else {
                        return Err(bad("expected name<TAB>short<TAB>level<TAB>parent"));
                    };
                    let place = Place {
                        name: name.to_string(),
                        short: short.to_string(),
                        level: level.to_string(),
                        parent: parent.to_string(),
                    };
                    self.place_names.insert(name);
                    self.place_names.insert(short);
                    // A short form shared by two places (吉林) stays with the first,
                    // which in byte order is the province's full name.
                    self.places.entry(short.to_string()).or_insert_with(|| place.clone());
                    self.places.insert(name.to_string(), place);
                }
                _ => return Ok(()),
            }
            if hashed {
                self.hasher_input.push(format!("{base}\t{line}"));
            }
        }
        Ok(())
    }

    fn finish(&mut self) {
        let mut h = Sha256::new();
        for l in &self.hasher_input {
            h.update(l.as_bytes());
            h.update(b"\n");
        }
        self.hash = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    }

    /// The place a full or short name refers to.
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.places.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_page_furniture_is_not_hashed_but_added_markers_are() {
        let mut rest = Lexicon::default();
        for (name, text) in BUILTIN.iter().filter(|(n, _)| !UNHASHED_BUILTIN.contains(n)) {
            rest.add_file(name, text).unwrap();
        }
        rest.finish();
        let lex = Lexicon::builtin();
        assert_eq!(rest.hash, lex.hash);
        assert!(lex.boilerplate.tail.iter().any(|m| m == "相关新闻"));
        assert!(lex.boilerplate.lines.iter().any(|m| m == "责任编辑"));
        assert_eq!(lex.boilerplate.lines, Boilerplate::builtin().lines);
        let mut more = Lexicon::default();
        more.add_builtin();
        more.add_file("x/boilerplate_lines.txt", "本站声明\n").unwrap();
        more.finish();
        assert_ne!(more.hash, lex.hash);
        assert_eq!(more.boilerplate.lines.len(), lex.boilerplate.lines.len() + 1);
    }

    #[test]
    fn builtin_loads() {
        let lex = Lexicon::builtin();
        assert!(lex.surnames.contains("欧阳"));
        assert_eq!(lex.posts.longest_suffix("省委常委、常务副省长"), Some("常务副省长".len()));
        assert_eq!(lex.role_verbs.longest_prefix("主持召开会议"), Some("主持召开".len()));
        assert_eq!(lex.verb_roles.get("列席"), Some(&Role::Nonvoting));
        assert_eq!(lex.place("江苏").map(|p| p.name.as_str()), Some("江苏省"));
        assert!(lex.generic_kinds.contains("会议"));
        assert_eq!(lex.hash.len(), 16);
    }

    /// The longest word `s` starts or ends with, by trying every word.
    fn naive(words: &[&str], s: &str, suffix: bool) -> Option<usize> {
        words
            .iter()
            .filter(|w| !w.is_empty() && if suffix { s.ends_with(*w) } else { s.starts_with(*w) })
            .map(|w| w.len())
            .max()
    }

    #[test]
    fn tries_agree_with_trying_every_word() {
        let words = ["市", "市长", "副市长", "常务副市长", "市委", "市委书记", "书记", "a", "ab", "abc"];
        let mut set = WordSet::default();
        for w in words.iter().chain(&["市长"]) {
            set.insert(w);
        }
        assert_eq!(set.len(), words.len());
        assert_eq!(set.longest_len(), "常务副市长".len());
        for c in "市长委记abc".chars() {
            assert_eq!(set.may_end_with(c), words.iter().any(|w| w.ends_with(c)), "{c}");
        }
        let texts =
            ["", "市", "市长张三", "常务副市长", "常务副", "副市长", "市委书记", "书记", "abcd", "xab", "b", "长"];
        for t in texts {
            assert_eq!(set.longest_prefix(t), naive(&words, t, false), "prefix of {t}");
            assert_eq!(set.longest_suffix(t), naive(&words, t, true), "suffix of {t}");
            assert_eq!(set.contains(t), words.contains(&t), "contains {t}");
        }
        let lex = Lexicon::builtin();
        let posts: Vec<&str> = BUILTIN
            .iter()
            .filter(|(n, _)| *n == "posts.txt")
            .flat_map(|(_, t)| t.lines())
            .map(str::trim_end)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let text = "省委常委、常务副省长张三主持会议，市委书记、市长李四，副市长王五出席。国务院总理";
        for (i, _) in text.char_indices() {
            let (head, tail) = text.split_at(i);
            assert_eq!(lex.posts.longest_prefix(tail), naive(&posts, tail, false), "prefix of {tail}");
            assert_eq!(lex.posts.longest_suffix(head), naive(&posts, head, true), "suffix of {head}");
        }
        // The whole-text look-up agrees with asking at every character.
        for t in texts.iter().chain(&[text]) {
            let each = set.longest_at_each(t);
            let all = lex.posts.longest_at_each(t);
            for (k, _) in t.char_indices() {
                let tail = t.get(k..).unwrap_or_default();
                assert_eq!(
                    each.get(k).copied().unwrap_or(0) as usize,
                    naive(&words, tail, false).unwrap_or(0),
                    "{t}@{k}"
                );
                assert_eq!(
                    all.get(k).copied().unwrap_or(0) as usize,
                    naive(&posts, tail, false).unwrap_or(0),
                    "{t}@{k}"
                );
            }
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut lex = Lexicon::default();
        let e = lex.add_file("x/role_verbs.tsv", "# c\n主持\tboss\n").unwrap_err();
        assert_eq!(e.to_string(), "x/role_verbs.tsv:2: unknown role");
    }
}
