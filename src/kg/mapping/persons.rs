//! Persons, their titles, and the posts and holdings the titles give.
//!
//! Takes the article's persons and the [`Scope`] of the article. Gives, through
//! the [`Builder`], each person with its label and aliases, each title as a
//! `govkg:Holding` of a `govkg:Post` (and the post's body when it has a
//! jurisdiction), and an evidence node for every one. Never reads the text: the
//! names and titles are the extractors' strings.

use std::collections::BTreeMap;

use oxigraph::model::NamedNode;

use super::super::iri::{self, node as iri};
use super::super::vocab::{self, term};
use super::builder::Builder;
use super::{Context, Scope, held_at_date};
use crate::extract::{Extraction, Person, TitleFact, TitleStatus};
use crate::identity::post::{self, PostKey};
use crate::normalize::Doc;

fn status_term(s: TitleStatus) -> &'static str {
    match s {
        TitleStatus::Current => "Current",
        TitleStatus::Former => "Former",
        TitleStatus::Acting => "Acting",
        TitleStatus::Appointed => "Appointed",
        TitleStatus::Removed => "Removed",
    }
}

/// Each person's IRI in this article, by name as written: the known person the
/// name refers to, when the known-persons file decides, else the name's node.
pub(super) fn person_iris(
    ex: &Extraction,
    doc: &Doc,
    ctx: &Context<'_>,
    article: &[String],
) -> BTreeMap<String, (NamedNode, String)> {
    let mut out = BTreeMap::new();
    let own: BTreeMap<&str, Vec<String>> = ex
        .persons
        .iter()
        .map(|p| {
            let js = p
                .titles
                .iter()
                .filter_map(|t| {
                    post::qualify(post::post_key(&t.title, t.resolved.as_deref(), ctx.lexicon), article).jurisdiction
                })
                .collect();
            (p.name.as_str(), js)
        })
        .collect();
    let names = ex
        .persons
        .iter()
        .map(|p| p.name.as_str())
        .chain(ex.meetings.iter().flat_map(|m| m.participants.iter().map(|p| p.person.as_str())));
    for name in names {
        if out.contains_key(name) {
            continue;
        }
        let mine = own.get(name).map(Vec::as_slice).unwrap_or_default();
        let found = if ctx.known.knows(name) { ctx.known.resolve(name, mine, article, doc.meta.date) } else { None };
        let v = match found {
            Some(k) => (iri::known_person(&k.name, &k.id), k.name.clone()),
            None => (iri::person(name), name.to_string()),
        };
        out.insert(name.to_string(), v);
    }
    out
}

/// Every person of the article, in extraction order.
pub(super) fn persons(b: &mut Builder<'_>, s: &Scope<'_>) {
    let ex = b.ex;
    for (pi, p) in ex.persons.iter().enumerate() {
        person(b, s, pi, p);
    }
}

fn person(b: &mut Builder<'_>, s: &Scope<'_>, pi: usize, p: &Person) {
    let (person, label) = s.persons.get(&p.name).cloned().unwrap_or_else(|| (iri::person(&p.name), p.name.clone()));
    b.typed(&person, "Person");
    b.text(&person, vocab::RDFS_LABEL, &label);
    if label != p.name {
        b.text(&person, &term("alias"), &p.name);
    }
    let article = b.article.clone();
    b.add(&article, &term("mentions"), person.clone());
    b.evidence(&person, &p.evidence);
    // 吴书记 later in the article is this person; the phrase and where it was
    // read go with the person, never into its name.
    for (alias, ev) in &p.aliases {
        b.text(&person, &term("addressedAs"), alias);
        b.evidence(&person, ev);
    }
    for (ti, t) in p.titles.iter().enumerate() {
        holding(b, s, &person, &format!("{pi}-{ti}"), t);
    }
}

/// One title of a person: the post, its body, and the holding between them.
fn holding(b: &mut Builder<'_>, s: &Scope<'_>, person: &NamedNode, local: &str, t: &TitleFact) {
    // A post with a jurisdiction is the same post in every article, keyed
    // by (jurisdiction, body, position); a bare one (主任) only means
    // something inside this article.
    let key = post::qualify(post::post_key(&t.title, t.resolved.as_deref(), s.ctx.lexicon), &s.jurs);
    // 代市长 is acting in the post 市长, whatever status extraction gave it.
    let status = if t.status == TitleStatus::Current && post::written_acting(&t.title, s.ctx.lexicon) {
        TitleStatus::Acting
    } else {
        t.status
    };
    let (post, body) = post_node(b, s, &key);
    let holding = iri::under(&b.article, "holding", local);
    b.add(person, &term("holding"), holding.clone());
    b.add(&holding, &term("post"), post.clone());
    b.add(&holding, &term("status"), iri(&term(status_term(status))));
    b.text(&holding, &term("titleAsWritten"), &t.title);
    if let Some(r) = &t.resolved {
        b.text(&holding, &term("resolvedTitle"), r);
    }
    if let Some(d) = b.doc.meta.date {
        b.date(&holding, &term("attestedOn"), d);
        // Only a post held at the article's date is recorded as held on it.
        if held_at_date(status) {
            b.date(&holding, &term("heldOn"), d);
        }
    }
    let ev = b.evidence(&holding, &t.evidence);
    b.add(&post, &term("evidence"), ev.clone());
    if let Some(body) = body {
        b.add(&body, &term("evidence"), ev);
    }
    if held_at_date(status) {
        b.text(person, &term("holdsTitle"), &t.title);
        b.add(person, &term("holdsPost"), post);
    }
}

/// The post a key names, and its body when the post has a jurisdiction.
fn post_node(b: &mut Builder<'_>, s: &Scope<'_>, key: &PostKey) -> (NamedNode, Option<NamedNode>) {
    let post = match &key.jurisdiction {
        Some(_) => iri::post(key),
        None => iri::article_post(&s.akey, key),
    };
    b.typed(&post, "Post");
    b.text(&post, vocab::RDFS_LABEL, &key.label());
    b.text(&post, &term("positionName"), &key.position);
    let body = key.jurisdiction.as_ref().map(|j| {
        let body = iri::body(&key.body);
        b.typed(&body, "Body");
        b.text(&body, vocab::RDFS_LABEL, &key.body);
        b.text(&body, &term("jurisdiction"), j);
        b.text(&post, &term("jurisdiction"), j);
        b.add(&post, vocab::ORG_POST_IN, body.clone());
        body
    });
    (post, body)
}
