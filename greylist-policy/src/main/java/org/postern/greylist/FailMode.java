package org.postern.greylist;

/** What to answer when the store cannot be asked (down, or its queue is full). */
public enum FailMode {
  /** Let the mail through ungreylisted: a store outage never delays mail (the default). */
  DUNNO,
  /** Defer unless rejected otherwise: spam stays out during an outage, and so does mail. */
  DEFER_IF_PERMIT
}
