package org.postern.sieve.message;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The header fields of a {@link SieveMessage} in message order, as an unmodifiable list that reads
 * each field when first asked for: MIME parsing hands the list on but mostly reads one field.
 */
public final class HeaderFields extends AbstractList<Header> implements RandomAccess {

  private final SieveMessage message;

  HeaderFields(SieveMessage message) {
    this.message = message;
  }

  @Override
  public Header get(int index) {
    return message.header(index);
  }

  @Override
  public int size() {
    return message.fieldCount();
  }

  /**
   * The raw value of the first field named {@code name} (case-insensitive), or {@code null},
   * without reading the other fields.
   */
  public String first(String name) {
    return message.firstRawHeader(name);
  }
}
