//! Catalog commands: items, recipes, locations.

use std::collections::BTreeMap;

use super::{Ctx, Lotwise};
use crate::domain::catalog::{validate_code, Item, NewItem};
use crate::domain::event::EventData;
use crate::domain::location::{Location, LocationKind};
use crate::domain::recipe::{find_cycle, NewRecipe, Recipe};
use crate::error::{Error, Result};

impl Lotwise {
    /// Defines an item. Its SKU must be new.
    ///
    /// ```
    /// # use lotwise::{Lotwise, NewItem, ItemKind, Uom};
    /// let lw = Lotwise::open(":memory:").unwrap();
    /// let item = lw.define_item(NewItem::new("LYE", "Sodium hydroxide", ItemKind::Material, Uom::Kg)).unwrap();
    /// assert_eq!(item.uom, Uom::G); // stock is kept in the base unit
    /// assert_eq!(lw.define_item(NewItem::new("LYE", "again", ItemKind::Material, Uom::G)).unwrap_err().code(), "duplicate_sku");
    /// ```
    pub fn define_item(&self, new: NewItem) -> Result<Item> {
        self.write(|ctx| {
            let item = new.into_item()?;
            if ctx.tx.item(&item.sku)?.is_some() {
                return Err(Error::DuplicateSku { sku: item.sku });
            }
            ctx.tx.put_item(&item)?;
            super::units::file_packs(&mut *ctx.tx, &item)?;
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

    /// Defines a recipe, or its next version when the product has one.
    /// Refuses unknown SKUs and recipes that would make a cycle.
    pub fn define_recipe(&self, new: NewRecipe) -> Result<Recipe> {
        self.write(|ctx| {
            let product = ctx.item(&new.product)?;
            let mut inputs = Vec::with_capacity(new.inputs.len());
            for input in &new.inputs {
                if input.sku == new.product {
                    return Err(Error::RecipeCycle {
                        path: vec![new.product.clone(), new.product.clone()],
                    });
                }
                inputs.push(ctx.item(&input.sku)?);
            }
            let mut current: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for r in ctx.tx.recipes()? {
                // Later versions overwrite earlier ones: only the newest counts.
                current.insert(
                    r.product.clone(),
                    r.inputs.iter().map(|l| l.sku.clone()).collect(),
                );
            }
            let input_skus: Vec<String> = new.inputs.iter().map(|i| i.sku.clone()).collect();
            let inputs_of = |sku: &str| current.get(sku).cloned().unwrap_or_default();
            if let Some(path) = find_cycle(&new.product, &input_skus, &inputs_of) {
                return Err(Error::RecipeCycle { path });
            }
            let version = ctx.tx.recipe(&new.product)?.map_or(1, |r| r.version + 1);
            let recipe = Recipe::build(new, &product, &inputs, version, ctx.now)?;
            ctx.tx.put_recipe(&recipe)?;
            ctx.emit(
                &recipe.product,
                EventData::RecipeDefined {
                    version: recipe.version,
                },
            )?;
            Ok(recipe)
        })
    }

    /// Defines a location (a warehouse, a shop's back room, a quarantine area…).
    pub fn define_location(&self, code: &str, name: &str, kind: LocationKind) -> Result<Location> {
        self.write(|ctx| {
            validate_code("location", code)?;
            if ctx.tx.location(code)?.is_some() {
                return Err(Error::DuplicateLocation {
                    location: code.into(),
                });
            }
            let location = Location {
                code: code.into(),
                name: name.into(),
                kind,
            };
            ctx.tx.put_location(&location)?;
            ctx.emit(
                code,
                EventData::LocationDefined {
                    name: name.into(),
                    kind,
                },
            )?;
            Ok(location)
        })
    }

    /// The item with this SKU.
    pub fn item(&self, sku: &str) -> Result<Item> {
        self.read(|ctx| ctx.item(sku))
    }

    /// Every item, by SKU.
    pub fn items(&self) -> Result<Vec<Item>> {
        self.read(|ctx| ctx.tx.items())
    }

    /// The newest recipe of a product.
    pub fn recipe(&self, product: &str) -> Result<Recipe> {
        self.read(|ctx| {
            ctx.tx.recipe(product)?.ok_or_else(|| Error::NoRecipe {
                sku: product.into(),
            })
        })
    }

    /// Every location.
    pub fn locations(&self) -> Result<Vec<Location>> {
        self.read(|ctx| ctx.tx.locations())
    }
}

impl Ctx<'_> {
    /// The item, or `unknown_sku`.
    pub fn item(&mut self, sku: &str) -> Result<Item> {
        self.tx
            .item(sku)?
            .ok_or_else(|| Error::UnknownSku { sku: sku.into() })
    }

    /// The location, or `unknown_location`.
    pub fn location(&mut self, code: &str) -> Result<Location> {
        self.tx
            .location(code)?
            .ok_or_else(|| Error::UnknownLocation {
                location: code.into(),
            })
    }

    /// The kind of a location, or `unknown_location`.
    pub fn location_kind(&mut self, code: &str) -> Result<LocationKind> {
        self.tx
            .location_kind(code)?
            .ok_or_else(|| Error::UnknownLocation {
                location: code.into(),
            })
    }
}
