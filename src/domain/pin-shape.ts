/** What a PIN looks like: its own file so the spec (and the renderer that reads it) need not load node:crypto. */
export const PIN_PATTERN = /^\d{4,8}$/;
