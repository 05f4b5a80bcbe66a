package org.postern.common.config;

/**
 * A configuration problem found at start-up: a YAML syntax error, an unknown key or a bad value.
 *
 * <p>Unchecked because it only ever ends start-up: the command line catches it once and prints
 * {@link #getMessage()}, which reads {@code LOCATION: PROBLEM}, for example {@code config.yaml:12:
 * unknown key 'listn' in section 'srs' (known: listen, domain, secrets)}. The location is {@code
 * FILE:LINE}, {@code FILE} when no line is known, or {@code --option} for a value that came from
 * the command line.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String problem;

  /** Builds the exception from where the problem is and what it is. */
  public ConfigException(String location, String problem) {
    this(location, problem, null);
  }

  /** Builds the exception keeping the lower-level cause for debugging. */
  public ConfigException(String location, String problem, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
    this.problem = problem;
  }

  /** Where the problem is: {@code FILE:LINE}, {@code FILE}, {@code --option} or both. */
  public String location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
