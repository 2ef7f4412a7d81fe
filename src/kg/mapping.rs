//! Facts to quads.
//!
//! Takes one article's [`Doc`] and [`Extraction`]. Gives the quads of its named
//! graph: the article's metadata, its persons, titles and holdings, meetings,
//! participations, documents, and an evidence node for every fact. IRIs come
//! from [`super::iri`], built from the keys of [`crate::identity`], so mapping
//! needs no store. Never reads Chinese text: it only copies strings the
//! extractors produced.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::iri::{self, node as iri};
use super::vocab::{self, term};
use crate::extract::{DocStatus, Evidence, Extraction, TitleStatus};
use crate::identity::keys;
use crate::identity::known::KnownPersons;
use crate::identity::post;
use crate::lexicon::{Lexicon, Role};
use crate::normalize::Doc;
use crate::resolve::locate;

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

struct Builder {
    graph: GraphName,
    quads: Vec<Quad>,
    article: NamedNode,
    evidence: usize,
}

impl Builder {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(NamedOrBlankNode::NamedNode(s.clone()), iri(p), o.into(), self.graph.clone()));
    }

    fn typed(&mut self, s: &NamedNode, class: &str) {
        self.add(s, vocab::RDF_TYPE, iri(&term(class)));
    }

    fn text(&mut self, s: &NamedNode, p: &str, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }

    fn int(&mut self, s: &NamedNode, p: &str, v: usize) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_INTEGER)));
    }

    fn date(&mut self, s: &NamedNode, p: &str, v: crate::date::Date) {
        self.add(s, p, Literal::new_typed_literal(v.to_string(), iri(vocab::XSD_DATE)));
    }

    /// A new evidence node for `ev`, linked from `from`; returns the node.
    fn evidence(&mut self, from: &NamedNode, doc: &Doc, ex: &Extraction, ev: &Evidence) -> NamedNode {
        let loc = locate(doc, ex, ev);
        let node = iri::under(&self.article, "evidence", &self.evidence.to_string());
        self.evidence += 1;
        self.add(from, &term("evidence"), node.clone());
        self.typed(&node, "Evidence");
        let article = self.article.clone();
        self.add(&node, &term("article"), article);
        self.text(&node, &term("sentence"), &loc.sentence);
        if let (Some(s), Some(e)) = (loc.start, loc.end) {
            self.int(&node, &term("start"), s);
            self.int(&node, &term("end"), e);
        }
        self.text(&node, &term("rule"), loc.rule);
        node
    }
}

/// The role's class, and the shortcut predicate that states it directly, if any.
fn role_term(role: Role) -> (&'static str, Option<&'static str>) {
    let direct = match role {
        Role::Chair => Some("chairs"),
        Role::Speaker => Some("speaksAt"),
        Role::Reporter => Some("reportsAt"),
        Role::Relayer => Some("relaysAt"),
        Role::Absent => Some("absentFrom"),
        Role::Attendee | Role::Nonvoting | Role::Presidium | Role::Invited => None,
    };
    (vocab::role_class(role), direct)
}

fn status_term(s: TitleStatus) -> &'static str {
    match s {
        TitleStatus::Current => "Current",
        TitleStatus::Former => "Former",
        TitleStatus::Acting => "Acting",
        TitleStatus::Appointed => "Appointed",
        TitleStatus::Removed => "Removed",
    }
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

