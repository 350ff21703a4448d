//! Addresses as channels send them: every field optional, assembled once.

use crate::domain::order::Address;

/// Address fields as a channel sends them, each possibly absent.
pub(crate) struct AddressParts {
    pub name: Option<String>,
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

impl AddressParts {
    /// The address, or `None` when the channel sent nothing that locates it
    /// (no name, street, city, postal code or country).
    pub(crate) fn into_address(self) -> Option<Address> {
        if self.name.is_none()
            && self.line1.is_none()
            && self.city.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
        {
            return None;
        }
        Some(Address {
            name: self.name.unwrap_or_default(),
            line1: self.line1.unwrap_or_default(),
            line2: self.line2,
            city: self.city.unwrap_or_default(),
            region: self.region,
            postal_code: self.postal_code.unwrap_or_default(),
            country: self.country.unwrap_or_default(),
        })
    }
}
