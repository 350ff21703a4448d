//! Units of an item: its pack units, its display unit, and quantities of it
//! converted between them.
//!
//! A pack unit belongs to one item (`box` = 12 pcs of BAR-LAV); another item
//! may define a pack of the same name with another size. An index of pack
//! names (`"{name} {sku}"`) lets a quantity written in a pack of *another*
//! item be refused with `pack_unit_mismatch`, saying whose pack it is,
//! instead of a bare `unknown_unit`.

use serde_json::Value;

use super::indexes::ids;
use super::Lotwise;
use crate::domain::catalog::{Item, NewPack};
use crate::domain::event::EventData;
use crate::domain::quantity::Qty;
use crate::domain::units::{PackName, Unit};
use crate::error::{Error, Result};
use crate::store::Tx;

/// Items by the names of their pack units (owner: the pack name).
pub const PACKS_BY_NAME: &str = "index.pack_unit";

impl Lotwise {
    /// Defines a pack unit of an item, or resizes one it has: `"2 box"` of
    /// the item then means twice `qty`. Quantities already recorded keep
    /// their base-unit amounts.
    ///
    /// ```
    /// # use lotwise::{Lotwise, NewItem, NewPack, ItemKind, Uom};
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// lw.define_item(NewItem::new("OIL-OLIVE", "Olive oil", ItemKind::Material, Uom::Kg)).unwrap();
    /// let oil = lw.define_pack("OIL-OLIVE", NewPack::new("drum", "25 kg".parse().unwrap())).unwrap();
    /// assert_eq!(oil.packs[0].qty.to_string(), "25000");
    /// assert_eq!(lw.convert_qty("OIL-OLIVE", "2 drum".parse().unwrap(), None).unwrap().to_string(), "50 kg");
    /// ```
    pub fn define_pack(&self, sku: &str, pack: NewPack) -> Result<Item> {
        self.write(|ctx| {
            let mut item = ctx.item(sku)?;
            item.define_pack("pack", pack, true)?;
            ctx.tx.put_item(&item)?;
            file_packs(&mut *ctx.tx, &item)?;
            ctx.emit(
                &item.sku,
                EventData::ItemDefined {
                    name: item.name.clone(),
                    kind: item.kind,
                    uom: item.uom,
                },
            )?;
            Ok(item)
        })
    }

    /// Sets the unit an item's quantities are shown in (`convert_qty`
    /// without a target): a standard unit of its dimension or one of its
    /// packs. Stock stays in the base unit.
    pub fn set_display_unit(&self, sku: &str, unit: Unit) -> Result<Item> {
        self.write(|ctx| {
            let mut item = ctx.item(sku)?;
            item.display_unit = Some(item.check_unit(unit)?);
            ctx.tx.put_item(&item)?;
            ctx.emit(
                &item.sku,
                EventData::ItemDefined {
                    name: item.name.clone(),
                    kind: item.kind,
                    uom: item.uom,
                },
            )?;
            Ok(item)
        })
    }

    /// A quantity of an item (in any of its units, packs included) in
    /// another of its units, or in its display unit when `to` is `None`.
    /// Exact when the quotient terminates (`453.59237 g` is `1 lb`), else
    /// rounded half-even to 12 decimals. Writes nothing.
    pub fn convert_qty(&self, sku: &str, qty: Qty, to: Option<Unit>) -> Result<Qty> {
        self.read(|ctx| {
            let item = ctx.item(sku)?;
            let base = item.base_value(qty)?;
            item.in_unit(base, to.unwrap_or_else(|| item.display_unit()))
        })
    }
}

/// Files every pack of `item` under its name, so a quantity in that pack
/// given for another item can say whose it is.
pub fn file_packs(tx: &mut dyn Tx, item: &Item) -> Result<()> {
    for pack in &item.packs {
        tx.put_doc(
            PACKS_BY_NAME,
            &format!("{} {}", pack.name, item.sku),
            &Value::Null,
        )?;
    }
    Ok(())
}

/// An `unknown_unit` for an item whose unit is a pack of other items becomes
/// `pack_unit_mismatch`, naming them; every other error is returned as it
/// was. Reading the index may fail (a conflict on a shared store): then the
/// error stays as it was too.
pub fn explain(tx: &mut dyn Tx, error: Error) -> Error {
    let Error::UnknownUnit {
        unit,
        value,
        sku: Some(sku),
    } = &error
    else {
        return error;
    };
    let Some(name) = PackName::parse(unit) else {
        return error;
    };
    let mut pack_of: Vec<String> = Vec::new();
    for candidate in std::iter::once(name).chain(name.singulars()) {
        match ids(tx, PACKS_BY_NAME, candidate.as_str()) {
            Ok(found) => pack_of.extend(found),
            Err(_) => return error,
        }
    }
    pack_of.retain(|s| s != sku);
    pack_of.sort();
    pack_of.dedup();
    if pack_of.is_empty() {
        return error;
    }
    Error::PackUnitMismatch {
        unit: unit.clone(),
        value: value.clone(),
        sku: sku.clone(),
        pack_of,
    }
}
