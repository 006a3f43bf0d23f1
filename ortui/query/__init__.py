"""Pure query building: drafts, documented limits, validation, time ranges, encoding."""
