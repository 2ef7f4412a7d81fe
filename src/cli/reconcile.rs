//! `govkg reconcile`, and the rule files that decide identity (known persons,
//! corrections) loaded with the lexicon for `extract` and `ingest`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use govkg::identity::known::KnownPersons;
use govkg::kg::Store;
use govkg::kg::corrections::{self, Corrections};
use govkg::kg::mapping::Context;
use govkg::lexicon::Lexicon;
use govkg::reconcile::link;

/// Everything `--rules DIR` and `--corrections FILE` give.
pub(super) struct Rules {
    pub lex: Lexicon,
    pub known: KnownPersons,
    pub corrections: Corrections,
    /// The rules hash written into provenance: the lexicon's alone when there
    /// are no known persons and no corrections, so stores stay comparable.
    pub hash: String,
}

impl Rules {
    pub fn context(&self) -> Context<'_> {
        Context { lexicon: &self.lex, known: &self.known }
    }
}

impl super::RulesArg {
    /// The lexicon, known persons and corrections.
    pub(super) fn load(&self) -> Result<Rules> {
        let lex = self.lexicon()?;
        let known = match &self.rules {
            Some(dir) => KnownPersons::with_dir(dir)?,
            None => KnownPersons::builtin(),
        };
        let file = match (&self.corrections, &self.rules) {
            (Some(f), _) => Some(f.clone()),
            (None, Some(dir)) => Some(dir.join(corrections::FILE_NAME)).filter(|p| p.exists()),
            (None, None) => None,
        };
        let corrections = match file {
            Some(f) => Corrections::load(&f)?,
            None => Corrections::empty(),
        };
        let hash = if known.entries.is_empty() && corrections.is_empty() {
            lex.hash.clone()
        } else {
            govkg::identity::keys::digest(&format!("{}\t{}\t{}", lex.hash, known.hash, corrections.hash))
        };
        Ok(Rules { lex, known, corrections, hash })
    }
}

/// Links the store's meetings and known persons across articles.
pub(super) fn reconcile(path: &Path, rules_dir: Option<&Path>) -> Result<ExitCode> {
    let known = match rules_dir {
        Some(dir) => KnownPersons::with_dir(dir)?,
        None => KnownPersons::builtin(),
    };
    let hook = super::abort::AbortAt::from_env()?;
    let store = Store::open(path)?;
    hook.reach("opened");
    let s = link::reconcile(&store, &known)?;
    hook.reach("before-flush");
    store.flush()?;
    hook.reach("after-flush");
    eprintln!(
        "govkg: reconciled {} meetings: {} reported by several articles linked to {} canonical meetings; {} known persons, {} external ids; graph <{}> replaced",
        s.meetings,
        s.linked_meetings,
        s.canonical_meetings,
        s.known_persons,
        s.external_ids,
        link::GRAPH
    );
    super::network::refresh_cache(&store, path);
    Ok(ExitCode::SUCCESS)
}
