// Preloaded (`node --import`) into the Action bundle the tests run: the throttling plugin's
// spacing unit becomes 1 ms instead of 1 s (see SPACING_OVERRIDE in src/github/rate-limits.ts).
globalThis[Symbol.for('group-steward.spacing-base-ms')] = 1;
