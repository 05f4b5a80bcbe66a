package org.postern.common.server;

import java.io.IOException;
import org.postern.common.address.ListenAddress;

/** A listen address could not be bound; the message names the address and the reason. */
public final class ServerStartException extends IOException {
  private static final long serialVersionUID = 1L;

  // Not serializable (a record of a path or host); the message keeps the text form.
  private final transient ListenAddress address;

  /** Builds the message from the address, what went wrong, and the underlying cause if any. */
  public ServerStartException(ListenAddress address, String problem, Throwable cause) {
    super("cannot listen on " + address + ": " + problem, cause);
    this.address = address;
  }

  /** The address that could not be bound; null after deserialization. */
  public ListenAddress address() {
    return address;
  }
}
