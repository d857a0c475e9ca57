// Moved to domain/ so the alert sinks (outputs/) share it without importing sources' internals.
export * from '../../domain/backoff.js';
