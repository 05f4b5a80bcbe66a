package org.postern.milter.negotiation;

import java.util.Optional;

/**
 * The stages that carry macros (libmilter's SMFIM_* numbers, used by SETSYMLIST), with the command
 * code the MTA uses in MACRO for them.
 */
public enum MacroStage {
  /** SMFIM_CONNECT: sent with CONNECT. */
  CONNECT(0, 'C'),
  /** SMFIM_HELO: sent with HELO. */
  HELO(1, 'H'),
  /** SMFIM_ENVFROM: sent with MAIL. */
  MAIL(2, 'M'),
  /** SMFIM_ENVRCPT: sent with RCPT. */
  RCPT(3, 'R'),
  /** SMFIM_DATA: sent with DATA. */
  DATA(4, 'T'),
  /** SMFIM_EOM: sent with end of message (Postfix also sends them with body chunks). */
  END_OF_MESSAGE(5, 'E'),
  /** SMFIM_EOH: sent with end of headers (Postfix also sends them with each header). */
  END_OF_HEADERS(6, 'N');

  private final int number;
  private final char commandCode;

  MacroStage(int number, char commandCode) {
    this.number = number;
    this.commandCode = commandCode;
  }

  /** The SMFIM_* number used on the wire in SETSYMLIST. */
  public int number() {
    return number;
  }

  /** The command code this stage's MACRO carries. */
  public char commandCode() {
    return commandCode;
  }

  /** Whether these macros belong to the message (cleared by ABORT and a new MAIL). */
  public boolean isMessageStage() {
    return number >= MAIL.number;
  }

  /** The stage with SMFIM number {@code number}, if any. */
  public static Optional<MacroStage> ofNumber(int number) {
    for (MacroStage stage : values()) {
      if (stage.number == number) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  /**
   * The stage whose macros a MACRO with {@code commandCode} defines: header macros count as end of
   * headers and body macros as end of message, as Postfix sends them.
   */
  public static Optional<MacroStage> ofCommandCode(char commandCode) {
    switch (commandCode) {
      case 'L':
        return Optional.of(END_OF_HEADERS);
      case 'B':
        return Optional.of(END_OF_MESSAGE);
      default:
        for (MacroStage stage : values()) {
          if (stage.commandCode == commandCode) {
            return Optional.of(stage);
          }
        }
        return Optional.empty();
    }
  }
}
