package org.postern.screen.access;

/** What an access list entry says about matching clients, as in postscreen_access_list. */
public enum AccessAction {
  /** Skip every test and let the client through. */
  PERMIT,
  /** Refuse the client. */
  REJECT,
  /** No opinion: run the tests. */
  DUNNO
}
