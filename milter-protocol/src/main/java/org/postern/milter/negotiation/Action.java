package org.postern.milter.negotiation;

import java.util.EnumSet;
import java.util.Set;

/** The modifications a milter may ask for (libmilter's SMFIF_* bits), offered by the MTA. */
public enum Action {
  /** SMFIF_ADDHDRS: add headers. */
  ADD_HEADERS(0x01),
  /** SMFIF_CHGBODY: replace the body. */
  CHANGE_BODY(0x02),
  /** SMFIF_ADDRCPT: add recipients. */
  ADD_RECIPIENT(0x04),
  /** SMFIF_DELRCPT: delete recipients. */
  DELETE_RECIPIENT(0x08),
  /** SMFIF_CHGHDRS: change or delete headers (also needed to insert them). */
  CHANGE_HEADERS(0x10),
  /** SMFIF_QUARANTINE: quarantine the message. */
  QUARANTINE(0x20),
  /** SMFIF_CHGFROM: change the envelope sender. */
  CHANGE_FROM(0x40),
  /** SMFIF_ADDRCPT_PAR: add recipients with ESMTP arguments. */
  ADD_RECIPIENT_WITH_ARGUMENTS(0x80),
  /** SMFIF_SETSYMLIST: the milter may choose the macros sent per stage. */
  SET_MACRO_LIST(0x100);

  private final int bit;

  Action(int bit) {
    this.bit = bit;
  }

  /** The bit of this action in the OPTNEG actions word. */
  public int bit() {
    return bit;
  }

  /** The actions whose bits are set in {@code mask}; unknown bits are ignored. */
  public static Set<Action> fromMask(int mask) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (Action action : values()) {
      if ((mask & action.bit) != 0) {
        actions.add(action);
      }
    }
    return actions;
  }

  /** The OPTNEG actions word for {@code actions}. */
  public static int toMask(Set<Action> actions) {
    int mask = 0;
    for (Action action : actions) {
      mask |= action.bit;
    }
    return mask;
  }
}
