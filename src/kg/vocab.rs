//! The IRIs the mapping emits. Every `govkg:` term here is declared in
//! `ontology/govkg.ttl`; a test keeps the two in step.

use crate::lexicon::Role;

/// The govkg vocabulary namespace.
pub const NS: &str = "https://w3id.org/govkg/ns#";
/// Where instance IRIs live.
pub const ID: &str = "https://w3id.org/govkg/id/";
/// The graph holding the store's own metadata.
pub const STORE_GRAPH: &str = "https://w3id.org/govkg/id/store";

/// RDF, RDFS and XSD.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// rdfs:label.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// xsd:date.
pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
/// xsd:boolean.
pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
/// xsd:integer.
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
/// dcterms:identifier.
pub const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
/// dcterms:title.
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
/// dcterms:date.
pub const DCT_DATE: &str = "http://purl.org/dc/terms/date";
/// schema:url.
pub const SCHEMA_URL: &str = "https://schema.org/url";
/// schema:startDate.
pub const SCHEMA_START_DATE: &str = "https://schema.org/startDate";
/// owl:sameAs.
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
/// prov:wasDerivedFrom.
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
/// org:postIn.
pub const ORG_POST_IN: &str = "http://www.w3.org/ns/org#postIn";

/// Each role and the class that names it in the graph, in the enum's order.
pub const ROLE_CLASSES: [(Role, &str); 9] = [
    (Role::Chair, "Chair"),
    (Role::Speaker, "Speaker"),
    (Role::Reporter, "Reporter"),
    (Role::Relayer, "Relayer"),
    (Role::Attendee, "Attendee"),
    (Role::Nonvoting, "NonVotingAttendee"),
    (Role::Presidium, "Presidium"),
    (Role::Invited, "InvitedAttendee"),
    (Role::Absent, "Absentee"),
];

/// The local name of the class a role is in the graph (`Chair`, `NonVotingAttendee`).
pub fn role_class(role: Role) -> &'static str {
    ROLE_CLASSES.iter().find(|(r, _)| *r == role).map_or("Attendee", |(_, c)| c)
}

/// The role a `govkg:role` IRI names (the inverse of [`role_class`]).
pub fn role_of(iri: &str) -> Option<Role> {
    role_of_class(iri.strip_prefix(NS)?)
}

/// The role a class's local name (`Chair`, `Absentee`) names.
pub fn role_of_class(local: &str) -> Option<Role> {
    ROLE_CLASSES.iter().find(|(_, c)| *c == local).map(|(r, _)| *r)
}

/// The `govkg:` terms the mapping uses (local names).
pub const TERMS: &[&str] = &[
    "Absentee",
    "Acting",
    "Approved",
    "Article",
    "Attendee",
    "Body",
    "Chair",
    "Correction",
    "Current",
    "Deliberated",
    "Document",
    "DocumentAction",
    "Evidence",
    "Former",
    "Holding",
    "InvitedAttendee",
    "Meeting",
    "Mentioned",
    "NonVotingAttendee",
    "Participation",
    "Person",
    "Post",
    "Presidium",
    "Relayer",
    "Removed",
    "Appointed",
    "Reporter",
    "Speaker",
    "Store",
    "absentFrom",
    "action",
    "addressedAs",
    "alias",
    "approves",
    "article",
    "attends",
    "attestedOn",
    "canonical",
    "chairs",
    "complete",
    "contentHash",
    "correctsArticle",
    "deliberates",
    "document",
    "documentAction",
    "documentStatus",
    "end",
    "evidence",
    "externalId",
    "form",
    "formatVersion",
    "generation",
    "govkgVersion",
    "heldBy",
    "heldOn",
    "holding",
    "holdsPost",
    "holdsTitle",
    "inSentence",
    "jurisdiction",
    "kind",
    "knownPersonId",
    "listIndex",
    "loadInProgress",
    "mentions",
    "ordinal",
    "originBody",
    "outlet",
    "participant",
    "participation",
    "position",
    "positionName",
    "post",
    "relaysAt",
    "reportedIn",
    "reportsAt",
    "resolvedTitle",
    "role",
    "rule",
    "rulesHash",
    "sourcePath",
    "sourceLine",
    "speaksAt",
    "start",
    "status",
    "text",
    "textHash",
    "titleAsWritten",
    // The people layer (`reconcile`): spells and reference identities.
    "Spell",
    "articleCount",
    "bodyName",
    "endReason",
    "firstAttested",
    "firstSource",
    "holder",
    "lastAttested",
    "lastSource",
    "personId",
    "postJurisdiction",
    "postName",
    "referenceCandidate",
    "referenceStatus",
    "singleHolder",
];

/// The full IRI of a `govkg:` term.
pub fn term(local: &str) -> String {
    format!("{NS}{local}")
}

/// Percent-encodes what an IRI path segment cannot hold; Chinese characters stay as they are.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '·') {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}
