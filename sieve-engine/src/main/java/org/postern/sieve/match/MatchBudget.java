package org.postern.sieve.match;

/**
 * The deadline of the Sieve run on this thread. RE2/J matches in linear time, but one match over a
 * large value can still take seconds; the run-time limit is checked between commands, so the match
 * itself reads its input through a view that ends it at the deadline. Compiled matchers are shared
 * between threads, so the deadline travels with the thread running the script.
 */
public final class MatchBudget {
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
  // Reading the clock on every character would cost more than the match.
  private static final int CHECK_EVERY = 1024;
  // Short values cannot take long, even when the matcher backtracks over them.
  private static final int SHORTEST_BOUNDED = 256;

  private MatchBudget() {}

  /** Sets this thread's deadline ({@link System#nanoTime()} based); returns the previous one. */
  public static Long start(long deadlineNanos) {
    Long previous = DEADLINE.get();
    DEADLINE.set(deadlineNanos);
    return previous;
  }

  /** Restores the deadline {@link #start} replaced (null: none). */
  public static void restore(Long previous) {
    if (previous == null) {
      DEADLINE.remove();
    } else {
      DEADLINE.set(previous);
    }
  }

  /** {@code value} as regex input that throws {@link MatchTimeoutException} past the deadline. */
  static CharSequence bounded(String value) {
    Long deadline = DEADLINE.get();
    return deadline == null || value.length() < SHORTEST_BOUNDED
        ? value
        : new BoundedInput(value, deadline);
  }

  /** A string view that looks at the clock every few thousand characters read. */
  private static final class BoundedInput implements CharSequence {
    private final String value;
    private final long deadline;
    private int reads;

    BoundedInput(String value, long deadline) {
      this.value = value;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
        throw new MatchTimeoutException();
      }
      return value.charAt(index);
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return value.subSequence(start, end);
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
