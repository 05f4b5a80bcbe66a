package org.postern.screen.proxy;

/** What the proxy does with a client that fails a test, as postscreen's {@code *_action}. */
public enum TestAction {
  /** Log the failure and treat the client as if it had passed this test. */
  IGNORE,
  /** Log, then play SMTP up to RCPT TO and answer 550 there, so sender and recipient are logged. */
  ENFORCE,
  /** Answer 521 and close at once. */
  DROP
}
