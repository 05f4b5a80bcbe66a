package org.postern.screen.policy;

/** What the policy service answers for a listed client (config key {@code dnsbl-action}). */
public enum ListedAction {
  /** Permanent refusal: {@code REJECT 5.7.1 ...}, which Postfix sends as 554. */
  REJECT,
  /** Temporary refusal: {@code DEFER 4.7.1 ...}, sent as 450; for trying a list out safely. */
  DEFER,
  /** Log the listing and answer DUNNO. */
  IGNORE
}
