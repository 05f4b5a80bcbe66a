package org.postern.milter.filter;

/** A filter could not be built from its settings: a missing key file, a bad resolver address. */
public final class FilterSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Names the filter type and the problem. */
  public FilterSetupException(String type, String problem, Throwable cause) {
    super(type + ": " + problem, cause);
  }

  /** Names the filter type and the problem. */
  public FilterSetupException(String type, String problem) {
    this(type, problem, null);
  }
}
