//! Word wrapping by display width, so the view knows exactly which row each option lands on
//! (for the cursor, mouse clicks and scrolling). The wrapping itself is [`crate::text`]'s.

pub use crate::text::wrap;
