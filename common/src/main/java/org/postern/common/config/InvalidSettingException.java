package org.postern.common.config;

/**
 * Thrown by a config record's compact constructor to reject one of its keys; the loader then
 * reports the problem at that key's line. A plain {@link IllegalArgumentException} is reported at
 * the line of the record itself.
 */
public class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** Names the kebab-case key of the record being built and what is wrong with its value. */
  public InvalidSettingException(String key, String problem) {
    super(problem);
    this.key = key;
  }

  /** The kebab-case key, relative to the record that threw. */
  public String key() {
    return key;
  }
}
