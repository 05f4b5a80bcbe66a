package org.postern.sieve.runtime;

/** Answers RFC 5490 {@code mailboxexists}: which mailboxes of the recipient exist. */
@FunctionalInterface
public interface MailboxDirectory {

  /** A directory knowing only INBOX, for callers without a mail store. */
  MailboxDirectory INBOX_ONLY = name -> name.equalsIgnoreCase("INBOX");

  /** Whether the mailbox {@code name} (UTF-8, hierarchy as the caller names it) exists. */
  boolean exists(String name);
}
