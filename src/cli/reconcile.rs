//! `govkg reconcile`, and the rules (lexicon, known persons, corrections) that
//! `--rules DIR` and `--corrections FILE` give `extract` and `ingest`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use govkg::identity::known::KnownPersons;
use govkg::kg::Store;
use govkg::kg::rules::Rules;
use govkg::reconcile::link;

impl super::RulesArg {
    /// The lexicon, known persons and corrections, and their hash.
    pub(super) fn load(&self) -> Result<Rules> {
        Ok(Rules::load(self.rules.as_deref(), self.corrections.as_deref())?)
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
