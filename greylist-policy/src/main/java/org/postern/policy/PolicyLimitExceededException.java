package org.postern.policy;

/** A policy request exceeded the line length, attribute count or request size limit. */
public final class PolicyLimitExceededException extends MalformedPolicyRequestException {
  private static final long serialVersionUID = 1L;

  /** Names the limit and its value. */
  public PolicyLimitExceededException(String message) {
    super(message);
  }
}
