// Kept while callers move to @bureau/hotline-protocol/messages.
export * from '@bureau/hotline-protocol/messages';
