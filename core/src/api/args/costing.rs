//! Named arguments of the unit and costing operations.

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::domain::units::Unit;
use crate::{Money, Qty};

args_record! {
    /// A pack unit to define (or resize) on an item.
    pub struct DefinePack {
        /// The item's SKU.
        pub sku: String,
        /// The pack's name: 1 to 16 letters, not a standard unit (`box`, `drum`).
        pub name: String,
        /// What one pack holds, in any unit of the item (`"12 pcs"`, `"25 kg"`).
        pub qty: Qty,
    }
}

args_record! {
    /// The unit an item's quantities are shown in.
    pub struct SetDisplayUnit {
        /// The item's SKU.
        pub sku: String,
        /// A standard unit of the item's dimension or one of its packs.
        pub unit: Unit,
    }
}

args_record! {
    /// A quantity of an item to express in another of its units.
    pub struct ConvertQty {
        /// The item's SKU.
        pub sku: String,
        /// The quantity, in any unit of the item (packs included).
        pub qty: Qty,
        /// The unit to express it in; the item's display unit when absent.
        #[serde(default)]
        pub to: Option<Unit>,
    }
}

args_record! {
    /// A work center's cost per hour.
    pub struct SetWorkCenterRate {
        /// The work center's code.
        pub code: String,
        /// What an hour of its booked time costs, in the shop's cost currency.
        pub rate_per_hour: Money,
    }
}

args_record! {
    /// A shipment by id.
    pub struct ByShipment {
        /// The shipment id, e.g. `SH-000001`.
        pub id: String,
    }
}

args_record! {
    /// An instant to report at.
    pub struct AtInstant {
        /// The instant (RFC 3339); now when absent.
        #[serde(default)]
        pub at: Option<DateTime<Utc>>,
    }
}
