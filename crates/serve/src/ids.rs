//! What the desk and the held walks both name things by.

/// A hash of a visitor's public key (salted with this process's own random bytes).
pub(super) type KeyHash = [u8; 32];
/// A running walkthrough, as the desk knows it.
pub(super) type RoomId = u64;
