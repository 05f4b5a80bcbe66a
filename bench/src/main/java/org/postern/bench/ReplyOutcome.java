package org.postern.bench;

/** How the driver counts one reply; lookups and policy requests use different kinds. */
public enum ReplyOutcome {
  /** A lookup reply with a value ({@code OK}, {@code 200}). */
  FOUND("found"),
  /** A lookup reply without one ({@code NOTFOUND}, {@code 500}). */
  NOT_FOUND("not found"),
  /** A policy reply {@code action=DEFER_IF_PERMIT ...}: greylisted. */
  DEFER_IF_PERMIT("DEFER_IF_PERMIT"),
  /** A policy reply {@code action=DUNNO}: passed or whitelisted. */
  DUNNO("DUNNO"),
  /** Any other policy action ({@code OK}, {@code PREPEND}, {@code REJECT}, ...). */
  OTHER_ACTION("other actions"),
  /** A new SMTP connection that got its final {@code 220 } greeting line. */
  GREETED("greetings"),
  /** A failure, a malformed reply or a lost connection. */
  ERROR("errors");

  private final String label;

  ReplyOutcome(String label) {
    this.label = label;
  }

  /** The name in a report line. */
  public String label() {
    return label;
  }
}
