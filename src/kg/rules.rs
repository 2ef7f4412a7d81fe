//! The rules an article is mapped with, and the hash that names them.
//!
//! Takes the built-in rule data, and optionally a `--rules DIR` folder and a
//! corrections file. Gives [`Rules`]: the lexicon, the known persons and the
//! corrections, the rules hash written into every article's provenance, and the
//! quads of one article mapped and corrected with them, the same for `extract`
//! and `ingest`. Never opens the store.

use std::path::Path;

use oxigraph::model::Quad;

use super::corrections::{self, Corrections, CorrectionsError};
use super::mapping::{self, Context, Provenance};
use crate::extract::Extraction;
use crate::identity::keys;
use crate::identity::known::{KnownError, KnownPersons};
use crate::lexicon::{Lexicon, LexiconError};
use crate::normalize::Doc;

/// Why the rules could not be loaded: the message of the file that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RulesError {
    /// A rule file of the lexicon.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// The known-persons file.
    #[error(transparent)]
    Known(#[from] KnownError),
    /// The corrections file.
    #[error(transparent)]
    Corrections(#[from] CorrectionsError),
}

/// Everything `--rules DIR` and `--corrections FILE` give.
#[derive(Debug)]
pub struct Rules {
    /// The rule data of `data/`, plus the folder's.
    pub lexicon: Lexicon,
    /// The known-persons file.
    pub known: KnownPersons,
    /// A curator's corrections.
    pub corrections: Corrections,
    /// The rules hash written into provenance: the lexicon's alone when there
    /// are no known persons and no corrections, so stores stay comparable.
    pub hash: String,
}

impl Rules {
    /// The built-in rules: no known persons beyond the built-in file, no corrections.
    pub fn builtin() -> Rules {
        Rules::new(Lexicon::builtin(), KnownPersons::builtin(), Corrections::empty())
    }

    /// The built-in rules plus those of `dir`, with the corrections of `file`,
    /// else of `corrections.tsv` in `dir` when it is there.
    pub fn load(dir: Option<&Path>, file: Option<&Path>) -> Result<Rules, RulesError> {
        let lexicon = match dir {
            Some(dir) => Lexicon::with_dir(dir)?,
            None => Lexicon::builtin(),
        };
        let known = match dir {
            Some(dir) => KnownPersons::with_dir(dir)?,
            None => KnownPersons::builtin(),
        };
        let file = match (file, dir) {
            (Some(f), _) => Some(f.to_path_buf()),
            (None, Some(dir)) => Some(dir.join(corrections::FILE_NAME)).filter(|p| p.exists()),
            (None, None) => None,
        };
        let corrections = match file {
            Some(f) => Corrections::load(&f)?,
            None => Corrections::empty(),
        };
        Ok(Rules::new(lexicon, known, corrections))
    }

    /// The rules made of these parts, with their hash.
    pub fn new(lexicon: Lexicon, known: KnownPersons, corrections: Corrections) -> Rules {
        let hash = if known.entries.is_empty() && corrections.is_empty() {
            lexicon.hash.clone()
        } else {
            keys::digest(&format!("{}\t{}\t{}", lexicon.hash, known.hash, corrections.hash))
        };
        Rules { lexicon, known, corrections, hash }
    }

    /// What the mapping consults to name posts, bodies and persons.
    pub fn context(&self) -> Context<'_> {
        Context { lexicon: &self.lexicon, known: &self.known }
    }

    /// The provenance written into every article: this govkg and these rules.
    pub fn provenance(&self) -> Provenance<'_> {
        Provenance { version: crate::VERSION, rules_hash: &self.hash }
    }

    /// The quads of one article's named graph, mapped with these rules and
    /// with the corrections that concern the article applied.
    pub fn quads(&self, doc: &Doc, ex: &Extraction) -> Vec<Quad> {
        let quads = mapping::article_quads_in(doc, ex, &self.provenance(), &self.context());
        self.corrections.apply(&doc.key, &mapping::article_iri(doc), quads)
    }
}
