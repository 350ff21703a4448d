//! An [`Event`] as stored and sent: `{"seq", "at", "subject", "kind",
//! "data"}` (see the module above for why in that order).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{Event, EventData};

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The event on the wire: `seq` first (the Postgres outbox numbers
        /// events by rewriting it), `kind` right before its `data` (a
        /// reader can pick the payload's type as it reaches it), and the
        /// payload serialized as it is, without a JSON value in between.
        #[derive(Serialize)]
        struct Wire<'a> {
            seq: u64,
            at: &'a DateTime<Utc>,
            subject: &'a str,
            #[serde(flatten)]
            data: &'a EventData,
        }
        Wire {
            seq: self.seq,
            at: &self.at,
            subject: &self.subject,
            data: &self.data,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// An event as stored: the kind as text, the payload as JSON.
        #[derive(Deserialize)]
        struct Stored {
            seq: u64,
            at: DateTime<Utc>,
            kind: String,
            subject: String,
            data: Value,
        }
        let stored = Stored::deserialize(deserializer)?;
        let data = EventData::from_data_json(&stored.kind, stored.data).map_err(|e| {
            serde::de::Error::custom(format_args!(
                "event {} of kind `{}`: {e}",
                stored.seq, stored.kind
            ))
        })?;
        Ok(Event {
            seq: stored.seq,
            at: stored.at,
            subject: stored.subject,
            data,
        })
    }
}
