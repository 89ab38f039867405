/**
 * The store can no longer be trusted with a write, or cannot be reached: the message says what
 * happened and what to do. The HTTP layer answers 503 `storage_unavailable` with it.
 */
export class StorageFault extends Error {}