/// Each person's IRI in this article, by name as written: the known person the
/// name refers to, when the known-persons file decides, else the name's node.
fn person_iris(
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

/// The quads of one article's named graph, with the given rules.
pub fn article_quads_in(doc: &Doc, ex: &Extraction, prov: &Provenance<'_>, ctx: &Context<'_>) -> Vec<Quad> {
    let article = article_iri(doc);
    let mut b = Builder {
        graph: GraphName::NamedNode(article.clone()),
        quads: Vec::new(),
        article: article.clone(),
        evidence: 0,
    };
    let a = &article;
    b.typed(a, "Article");
    b.text(a, vocab::DCT_IDENTIFIER, &doc.key);
    b.text(a, &term("sourcePath"), &doc.path);
    if let Some(h) = &doc.headline {
        b.text(a, vocab::DCT_TITLE, &h.text);
    }
    if let Some(d) = doc.meta.date {
        b.date(a, vocab::DCT_DATE, d);
    }
    if let Some(u) = &doc.meta.url {
        b.text(a, vocab::SCHEMA_URL, u);
    }
    if let Some(o) = &doc.meta.outlet {
        b.text(a, &term("outlet"), o);
    }
    if let Some(o) = &doc.meta.origin_body {
        b.text(a, &term("originBody"), o);
    }
    b.text(a, &term("contentHash"), doc.content_hash());
    b.text(a, &term("textHash"), doc.text_hash());
    b.text(a, &term("govkgVersion"), prov.version);
    b.text(a, &term("rulesHash"), prov.rules_hash);

    let akey = keys::article_key(doc);
    let jurs = article_jurisdictions(ex, ctx);
    let persons = person_iris(ex, doc, ctx, &jurs);
    let person_of = |name: &str| persons.get(name).map_or_else(|| iri::person(name), |(p, _)| p.clone());
    for (pi, p) in ex.persons.iter().enumerate() {
        let (person, label) = persons.get(&p.name).cloned().unwrap_or_else(|| (iri::person(&p.name), p.name.clone()));
        b.typed(&person, "Person");
        b.text(&person, vocab::RDFS_LABEL, &label);
        if label != p.name {
            b.text(&person, &term("alias"), &p.name);
        }
        b.add(a, &term("mentions"), person.clone());
        b.evidence(&person, doc, ex, &p.evidence);
        // 吴书记 later in the article is this person; the phrase and where it was
        // read go with the person, never into its name.
        for (alias, ev) in &p.aliases {
            b.text(&person, &term("addressedAs"), alias);
            b.evidence(&person, doc, ex, ev);
        }
        for (ti, t) in p.titles.iter().enumerate() {
            // A post with a jurisdiction is the same post in every article, keyed
            // by (jurisdiction, body, position); a bare one (主任) only means
            // something inside this article.
            let key = post::qualify(post::post_key(&t.title, t.resolved.as_deref(), ctx.lexicon), &jurs);
            // 代市长 is acting in the post 市长, whatever status extraction gave it.
            let status = if t.status == TitleStatus::Current && post::written_acting(&t.title, ctx.lexicon) {
                TitleStatus::Acting
            } else {
                t.status
            };
            let post = match &key.jurisdiction {
                Some(_) => iri::post(&key),
                None => iri::article_post(&akey, &key),
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
            let holding = iri::under(a, "holding", &format!("{pi}-{ti}"));
            b.add(&person, &term("holding"), holding.clone());
            b.typed(&holding, "Holding");
            b.add(&holding, &term("post"), post.clone());
            b.add(&holding, &term("status"), iri(&term(status_term(status))));
            b.text(&holding, &term("titleAsWritten"), &t.title);
            if let Some(r) = &t.resolved {
                b.text(&holding, &term("resolvedTitle"), r);
            }
            if let Some(d) = doc.meta.date {
                b.date(&holding, &term("attestedOn"), d);
                // Only a post held at the article's date is recorded as held on it.
                if held_at_date(status) {
                    b.date(&holding, &term("heldOn"), d);
                }
            }
            let ev = b.evidence(&holding, doc, ex, &t.evidence);
            b.add(&post, &term("evidence"), ev.clone());
            if let Some(body) = body {
                b.add(&body, &term("evidence"), ev);
            }
            if held_at_date(status) {
                b.text(&person, &term("holdsTitle"), &t.title);
                b.add(&person, &term("holdsPost"), post);
            }
        }
    }

    for (mi, m) in ex.meetings.iter().enumerate() {
        let meeting = iri::meeting(&keys::meeting_key(doc, mi, m));
        b.typed(&meeting, "Meeting");
        b.text(&meeting, vocab::RDFS_LABEL, &m.name);
        b.text(&meeting, &term("kind"), &m.kind);
        if let Some(o) = &m.ordinal {
            b.text(&meeting, &term("ordinal"), o);
        }
        if let Some(d) = m.date {
            b.date(&meeting, vocab::SCHEMA_START_DATE, d);
        }
        if let Some(f) = &m.form {
            b.text(&meeting, &term("form"), f);
        }
        let bnode = m.body.as_ref().map(|body| {
            let key = post::qualify_body(post::body_key(body, ctx.lexicon), &jurs);
            let bnode = iri::body(&key.name);
            b.typed(&bnode, "Body");
            b.text(&bnode, vocab::RDFS_LABEL, &key.name);
            if let Some(j) = &key.jurisdiction {
                b.text(&bnode, &term("jurisdiction"), j);
            }
            b.add(&meeting, &term("heldBy"), bnode.clone());
            bnode
        });
        b.add(&meeting, &term("reportedIn"), a.clone());
        let ev = b.evidence(&meeting, doc, ex, &m.evidence);
        if let Some(bnode) = bnode {
            b.add(&bnode, &term("evidence"), ev);
        }
        for (xi, p) in m.participants.iter().enumerate() {
            let person = person_of(&p.person);
            let (role, direct) = role_term(p.role);
            if p.role.is_present() {
                b.add(&person, &term("attends"), meeting.clone());
            }
            if let Some(d) = direct {
                b.add(&person, &term(d), meeting.clone());
            }
            let part = iri::under(a, "participation", &format!("{mi}-{xi}"));
            b.add(&meeting, &term("participation"), part.clone());
            b.typed(&part, "Participation");
            b.add(&part, &term("participant"), person);
            b.add(&part, &term("role"), iri(&term(role)));
            b.int(&part, &term("listIndex"), p.list);
            b.int(&part, &term("position"), p.position);
            if let Some(t) = &p.title_as_written {
                b.text(&part, &term("titleAsWritten"), t);
            }
            b.evidence(&part, doc, ex, &p.evidence);
        }
        // A body that took part with no person named (南京市作交流发言) is the
        // participant itself; it attends nothing, so networks of people leave it out.
        for (yi, y) in m.bodies.iter().enumerate() {
            let key = post::qualify_body(post::body_key(&y.body, ctx.lexicon), &jurs);
            let body = iri::body(&key.name);
            b.typed(&body, "Body");
            b.text(&body, vocab::RDFS_LABEL, &key.name);
            if let Some(j) = &key.jurisdiction {
                b.text(&body, &term("jurisdiction"), j);
            }
            let part = iri::under(a, "body-participation", &format!("{mi}-{yi}"));
            b.add(&meeting, &term("participation"), part.clone());
            b.typed(&part, "Participation");
            b.add(&part, &term("participant"), body);
            b.add(&part, &term("role"), iri(&term(role_term(y.role).0)));
            b.int(&part, &term("listIndex"), y.list);
            b.int(&part, &term("position"), y.position);
            b.evidence(&part, doc, ex, &y.evidence);
        }
        for (di, d) in m.documents.iter().enumerate() {
            let document = iri::document(&d.title);
            b.typed(&document, "Document");
            // Named by its key, so two spellings (with and without spaces) give one name.
            b.text(&document, vocab::RDFS_LABEL, &keys::document_key(&d.title));
            let status = match d.status {
                DocStatus::Approved => {
                    b.add(&meeting, &term("approves"), document.clone());
                    "Approved"
                }
                DocStatus::Deliberated => {
                    b.add(&meeting, &term("deliberates"), document.clone());
                    "Deliberated"
                }
                DocStatus::Mentioned => {
                    b.add(a, &term("mentions"), document.clone());
                    "Mentioned"
                }
            };
            let action = iri::under(a, "document-action", &format!("{mi}-{di}"));
            b.add(&meeting, &term("documentAction"), action.clone());
            b.typed(&action, "DocumentAction");
            b.add(&action, &term("document"), document);
            b.add(&action, &term("documentStatus"), iri(&term(status)));
            b.evidence(&action, doc, ex, &d.evidence);
        }
    }
    for d in &ex.documents {
        let document = iri::document(&d.title);
        b.typed(&document, "Document");
        b.text(&document, vocab::RDFS_LABEL, &keys::document_key(&d.title));
        b.add(a, &term("mentions"), document);
    }
    // The same triple can come from two facts (a person chairing and speaking
    // attends once); keep the first, in emission order, so output is stable.
    // Quads are hashed by reference with a fast hasher (the set only answers
    // look-ups, so its order never shows), instead of cloned into a SipHash set.
    let keep: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(b.quads.len());
        b.quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut keep = keep.into_iter();
    b.quads.retain(|_| keep.next().unwrap_or(true));
    b.quads
}
