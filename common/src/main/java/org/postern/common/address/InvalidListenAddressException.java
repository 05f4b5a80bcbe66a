package org.postern.common.address;

/** A listen or connect address that is not in Postfix notation; the message quotes it. */
public final class InvalidListenAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Builds the message from the offending text and what is wrong with it. */
  public InvalidListenAddressException(String text, String problem) {
    super(
        "invalid address '"
            + text
            + "': "
            + problem
            + "; expected "
            + ListenAddress.EXPECTED_FORMS);
  }
}
