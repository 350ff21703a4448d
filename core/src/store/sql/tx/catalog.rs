//! The catalog in a [`SqlTx`]: items, recipes and locations, read once per
//! transaction (or taken from the store's shared copy, see
//! [`SharedCatalog`](super::super::cache::SharedCatalog)) and kept in step
//! with the transaction's own writes, which mark the catalog changed.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::super::cache::Catalog;
use super::super::Param::{Int, Text};
use super::super::{to_json, SqlConn};
use super::SqlTx;
use crate::domain::catalog::Item;
use crate::domain::location::Location;
use crate::domain::recipe::Recipe;
use crate::error::Result;

impl<C: SqlConn> SqlTx<C> {
    /// The record `sql` reads by `key` (its one parameter) from `table`:
    /// from this transaction's catalog (the map `pick` chooses), else read,
    /// kept there and taught to the store's shared copy. `None` (no such
    /// record) is kept too.
    fn cached_one<T: Clone + DeserializeOwned>(
        &mut self,
        pick: fn(&mut Catalog) -> &mut HashMap<String, Option<T>>,
        table: &str,
        sql: &'static str,
        key: &str,
    ) -> Result<Option<T>> {
        if let Some(cached) = pick(&mut self.catalog).get(key) {
            return Ok(cached.clone());
        }
        let found: Option<T> = self.one(table, sql, &[Text(key)])?;
        pick(&mut self.catalog).insert(key.to_string(), found.clone());
        self.learn(|c| {
            pick(c).insert(key.to_string(), found.clone());
        });
        Ok(found)
    }

    pub(super) fn read_item(&mut self, sku: &str) -> Result<Option<Item>> {
        let sql = "SELECT data FROM items WHERE sku = $1";
        self.cached_one(|c| &mut c.items, "items", sql, sku)
    }
    pub(super) fn write_item(&mut self, item: &Item) -> Result<()> {
        self.guard.exclusive("defining an item")?;
        self.catalog_changes()?;
        self.catalog.items.remove(&item.sku);
        self.put(
            "INSERT INTO items (sku, data) VALUES ($1, $2)
             ON CONFLICT (sku) DO UPDATE SET data = excluded.data",
            &[Text(&item.sku), Text(&to_json(item)?)],
        )?;
        self.catalog
            .items
            .insert(item.sku.clone(), Some(item.clone()));
        Ok(())
    }
    pub(super) fn read_items(&mut self) -> Result<Vec<Item>> {
        self.many("items", "SELECT data FROM items ORDER BY sku", &[])
    }

    /// The newest version of `product`'s recipe.
    pub(super) fn read_recipe(&mut self, product: &str) -> Result<Option<Recipe>> {
        let sql = "SELECT data FROM recipes WHERE product = $1 ORDER BY version DESC LIMIT 1";
        self.cached_one(|c| &mut c.recipes, "recipes", sql, product)
    }
    pub(super) fn read_recipe_version(
        &mut self,
        product: &str,
        version: u32,
    ) -> Result<Option<Recipe>> {
        self.one(
            "recipes",
            "SELECT data FROM recipes WHERE product = $1 AND version = $2",
            &[Text(product), Int(i64::from(version))],
        )
    }
    pub(super) fn write_recipe(&mut self, recipe: &Recipe) -> Result<()> {
        self.guard.exclusive("defining a recipe")?;
        self.catalog_changes()?;
        // The newest version may have changed: read it again when asked.
        self.catalog.recipes.remove(&recipe.product);
        self.put(
            "INSERT INTO recipes (product, version, data) VALUES ($1, $2, $3)
             ON CONFLICT (product, version) DO UPDATE SET data = excluded.data",
            &[
                Text(&recipe.product),
                Int(i64::from(recipe.version)),
                Text(&to_json(recipe)?),
            ],
        )
    }
    pub(super) fn read_recipes(&mut self) -> Result<Vec<Recipe>> {
        self.many(
            "recipes",
            "SELECT data FROM recipes ORDER BY product, version",
            &[],
        )
    }

    pub(super) fn read_location(&mut self, code: &str) -> Result<Option<Location>> {
        let sql = "SELECT data FROM locations WHERE code = $1";
        self.cached_one(|c| &mut c.locations, "locations", sql, code)
    }
    pub(super) fn write_location(&mut self, location: &Location) -> Result<()> {
        self.guard.exclusive("defining a location")?;
        self.catalog_changes()?;
        self.catalog.locations.remove(&location.code);
        self.catalog.all_locations = None;
        self.put(
            "INSERT INTO locations (code, data) VALUES ($1, $2)
             ON CONFLICT (code) DO UPDATE SET data = excluded.data",
            &[Text(&location.code), Text(&to_json(location)?)],
        )?;
        self.catalog
            .locations
            .insert(location.code.clone(), Some(location.clone()));
        Ok(())
    }
    pub(super) fn read_locations(&mut self) -> Result<Vec<Location>> {
        if let Some(all) = &self.catalog.all_locations {
            return Ok(all.clone());
        }
        let all: Vec<Location> =
            self.many("locations", "SELECT data FROM locations ORDER BY code", &[])?;
        self.catalog.all_locations = Some(all.clone());
        self.learn(|c| c.all_locations = Some(all.clone()));
        Ok(all)
    }
}
