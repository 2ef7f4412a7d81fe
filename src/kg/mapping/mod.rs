//! Facts to quads.
//!
//! Takes one article's [`Doc`] and [`Extraction`]. Gives the quads of its named
//! graph: the article's metadata, its persons, titles and holdings, meetings,
//! participations, documents, and an evidence node for every fact. IRIs come
//! from [`super::iri`], built from the keys of [`crate::identity`], so mapping
//! needs no store. Never reads Chinese text: it only copies strings the
//! extractors produced.

mod builder;
mod documents;
mod meetings;
mod persons;

use oxigraph::model::{NamedNode, Quad};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::iri;
use super::vocab::{self, term};
use crate::extract::{Extraction, TitleStatus};
use crate::identity::keys;
use crate::identity::known::KnownPersons;
use crate::identity::post;
use crate::lexicon::Lexicon;
use crate::normalize::Doc;
use builder::Builder;

/// Provenance values that are not part of the article.
#[derive(Debug, Clone)]
pub struct Provenance<'a> {
    /// govkg version.
    pub version: &'a str,
    /// Rules hash.
    pub rules_hash: &'a str,
}

/// The rules the mapping consults to name posts, bodies and persons: the
/// lexicon's posts and places, and the known-persons file.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Posts and places, for post and body keys.
    pub lexicon: &'a Lexicon,
    /// Known persons, to tell homonyms apart and merge aliases.
    pub known: &'a KnownPersons,
}

impl Context<'static> {
    /// The built-in rules (loaded once).
    pub fn builtin() -> Context<'static> {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        static KNOWN: OnceLock<KnownPersons> = OnceLock::new();
        Context { lexicon: LEX.get_or_init(Lexicon::builtin), known: KNOWN.get_or_init(KnownPersons::builtin) }
    }
}

/// The IRI of an article (and of its named graph).
pub fn article_iri(doc: &Doc) -> NamedNode {
    iri::article(&keys::article_key(doc))
}

/// The quads of one article's named graph, with the built-in rules.
pub fn article_quads(doc: &Doc, ex: &Extraction, prov: &Provenance<'_>) -> Vec<Quad> {
    article_quads_in(doc, ex, prov, &Context::builtin())
}

/// Whether a title with this status is held at the article's date. A former
/// post was held before it, and a removed one stops being held on it.
pub fn held_at_date(s: TitleStatus) -> bool {
    matches!(s, TitleStatus::Current | TitleStatus::Acting | TitleStatus::Appointed)
}

/// The jurisdictions an article names explicitly: in titles, meeting bodies and
/// meeting names. Sorted and unique.
pub fn article_jurisdictions(ex: &Extraction, ctx: &Context<'_>) -> Vec<String> {
    let mut out: Vec<String> = ex
        .persons
        .iter()
        .flat_map(|p| &p.titles)
        .filter_map(|t| post::post_key(&t.title, t.resolved.as_deref(), ctx.lexicon).jurisdiction)
        .collect();
    out.extend(
        ex.meetings
            .iter()
            .filter_map(|m| m.body.as_deref())
            .filter_map(|b| post::body_key(b, ctx.lexicon).jurisdiction),
    );
    out.extend(ex.meetings.iter().filter_map(|m| post::body_key(&m.name, ctx.lexicon).jurisdiction));
    out.sort();
    out.dedup();
    out
}

/// What every fact of one article is mapped against: the rules, the article's
/// key, the jurisdictions it names, and the IRI each of its persons gets.
struct Scope<'a> {
    ctx: Context<'a>,
    /// The article's key digest, which scopes posts without a jurisdiction.
    akey: String,
    /// The jurisdictions the article names (see [`article_jurisdictions`]).
    jurs: Vec<String>,
    /// Each person's IRI and label, by name as written.
    persons: BTreeMap<String, (NamedNode, String)>,
}

impl Scope<'_> {
    /// The IRI of the person written `name` in this article.
    fn person_of(&self, name: &str) -> NamedNode {
        self.persons.get(name).map_or_else(|| iri::person(name), |(p, _)| p.clone())
    }
}

/// The quads of one article's named graph, with the given rules: the article,
/// its persons and titles, its meetings with their participations and
/// documents, then the documents it only mentions, in that order.
pub fn article_quads_in(doc: &Doc, ex: &Extraction, prov: &Provenance<'_>, ctx: &Context<'_>) -> Vec<Quad> {
    let mut b = Builder::new(doc, ex, article_iri(doc));
    article(&mut b, prov);
    let jurs = article_jurisdictions(ex, ctx);
    let scope =
        Scope { ctx: *ctx, akey: keys::article_key(doc), persons: persons::person_iris(ex, doc, ctx, &jurs), jurs };
    persons::persons(&mut b, &scope);
    meetings::meetings(&mut b, &scope);
    documents::mentioned(&mut b);
    b.finish()
}

/// The article node: its metadata and provenance.
fn article(b: &mut Builder<'_>, prov: &Provenance<'_>) {
    let a = b.article.clone();
    let doc = b.doc;
    b.typed(&a, "Article");
    b.text(&a, vocab::DCT_IDENTIFIER, &doc.key);
    b.text(&a, &term("sourcePath"), &doc.path);
    if let Some(h) = &doc.headline {
        b.text(&a, vocab::DCT_TITLE, &h.text);
    }
    if let Some(d) = doc.meta.date {
        b.date(&a, vocab::DCT_DATE, d);
    }
    if let Some(u) = &doc.meta.url {
        b.text(&a, vocab::SCHEMA_URL, u);
    }
    if let Some(o) = &doc.meta.outlet {
        b.text(&a, &term("outlet"), o);
    }
    if let Some(o) = &doc.meta.origin_body {
        b.text(&a, &term("originBody"), o);
    }
    b.text(&a, &term("contentHash"), doc.content_hash());
    b.text(&a, &term("textHash"), doc.text_hash());
    b.text(&a, &term("govkgVersion"), prov.version);
    b.text(&a, &term("rulesHash"), prov.rules_hash);
}
