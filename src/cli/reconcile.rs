//! `govkg reconcile`, and the rules (lexicon, known persons, corrections) that
//! `--rules DIR` and `--corrections FILE` give `extract` and `ingest`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use govkg::identity::known::KnownPersons;
use govkg::identity::reference::Reference;
use govkg::kg::Store;
use govkg::kg::rules::Rules;
use govkg::lexicon::Lexicon;
use govkg::reconcile::{link, spells};

impl super::RulesArg {
    /// The lexicon, known persons and corrections, and their hash.
    pub(super) fn load(&self) -> Result<Rules> {
        Ok(Rules::load(self.rules.as_deref(), self.corrections.as_deref())?)
    }
}

/// The arguments of `govkg reconcile`.
#[derive(clap::Args)]
pub(super) struct ReconcileArgs {
    #[command(flatten)]
    store: super::StoreArg,
    /// A folder whose known_persons.tsv and lexicon files add to the built-in ones,
    /// and whose reference/ folder holds reference data (see --reference).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// A folder of reference data (CSV files, read recursively; see docs/reference.md)
    /// to link persons to real people with Wikidata ids.
    #[arg(long, value_name = "DIR")]
    reference: Option<PathBuf>,
    /// A gap of more than this many days between two attestations of a post splits a spell.
    #[arg(long, value_name = "DAYS", default_value_t = spells::DEFAULT_GAP_DAYS)]
    gap_days: i64,
}

/// The reference data of `--reference DIR` and of `--rules DIR`'s reference/ folder, if any.
fn reference(args: &ReconcileArgs) -> Result<Option<Reference>> {
    let mut dirs: Vec<PathBuf> = args.reference.iter().cloned().collect();
    if let Some(r) = &args.rules {
        let d = r.join("reference");
        if d.is_dir() {
            dirs.push(d);
        }
    }
    if dirs.is_empty() {
        return Ok(None);
    }
    let all = Reference::from_dirs(&dirs)?;
    let (people, with_id) = all.counts();
    eprintln!(
        "govkg: reference data: {people} people with a Chinese name, {with_id} with a Wikidata id, from {} files ({} passed over)",
        all.files.0, all.files.1
    );
    Ok(Some(all))
}

/// Links the store's meetings and known persons across articles, persons to
/// the reference data, and cuts careers into spells.
pub(super) fn reconcile(args: &ReconcileArgs) -> Result<ExitCode> {
    let path = &args.store.path();
    let rules_dir: Option<&Path> = args.rules.as_deref();
    let (known, lexicon) = match rules_dir {
        Some(dir) => (KnownPersons::with_dir(dir)?, Lexicon::with_dir(dir)?),
        None => (KnownPersons::builtin(), Lexicon::builtin()),
    };
    let reference = reference(args)?;
    let people = link::People {
        lexicon: &lexicon,
        reference: reference.as_ref(),
        spells: spells::Options { gap_days: args.gap_days },
    };
    let hook = super::abort::AbortAt::from_env()?;
    let store = Store::open(path)?;
    hook.reach("opened");
    let s = link::reconcile_with(&store, &known, &people)?;
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
    eprintln!(
        "govkg: {} spells; persons linked to the reference data: {} linked, {} split by jurisdiction, {} unlinked (several fit)",
        s.spells, s.linked_persons, s.split_persons, s.unlinked_persons
    );
    super::network::refresh_cache(&store, path);
    Ok(ExitCode::SUCCESS)
}
