package org.postern.policy;

/**
 * The bytes on a policy connection are not a valid policy request, or exceed a limit; the
 * connection is closed because the stream cannot be trusted after it.
 */
public class MalformedPolicyRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Says what is wrong with the request. */
  public MalformedPolicyRequestException(String message) {
    super(message);
  }
}
