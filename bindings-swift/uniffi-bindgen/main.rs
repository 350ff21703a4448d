//! `uniffi-bindgen`, the version the workspace's `uniffi` runtime expects:
//! `scripts/uniffi-generate.sh` runs it over the built `lotwise-ffi`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
