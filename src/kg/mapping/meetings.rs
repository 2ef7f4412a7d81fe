//! Meetings, the bodies that held them, and who took part in what role.
//!
//! Takes the article's meetings and the [`Scope`] of the article. Gives, through
//! the [`Builder`], each meeting with its name, kind, ordinal, date, form and
//! body; a `govkg:Participation` per person and per body that took part, with
//! the role's class and its shortcut predicate (`govkg:chairs`); the meeting's
//! documents (see [`super::documents`]); and an evidence node for every fact.
//! Never reads the text: names and roles are the extractors'.

use oxigraph::model::NamedNode;

use super::super::iri::{self, node as iri};
use super::super::vocab::{self, term};
use super::builder::Builder;
use super::{Scope, documents};
use crate::extract::{BodyParticipation, Meeting, Participation};
use crate::identity::{keys, post};
use crate::lexicon::Role;

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

/// Every meeting of the article, with its participations and documents.
pub(super) fn meetings(b: &mut Builder<'_>, s: &Scope<'_>) {
    let ex = b.ex;
    for (mi, m) in ex.meetings.iter().enumerate() {
        let meeting = meeting(b, s, mi, m);
        for (xi, p) in m.participants.iter().enumerate() {
            participation(b, s, &meeting, &format!("{mi}-{xi}"), p);
        }
        for (yi, y) in m.bodies.iter().enumerate() {
            body_participation(b, s, &meeting, &format!("{mi}-{yi}"), y);
        }
        documents::actions(b, &meeting, mi, m);
    }
}

/// The meeting node, its body and its evidence; returns the node.
fn meeting(b: &mut Builder<'_>, s: &Scope<'_>, mi: usize, m: &Meeting) -> NamedNode {
    let meeting = iri::meeting(&keys::meeting_key(b.doc, mi, m));
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
        let bnode = body_node(b, s, body);
        b.add(&meeting, &term("heldBy"), bnode.clone());
        bnode
    });
    let article = b.article.clone();
    b.add(&meeting, &term("reportedIn"), article);
    let ev = b.evidence(&meeting, &m.evidence);
    if let Some(bnode) = bnode {
        b.add(&bnode, &term("evidence"), ev);
    }
    meeting
}

/// A body's node under its normalised name, with its jurisdiction.
fn body_node(b: &mut Builder<'_>, s: &Scope<'_>, name: &str) -> NamedNode {
    let key = post::qualify_body(post::body_key(name, s.ctx.lexicon), &s.jurs);
    let body = iri::body(&key.name);
    b.typed(&body, "Body");
    b.text(&body, vocab::RDFS_LABEL, &key.name);
    if let Some(j) = &key.jurisdiction {
        b.text(&body, &term("jurisdiction"), j);
    }
    body
}

/// A person's part in a meeting, and the shortcuts that state it directly.
fn participation(b: &mut Builder<'_>, s: &Scope<'_>, meeting: &NamedNode, local: &str, p: &Participation) {
    let person = s.person_of(&p.person);
    let (role, direct) = role_term(p.role);
    if p.role.is_present() {
        b.add(&person, &term("attends"), meeting.clone());
    }
    if let Some(d) = direct {
        b.add(&person, &term(d), meeting.clone());
    }
    let part = iri::under(&b.article, "participation", local);
    b.add(meeting, &term("participation"), part.clone());
    b.add(&part, &term("participant"), person);
    b.add(&part, &term("role"), iri(&term(role)));
    b.int(&part, &term("listIndex"), p.list);
    b.int(&part, &term("position"), p.position);
    if let Some(t) = &p.title_as_written {
        b.text(&part, &term("titleAsWritten"), t);
    }
    b.evidence(&part, &p.evidence);
}

/// A body that took part with no person named (南京市作交流发言) is the
/// participant itself; it attends nothing, so networks of people leave it out.
fn body_participation(b: &mut Builder<'_>, s: &Scope<'_>, meeting: &NamedNode, local: &str, y: &BodyParticipation) {
    let body = body_node(b, s, &y.body);
    let part = iri::under(&b.article, "body-participation", local);
    b.add(meeting, &term("participation"), part.clone());
    b.add(&part, &term("participant"), body);
    b.add(&part, &term("role"), iri(&term(role_term(y.role).0)));
    b.int(&part, &term("listIndex"), y.list);
    b.int(&part, &term("position"), y.position);
    b.evidence(&part, &y.evidence);
}
