package dev.mcpinspector.core.event;

/** Why a {@link Subscription} ended. */
public enum CloseReason {
  /** The subscriber called {@link Subscription#close()}. */
  CLOSED_BY_SUBSCRIBER,
  /** The session was cleared (evicted, logged out) or was not open when subscribing. */
  SESSION_CLOSED,
  /** The subscriber's queue overflowed after it had not polled for the configured stall timeout. */
  STALLED,
  /** The subscriber's ready callback threw. */
  CALLBACK_FAILED,
  /** The component was shut down. */
  SHUTDOWN
}
