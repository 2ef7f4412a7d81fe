//! The rows a network is built from, for the exports and for the reports alike.
//!
//! Takes the store (the exports' path: people keyed by IRI, meetings as the
//! union of graphs describes them) or a report's participation and
//! article-meeting rows (the reports' path: people keyed by name). Gives
//! [`Rows`], which [`Rows::network`] hands to the one builder,
//! [`Network::build`], so both paths get the same nodes, ties and metrics from
//! the same rows. Never writes, and reads the store only in [`Rows::read`].

use super::{MeetingRow, Network, Options, PresenceRow, Role};
use crate::kg::rows::{ArticleMeetingRow, ParticipationRow, meetings_by_iri, representatives};
use crate::kg::{Store, StoreError};

/// The rows networks are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// Every (person, meeting, role) row, sorted.
    pub presences: Vec<PresenceRow>,
    /// Every meeting, sorted.
    pub meetings: Vec<MeetingRow>,
}

impl Rows {
    /// The rows read from the store itself, bypassing any cache: people by IRI,
    /// every role kept (the filters choose among them), a meeting `reconcile`
    /// linked counted once.
    pub fn read(store: &Store) -> Result<Rows, StoreError> {
        Ok(Rows { presences: store.presence_rows()?, meetings: store.meeting_rows()? })
    }

    /// The rows of the present participations, with every person keyed by
    /// name: the people of a report are names as the user types them, so one
    /// name is one node. Each counts as an attendee at the canonical meeting,
    /// which is described by the first of the meetings linked to it (see
    /// [`representatives`]) as the first article names it.
    pub fn by_name(parts: &[ParticipationRow], meetings: &[ArticleMeetingRow]) -> Rows {
        // Sorted and deduplicated as borrowed pairs, so only the distinct ones are copied.
        let mut pairs: Vec<(&str, &str)> =
            parts.iter().filter(|p| p.present()).map(|p| (p.name.as_str(), p.canonical.as_str())).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let presences = pairs
            .into_iter()
            .map(|(name, meeting)| PresenceRow {
                person: name.to_string(),
                name: name.to_string(),
                meeting: meeting.to_string(),
                role: Role::Attendee,
            })
            .collect();
        let described = meetings_by_iri(meetings);
        let meetings = representatives(parts)
            .into_iter()
            .filter_map(|(canonical, member)| {
                let m = described.get(member)?;
                Some(MeetingRow { iri: canonical.to_string(), ..m.clone() })
            })
            .collect();
        Rows { presences, meetings }
    }

    /// The network of these rows that `options` asks for.
    pub fn network(&self, options: &Options) -> Network {
        Network::build(&self.presences, &self.meetings, options)
    }
}
