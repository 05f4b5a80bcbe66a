package org.postern.policy;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a policy answers Postfix: an access(5) action such as {@code DUNNO}, {@code OK}, {@code
 * DEFER_IF_PERMIT text}, {@code REJECT text} or {@code PREPEND header: value}.
 *
 * @param action the action text after {@code action=}, one line
 */
public record PolicyAction(String action) {

  private static final PolicyAction DUNNO = new PolicyAction("DUNNO");
  private static final PolicyAction OK = new PolicyAction("OK");

  /** Refuses empty actions and line breaks, which would end the reply early. */
  public PolicyAction {
    Objects.requireNonNull(action, "action");
    if (action.isBlank()) {
      throw new IllegalArgumentException("policy action must not be empty");
    }
    if (action.indexOf('\n') >= 0 || action.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("policy action must be one line: " + action);
    }
  }

  /** No opinion: Postfix goes on with the next restriction. */
  public static PolicyAction dunno() {
    return DUNNO;
  }

  /** Accept: Postfix stops evaluating this restriction list. */
  public static PolicyAction ok() {
    return OK;
  }

  /** Defer with {@code text} unless a later restriction rejects the mail outright. */
  public static PolicyAction deferIfPermit(String text) {
    return withText("DEFER_IF_PERMIT", text);
  }

  /** Reject permanently with {@code text}. */
  public static PolicyAction reject(String text) {
    return withText("REJECT", text);
  }

  /** Defer with {@code text}. */
  public static PolicyAction defer(String text) {
    return withText("DEFER", text);
  }

  /** Add {@code header} (like {@code X-Greylist: delayed 300 seconds}) and go on, like DUNNO. */
  public static PolicyAction prepend(String header) {
    return new PolicyAction("PREPEND " + header);
  }

  /** Any access(5) action as written, for actions without a factory here. */
  public static PolicyAction raw(String action) {
    return new PolicyAction(action);
  }

  /** The reply in wire form: {@code action=...} and an empty line. */
  public byte[] encode() {
    return ("action=" + action + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static PolicyAction withText(String verb, String text) {
    return new PolicyAction(text == null || text.isBlank() ? verb : verb + " " + text);
  }
}
