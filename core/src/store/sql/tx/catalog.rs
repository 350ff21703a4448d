//! The catalog in a [`SqlTx`]: items, recipes and locations, read once per
//! transaction (or taken from the store's shared copy, see
//! [`SharedCatalog`](super::super::cache::SharedCatalog)) and kept in step
//! with the transaction's own writes, which mark the catalog changed.

use super::super::Param::{Int, Text};
use super::super::{to_json, SqlConn};
use super::SqlTx;
use crate::domain::catalog::Item;
use crate::domain::location::Location;
use crate::domain::recipe::Recipe;
use crate::error::Result;

impl<C: SqlConn> SqlTx<C> {
    pub(super) fn read_item(&mut self, sku: &str) -> Result<Option<Item>> {
        if let Some(cached) = self.catalog.items.get(sku) {
            return Ok(cached.clone());
        }
        let item: Option<Item> = self.one(
            "items",
            "SELECT data FROM items WHERE sku = $1",
            &[Text(sku)],
        )?;
        self.catalog.items.insert(sku.to_string(), item.clone());
        self.learn(|c| {
            c.items.insert(sku.to_string(), item.clone());
        });
        Ok(item)
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

    pub(super) fn read_recipe(&mut self, product: &str) -> Result<Option<Recipe>> {
        if let Some(cached) = self.catalog.recipes.get(product) {
            return Ok(cached.clone());
        }
        let recipe: Option<Recipe> = self.one(
            "recipes",
            "SELECT data FROM recipes WHERE product = $1 ORDER BY version DESC LIMIT 1",
            &[Text(product)],
        )?;
        self.catalog
            .recipes
            .insert(product.to_string(), recipe.clone());
        self.learn(|c| {
            c.recipes.insert(product.to_string(), recipe.clone());
        });
        Ok(recipe)
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
        if let Some(cached) = self.catalog.locations.get(code) {
            return Ok(cached.clone());
        }
        let location: Option<Location> = self.one(
            "locations",
            "SELECT data FROM locations WHERE code = $1",
            &[Text(code)],
        )?;
        self.catalog
            .locations
            .insert(code.to_string(), location.clone());
        self.learn(|c| {
            c.locations.insert(code.to_string(), location.clone());
        });
        Ok(location)
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
