package org.postern.screen.address;

/** Text that should be an IP address literal is not one. */
public final class InvalidClientAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Names the text at fault. */
  public InvalidClientAddressException(String text) {
    super("not an IP address: '" + text + "'");
  }
}
